package dev.tusk.sql.compile;

import dev.tusk.sql.ast.Assignment;
import dev.tusk.sql.ast.ColumnRef;
import dev.tusk.sql.ast.ConflictTarget;
import dev.tusk.sql.ast.Cte;
import dev.tusk.sql.ast.CteRef;
import dev.tusk.sql.ast.Delete;
import dev.tusk.sql.ast.DerivedTable;
import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.FromItem;
import dev.tusk.sql.ast.FunctionTable;
import dev.tusk.sql.ast.Insert;
import dev.tusk.sql.ast.InsertSource;
import dev.tusk.sql.ast.Join;
import dev.tusk.sql.ast.Lock;
import dev.tusk.sql.ast.OnConflict;
import dev.tusk.sql.ast.OrderItem;
import dev.tusk.sql.ast.Query;
import dev.tusk.sql.ast.Select;
import dev.tusk.sql.ast.SetOperation;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.ast.TableRef;
import dev.tusk.sql.ast.TextPart;
import dev.tusk.sql.ast.TextStatement;
import dev.tusk.sql.ast.Update;
import dev.tusk.sql.ast.ValuesTable;
import java.util.List;

/** Renders statements and their clauses: one exhaustive switch per sealed family. */
final class StatementRenderer {
  private final RenderContext ctx;
  private final ExpressionRenderer expressions;

  StatementRenderer(RenderContext ctx, ExpressionRenderer expressions) {
    this.ctx = ctx;
    this.expressions = expressions;
  }

  /** Renders a bare expression, for DDL. */
  void expression(Expr<?> expr) {
    expressions.render(expr);
  }

  void statement(Statement statement) {
    switch (statement) {
      case Select select -> select(select);
      case SetOperation setOperation -> setOperation(setOperation);
      case Insert insert -> insert(insert);
      case Update update -> update(update);
      case Delete delete -> delete(delete);
      case TextStatement text -> text(text);
    }
  }

  private void select(Select select) {
    with(select.with());
    ctx.append("SELECT");
    if (select.isDistinct()) {
      ctx.append(" DISTINCT");
      if (!select.distinctOn().isEmpty()) {
        ctx.append(" ON (");
        expressions.list(select.distinctOn());
        ctx.append(')');
      }
    }
    if (!select.columns().isEmpty()) {
      ctx.append(' ');
      selectItems(select.columns());
    }
    if (!select.from().isEmpty()) {
      ctx.append(" FROM ");
      fromItems(select.from());
    }
    where(select.where());
    if (!select.groupBy().isEmpty()) {
      ctx.append(" GROUP BY ");
      expressions.list(select.groupBy());
    }
    if (select.having() != null) {
      ctx.append(" HAVING ");
      expressions.render(select.having());
    }
    orderLimitOffset(select.orderBy(), select.limit(), select.offset());
    for (var lock : select.locks()) {
      lock(lock);
    }
  }

  private void setOperation(SetOperation setOperation) {
    with(setOperation.with());
    operand(setOperation.left());
    ctx.append(' ').append(setOperation.operator().name());
    if (setOperation.all()) {
      ctx.append(" ALL");
    }
    ctx.append(' ');
    operand(setOperation.right());
    // ORDER BY of a set operation sees output columns only: users.id would be "missing FROM-clause entry".
    unqualified(() -> orderLimitOffset(setOperation.orderBy(), setOperation.limit(), setOperation.offset()));
  }

  /** Nested set operations are always parenthesized: INTERSECT binds tighter than UNION and EXCEPT. */
  private void operand(Query query) {
    boolean parenthesize = switch (query) {
      case Select select -> select.hasTrailingClauses();
      case SetOperation ignored -> true;
    };
    if (parenthesize) {
      ctx.append('(');
    }
    statement(query);
    if (parenthesize) {
      ctx.append(')');
    }
  }

  private void insert(Insert insert) {
    with(insert.with());
    ctx.append("INSERT INTO ");
    tableRef(insert.table());
    if (!insert.columns().isEmpty()) {
      ctx.append(" (");
      columnNames(insert.columns());
      ctx.append(')');
    }
    switch (insert.source()) {
      case null -> throw new IllegalStateException("INSERT INTO " + insert.table().table() + " has no values");
      case InsertSource.Values values -> {
        ctx.append(" VALUES ");
        for (int i = 0; i < values.rows().size(); i++) {
          if (i > 0) {
            ctx.append(", ");
          }
          ctx.append('(');
          expressions.list(values.rows().get(i));
          ctx.append(')');
        }
      }
      case InsertSource.FromQuery fromQuery -> {
        ctx.append(' ');
        statement(fromQuery.query());
      }
      case InsertSource.DefaultValues ignored -> ctx.append(" DEFAULT VALUES");
    }
    if (insert.onConflict() != null) {
      onConflict(insert.onConflict());
    }
    returning(insert.returning());
  }

  private void onConflict(OnConflict onConflict) {
    ctx.append(" ON CONFLICT");
    switch (onConflict.target()) {
      case null -> { }
      case ConflictTarget.Columns columns -> unqualified(() -> {
        ctx.append(" (");
        indexElements(columns.elements());
        ctx.append(')');
        if (columns.where() != null) {
          ctx.append(" WHERE ");
          expressions.render(columns.where());
        }
      });
      case ConflictTarget.Constraint constraint ->
          ctx.append(" ON CONSTRAINT ").append(Identifiers.quote(constraint.name()));
    }
    if (!onConflict.isUpdate()) {
      ctx.append(" DO NOTHING");
      return;
    }
    ctx.append(" DO UPDATE SET ");
    assignments(onConflict.updates());
    where(onConflict.where());
  }

  /** Index columns and expressions: a column bare, an expression in its own parentheses. */
  void indexElements(List<? extends Expr<?>> elements) {
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        ctx.append(", ");
      }
      var element = elements.get(i);
      if (element instanceof ColumnRef<?>) {
        expressions.render(element);
      } else {
        ctx.append('(');
        expressions.render(element);
        ctx.append(')');
      }
    }
  }

  private void update(Update update) {
    with(update.with());
    ctx.append("UPDATE ");
    tableRef(update.table());
    if (update.set().isEmpty()) {
      throw new IllegalStateException("UPDATE " + update.table().table() + " sets nothing");
    }
    ctx.append(" SET ");
    assignments(update.set());
    if (!update.from().isEmpty()) {
      ctx.append(" FROM ");
      fromItems(update.from());
    }
    where(update.where());
    returning(update.returning());
  }

  private void delete(Delete delete) {
    with(delete.with());
    ctx.append("DELETE FROM ");
    tableRef(delete.table());
    if (!delete.using().isEmpty()) {
      ctx.append(" USING ");
      fromItems(delete.using());
    }
    where(delete.where());
    returning(delete.returning());
  }

  private void text(TextStatement text) {
    for (var part : text.parts()) {
      switch (part) {
        case TextPart.Sql sql -> ctx.append(sql.sql());
        case TextPart.Named named -> {
          if (named.value() == null) {
            throw new IllegalStateException("no value bound for :" + named.name());
          }
          expressions.render(named.value());
        }
      }
    }
  }

  private void with(List<Cte> ctes) {
    if (ctes.isEmpty()) {
      return;
    }
    ctx.append("WITH ");
    if (ctes.stream().anyMatch(Cte::recursive)) {
      ctx.append("RECURSIVE ");
    }
    for (int i = 0; i < ctes.size(); i++) {
      if (i > 0) {
        ctx.append(", ");
      }
      var cte = ctes.get(i);
      if (cte.body() == null) {
        throw new IllegalStateException("CTE " + cte.name() + " has no body; complete it with as(...)");
      }
      ctx.append(Identifiers.quote(cte.name()));
      if (!cte.columns().isEmpty()) {
        ctx.append(" (");
        names(cte.columns());
        ctx.append(')');
      }
      ctx.append(" AS ");
      switch (cte.materialization()) {
        case DEFAULT -> { }
        case MATERIALIZED -> ctx.append("MATERIALIZED ");
        case NOT_MATERIALIZED -> ctx.append("NOT MATERIALIZED ");
      }
      ctx.append('(');
      statement(cte.body());
      ctx.append(')');
    }
    ctx.append(' ');
  }

  private void fromItems(List<FromItem> items) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        ctx.append(", ");
      }
      fromItem(items.get(i));
    }
  }

  private void fromItem(FromItem item) {
    switch (item) {
      case TableRef table -> tableRef(table);
      case Join join -> {
        fromItem(join.left());
        ctx.append(' ').append(join.kind().keywords()).append(' ');
        boolean nested = join.right() instanceof Join;
        if (nested) {
          ctx.append('(');
        }
        fromItem(join.right());
        if (nested) {
          ctx.append(')');
        }
        if (join.on() != null) {
          ctx.append(" ON ");
          expressions.render(join.on());
        }
      }
      case DerivedTable derived -> {
        if (derived.isLateral()) {
          ctx.append("LATERAL ");
        }
        ctx.append('(');
        statement(derived.query());
        ctx.append(") AS ").append(Identifiers.quote(derived.alias()));
      }
      case ValuesTable values -> {
        ctx.append("(VALUES ");
        for (int i = 0; i < values.rows().size(); i++) {
          if (i > 0) {
            ctx.append(", ");
          }
          ctx.append('(');
          expressions.list(values.rows().get(i));
          ctx.append(')');
        }
        ctx.append(") AS ").append(Identifiers.quote(values.alias())).append(" (");
        columnNames(values.columns());
        ctx.append(')');
      }
      case FunctionTable function -> {
        if (function.isLateral()) {
          ctx.append("LATERAL ");
        }
        expressions.render(function.function());
        if (function.hasOrdinality()) {
          ctx.append(" WITH ORDINALITY");
        }
        ctx.append(" AS ").append(Identifiers.quote(function.alias()));
        if (!function.columns().isEmpty()) {
          ctx.append(" (");
          names(function.columns());
          ctx.append(')');
        }
      }
      case CteRef cte -> {
        ctx.append(Identifiers.quote(cte.name()));
        if (cte.alias() != null) {
          ctx.append(" AS ").append(Identifiers.quote(cte.alias()));
        }
      }
    }
  }

  private void tableRef(TableRef table) {
    ctx.append(Identifiers.quote(table.table()));
    if (table.alias() != null) {
      ctx.append(" AS ").append(Identifiers.quote(table.alias()));
    }
  }

  private void where(Expr<Boolean> where) {
    if (where != null) {
      ctx.append(" WHERE ");
      expressions.render(where);
    }
  }

  private void orderLimitOffset(List<OrderItem> orderBy, Expr<Long> limit, Expr<Long> offset) {
    if (!orderBy.isEmpty()) {
      ctx.append(" ORDER BY ");
      expressions.orderItems(orderBy);
    }
    if (limit != null) {
      ctx.append(" LIMIT ");
      expressions.render(limit);
    }
    if (offset != null) {
      ctx.append(" OFFSET ");
      expressions.render(offset);
    }
  }

  private void lock(Lock lock) {
    ctx.append(' ').append(lock.strength().keywords());
    if (!lock.of().isEmpty()) {
      ctx.append(" OF ");
      names(lock.of());
    }
    switch (lock.waitPolicy()) {
      case WAIT -> { }
      case NOWAIT -> ctx.append(" NOWAIT");
      case SKIP_LOCKED -> ctx.append(" SKIP LOCKED");
    }
  }

  private void returning(List<Expr<?>> returning) {
    if (!returning.isEmpty()) {
      ctx.append(" RETURNING ");
      selectItems(returning);
    }
  }

  private void selectItems(List<Expr<?>> items) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        ctx.append(", ");
      }
      expressions.selectItem(items.get(i));
    }
  }

  /** SET targets are bare column names: PostgreSQL rejects {@code SET users.name = ...}. */
  private void assignments(List<Assignment> assignments) {
    for (int i = 0; i < assignments.size(); i++) {
      if (i > 0) {
        ctx.append(", ");
      }
      var assignment = assignments.get(i);
      ctx.append(Identifiers.quote(assignment.column().name())).append(" = ");
      expressions.render(assignment.value());
    }
  }

  private void columnNames(List<? extends ColumnRef<?>> columns) {
    names(columns.stream().map(ColumnRef::name).toList());
  }

  private void names(List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        ctx.append(", ");
      }
      ctx.append(Identifiers.quote(names.get(i)));
    }
  }

  private void unqualified(Runnable rendering) {
    var style = ctx.columnStyle;
    ctx.columnStyle = RenderContext.ColumnStyle.UNQUALIFIED;
    try {
      rendering.run();
    } finally {
      ctx.columnStyle = style;
    }
  }
}
