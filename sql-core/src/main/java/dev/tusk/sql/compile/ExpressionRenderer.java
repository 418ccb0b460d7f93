package dev.tusk.sql.compile;

import dev.tusk.sql.ast.Aggregate;
import dev.tusk.sql.ast.ArrayConstructor;
import dev.tusk.sql.ast.Associativity;
import dev.tusk.sql.ast.Between;
import dev.tusk.sql.ast.Binary;
import dev.tusk.sql.ast.Case;
import dev.tusk.sql.ast.Cast;
import dev.tusk.sql.ast.ColumnRef;
import dev.tusk.sql.ast.Constant;
import dev.tusk.sql.ast.Exists;
import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.FrameBound;
import dev.tusk.sql.ast.FunctionCall;
import dev.tusk.sql.ast.Junction;
import dev.tusk.sql.ast.Label;
import dev.tusk.sql.ast.OrderItem;
import dev.tusk.sql.ast.Param;
import dev.tusk.sql.ast.Precedence;
import dev.tusk.sql.ast.Quantified;
import dev.tusk.sql.ast.QuantifiedSubquery;
import dev.tusk.sql.ast.Raw;
import dev.tusk.sql.ast.RowValue;
import dev.tusk.sql.ast.ScalarSubquery;
import dev.tusk.sql.ast.Slot;
import dev.tusk.sql.ast.Star;
import dev.tusk.sql.ast.Subscript;
import dev.tusk.sql.ast.Unary;
import dev.tusk.sql.ast.WindowCall;
import dev.tusk.sql.ast.WindowSpec;
import java.util.List;

/**
 * Renders expressions: one exhaustive switch over {@link Expr}, and parentheses decided by
 * precedence alone. A child is parenthesized when it binds looser than its parent's operator, or
 * as loosely where grouping would otherwise change (the right side of a left-associative operator,
 * either side of a non-associative one, the operand of a prefix or postfix operator).
 */
final class ExpressionRenderer {
  private final RenderContext ctx;
  private StatementRenderer statements;

  ExpressionRenderer(RenderContext ctx) {
    this.ctx = ctx;
  }

  void connect(StatementRenderer statementRenderer) {
    this.statements = statementRenderer;
  }

  /** Renders an expression that stands alone: an argument, a list item, a clause. */
  void render(Expr<?> expr) {
    render(expr, Precedence.LOWEST, false);
  }

  /** Renders comma-separated expressions. */
  void list(List<? extends Expr<?>> exprs) {
    for (int i = 0; i < exprs.size(); i++) {
      if (i > 0) {
        ctx.append(", ");
      }
      render(exprs.get(i));
    }
  }

  /** Renders a select-list or RETURNING item: a label as {@code expression AS name}. */
  void selectItem(Expr<?> expr) {
    if (expr instanceof Label<?> label) {
      render(label.expression());
      ctx.append(" AS ").append(Identifiers.quote(label.name()));
    } else {
      render(expr);
    }
  }

  void orderItems(List<OrderItem> items) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        ctx.append(", ");
      }
      var item = items.get(i);
      render(item.expression());
      switch (item.direction()) {
        case DEFAULT -> { }
        case ASC -> ctx.append(" ASC");
        case DESC -> ctx.append(" DESC");
      }
      switch (item.nulls()) {
        case DEFAULT -> { }
        case FIRST -> ctx.append(" NULLS FIRST");
        case LAST -> ctx.append(" NULLS LAST");
      }
    }
  }

  /**
   * Renders {@code expr} as an operand whose operator has precedence {@code floor}: in parentheses
   * when the operand binds looser, or equally loosely and {@code strict}.
   */
  private void render(Expr<?> expr, Precedence floor, boolean strict) {
    var own = precedence(expr);
    boolean parenthesize = floor.tighterThan(own) || strict && own == floor;
    if (parenthesize) {
      ctx.append('(');
    }
    write(expr);
    if (parenthesize) {
      ctx.append(')');
    }
  }

  private void write(Expr<?> expr) {
    switch (expr) {
      case ColumnRef<?> column -> column(column);
      case Param<?> param -> param(param);
      case Slot<?> slot -> slot(slot);
      case Constant<?> constant -> ctx.append(constant.keyword().name());
      case Raw<?> raw -> ctx.append(raw.sql());
      case Binary<?> binary -> {
        var op = binary.op();
        render(binary.left(), op.precedence(), op.associativity() == Associativity.NONE);
        ctx.append(' ').append(op.token()).append(' ');
        render(binary.right(), op.precedence(), true);
      }
      case Unary<?> unary -> {
        var op = unary.op();
        if (op.postfix()) {
          render(unary.operand(), op.precedence(), true);
          ctx.append(' ').append(op.token());
        } else {
          ctx.append(op.token());
          if (Character.isLetter(op.token().charAt(op.token().length() - 1))) {
            ctx.append(' ');
          }
          render(unary.operand(), op.precedence(), true);
        }
      }
      case Junction junction -> {
        var terms = junction.terms();
        for (int i = 0; i < terms.size(); i++) {
          if (i > 0) {
            ctx.append(' ').append(junction.op().token()).append(' ');
          }
          render(terms.get(i), junction.op().precedence(), true);
        }
      }
      case Quantified quantified -> {
        render(quantified.left(), Precedence.COMPARISON, true);
        ctx.append(' ').append(quantified.op().token()).append(' ').append(quantified.quantifier().name())
            .append('(');
        render(quantified.array());
        ctx.append(')');
      }
      case QuantifiedSubquery quantified -> {
        render(quantified.left(), Precedence.COMPARISON, true);
        ctx.append(' ').append(quantified.op().token()).append(' ').append(quantified.quantifier().name())
            .append('(');
        statements.statement(quantified.query());
        ctx.append(')');
      }
      case Between between -> {
        render(between.value(), Precedence.LIKE, true);
        ctx.append(between.negated() ? " NOT BETWEEN " : " BETWEEN ");
        render(between.low(), Precedence.LIKE, true);
        ctx.append(" AND ");
        render(between.high(), Precedence.LIKE, true);
      }
      case Case<?> caseExpr -> caseExpression(caseExpr);
      case Cast<?> cast -> {
        ctx.append("CAST(");
        render(cast.operand());
        ctx.append(" AS ").append(TypeNames.of(cast.type())).append(')');
      }
      case FunctionCall<?> call -> {
        ctx.append(Identifiers.functionName(call.name())).append('(');
        list(call.arguments());
        ctx.append(')');
      }
      case Aggregate<?> aggregate -> aggregate(aggregate);
      case WindowCall<?> window -> {
        write(window.function());
        ctx.append(" OVER (");
        window(window.window());
        ctx.append(')');
      }
      case Exists exists -> {
        ctx.append("EXISTS (");
        statements.statement(exists.query());
        ctx.append(')');
      }
      case ScalarSubquery<?> subquery -> {
        ctx.append('(');
        statements.statement(subquery.query());
        ctx.append(')');
      }
      case RowValue row -> {
        ctx.append('(');
        list(row.items());
        ctx.append(')');
      }
      case ArrayConstructor<?> array -> {
        ctx.append("ARRAY[");
        list(array.elements());
        ctx.append(']');
        if (array.elements().isEmpty()) {
          ctx.append("::").append(TypeNames.of(array.type()));
        }
      }
      case Subscript<?> subscript -> {
        // PostgreSQL subscripts a column or a parameter directly; anything else, a function call
        // included, needs parentheses: (array_agg(x))[1].
        boolean bare = subscript.array() instanceof ColumnRef<?>
            || (subscript.array() instanceof Slot<?> || subscript.array() instanceof Param<?>)
            && precedence(subscript.array()) == Precedence.PRIMARY;
        render(subscript.array(), bare ? Precedence.LOWEST : Precedence.PRIMARY, !bare);
        ctx.append('[');
        render(subscript.index());
        if (subscript.upper() != null) {
          ctx.append(':');
          render(subscript.upper());
        }
        ctx.append(']');
      }
      case Label<?> label -> write(label.expression());
      case Star star -> {
        if (star.qualifier() != null) {
          ctx.append(Identifiers.quote(star.qualifier())).append('.');
        }
        ctx.append('*');
      }
    }
  }

  /** {@return how tightly a node binds as a whole} */
  private static Precedence precedence(Expr<?> expr) {
    return switch (expr) {
      case Binary<?> binary -> binary.op().precedence();
      case Unary<?> unary -> unary.op().precedence();
      case Junction junction -> junction.op().precedence();
      case Quantified ignored -> Precedence.COMPARISON;
      case QuantifiedSubquery ignored -> Precedence.COMPARISON;
      case Between ignored -> Precedence.LIKE;
      case Label<?> label -> precedence(label.expression());
      // Unknown text: parenthesized wherever an operator touches it.
      case Raw<?> ignored -> Precedence.LOWEST;
      case Param<?> param -> TypeNames.needsCast(param.type()) ? Precedence.CAST : Precedence.PRIMARY;
      case Slot<?> slot -> TypeNames.needsCast(slot.type()) ? Precedence.CAST : Precedence.PRIMARY;
      case Subscript<?> ignored -> Precedence.SUBSCRIPT;
      case ColumnRef<?> ignored -> Precedence.PRIMARY;
      case Constant<?> ignored -> Precedence.PRIMARY;
      case Case<?> ignored -> Precedence.PRIMARY;
      case Cast<?> ignored -> Precedence.PRIMARY;
      case FunctionCall<?> ignored -> Precedence.PRIMARY;
      case Aggregate<?> ignored -> Precedence.PRIMARY;
      case WindowCall<?> ignored -> Precedence.PRIMARY;
      case Exists ignored -> Precedence.PRIMARY;
      case ScalarSubquery<?> ignored -> Precedence.PRIMARY;
      case RowValue ignored -> Precedence.PRIMARY;
      case ArrayConstructor<?> ignored -> Precedence.PRIMARY;
      case Star ignored -> Precedence.PRIMARY;
    };
  }

  private void column(ColumnRef<?> column) {
    if (column.qualifier() != null && ctx.columnStyle == RenderContext.ColumnStyle.QUALIFIED) {
      ctx.append(Identifiers.quote(column.qualifier())).append('.');
    }
    ctx.append(Identifiers.quote(column.name()));
  }

  private void param(Param<?> param) {
    switch (ctx.valueMode) {
      case PARAMS -> {
        ctx.parameter(param.type(), ctx.values.size());
        ctx.values.add(param.value());
      }
      case LITERALS -> ctx.append(Literals.of(param.value(), param.type()));
      case SLOTS -> throw new IllegalArgumentException(
          "a statement shape holds slots, not values; erase the statement with Shape.of(statement) first");
    }
  }

  private void slot(Slot<?> slot) {
    switch (ctx.valueMode) {
      case SLOTS -> ctx.parameter(slot.type(), slot.index());
      case PARAMS, LITERALS -> throw new IllegalArgumentException("a slot has no value to render; compile the shape");
    }
  }

  private void caseExpression(Case<?> caseExpr) {
    ctx.append("CASE");
    if (caseExpr.operand() != null) {
      ctx.append(' ');
      render(caseExpr.operand());
    }
    for (var when : caseExpr.whens()) {
      ctx.append(" WHEN ");
      render(when.condition());
      ctx.append(" THEN ");
      render(when.result());
    }
    if (caseExpr.orElse() != null) {
      ctx.append(" ELSE ");
      render(caseExpr.orElse());
    }
    ctx.append(" END");
  }

  private void aggregate(Aggregate<?> aggregate) {
    ctx.append(Identifiers.functionName(aggregate.name())).append('(');
    if (aggregate.isDistinct()) {
      ctx.append("DISTINCT ");
    }
    list(aggregate.arguments());
    if (!aggregate.orderBy().isEmpty()) {
      ctx.append(" ORDER BY ");
      orderItems(aggregate.orderBy());
    }
    ctx.append(')');
    if (aggregate.filter() != null) {
      ctx.append(" FILTER (WHERE ");
      render(aggregate.filter());
      ctx.append(')');
    }
  }

  private void window(WindowSpec window) {
    String separator = "";
    if (!window.partitionBy().isEmpty()) {
      ctx.append("PARTITION BY ");
      list(window.partitionBy());
      separator = " ";
    }
    if (!window.orderBy().isEmpty()) {
      ctx.append(separator).append("ORDER BY ");
      orderItems(window.orderBy());
      separator = " ";
    }
    var frame = window.frame();
    if (frame != null) {
      ctx.append(separator).append(frame.unit().name()).append(' ');
      if (frame.end() == null) {
        frameBound(frame.start());
      } else {
        ctx.append("BETWEEN ");
        frameBound(frame.start());
        ctx.append(" AND ");
        frameBound(frame.end());
      }
    }
  }

  private void frameBound(FrameBound bound) {
    switch (bound.kind()) {
      case UNBOUNDED_PRECEDING -> ctx.append("UNBOUNDED PRECEDING");
      case PRECEDING -> {
        render(bound.offset(), Precedence.LOWEST, false);
        ctx.append(" PRECEDING");
      }
      case CURRENT_ROW -> ctx.append("CURRENT ROW");
      case FOLLOWING -> {
        render(bound.offset(), Precedence.LOWEST, false);
        ctx.append(" FOLLOWING");
      }
      case UNBOUNDED_FOLLOWING -> ctx.append("UNBOUNDED FOLLOWING");
    }
  }
}
