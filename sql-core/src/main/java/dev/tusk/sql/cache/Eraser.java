package dev.tusk.sql.cache;

import dev.tusk.sql.ast.Aggregate;
import dev.tusk.sql.ast.ArrayConstructor;
import dev.tusk.sql.ast.Assignment;
import dev.tusk.sql.ast.Between;
import dev.tusk.sql.ast.Binary;
import dev.tusk.sql.ast.Case;
import dev.tusk.sql.ast.Cast;
import dev.tusk.sql.ast.ColumnRef;
import dev.tusk.sql.ast.ConflictTarget;
import dev.tusk.sql.ast.Constant;
import dev.tusk.sql.ast.Cte;
import dev.tusk.sql.ast.CteRef;
import dev.tusk.sql.ast.Delete;
import dev.tusk.sql.ast.DerivedTable;
import dev.tusk.sql.ast.Exists;
import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.Frame;
import dev.tusk.sql.ast.FrameBound;
import dev.tusk.sql.ast.FromItem;
import dev.tusk.sql.ast.FunctionCall;
import dev.tusk.sql.ast.FunctionTable;
import dev.tusk.sql.ast.Insert;
import dev.tusk.sql.ast.InsertSource;
import dev.tusk.sql.ast.Join;
import dev.tusk.sql.ast.Junction;
import dev.tusk.sql.ast.Label;
import dev.tusk.sql.ast.OnConflict;
import dev.tusk.sql.ast.OrderItem;
import dev.tusk.sql.ast.Param;
import dev.tusk.sql.ast.Quantified;
import dev.tusk.sql.ast.QuantifiedSubquery;
import dev.tusk.sql.ast.Query;
import dev.tusk.sql.ast.Raw;
import dev.tusk.sql.ast.RowValue;
import dev.tusk.sql.ast.ScalarSubquery;
import dev.tusk.sql.ast.Select;
import dev.tusk.sql.ast.SetOperation;
import dev.tusk.sql.ast.Slot;
import dev.tusk.sql.ast.Star;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.ast.Subscript;
import dev.tusk.sql.ast.TableRef;
import dev.tusk.sql.ast.TextPart;
import dev.tusk.sql.ast.TextStatement;
import dev.tusk.sql.ast.Unary;
import dev.tusk.sql.ast.Update;
import dev.tusk.sql.ast.ValuesTable;
import dev.tusk.sql.ast.WindowCall;
import dev.tusk.sql.ast.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One walk over a statement that replaces every {@link Param} by a {@link Slot} of the same type
 * numbered in walk order, and collects the values in that order. Everything else is kept: the
 * result is the statement's shape, which the compiler compiles on a cache miss. (A lookup does not
 * build it: {@link ShapeWalk} hashes and compares the shape without a copy, visiting the tree in
 * this same order.) A subtree without parameters is returned as is, so the walk
 * allocates only along the paths to parameters.
 *
 * <p>The walk visits every position of the tree, so a node that sits in two places yields two
 * slots, exactly as the compiler renders it twice with two parameters.
 */
final class Eraser {
  private final List<Object> values = new ArrayList<>();

  private Eraser() {}

  /**
   * A statement erased: its shape, and the values its slots stand for.
   *
   * @param shape the statement with each value replaced by a slot
   * @param values the values, slot {@code i} standing for value {@code i}
   */
  record Erased(Statement shape, List<Object> values) {}

  /** {@return the statement's shape and values} */
  static Erased erase(Statement statement) {
    var eraser = new Eraser();
    var shape = eraser.statement(statement);
    return new Erased(shape, eraser.values);
  }

  private Statement statement(Statement statement) {
    return switch (statement) {
      case Query query -> query(query);
      case Insert insert -> insert(insert);
      case Update update -> {
        var with = ctes(update.with());
        var set = list(update.set(), this::assignment);
        var from = list(update.from(), this::fromItem);
        var where = nullable(update.where());
        var returning = exprs(update.returning());
        yield with == update.with() && set == update.set() && from == update.from() && where == update.where()
            && returning == update.returning() ? update
            : new Update(with, update.table(), set, from, where, returning);
      }
      case Delete delete -> {
        var with = ctes(delete.with());
        var using = list(delete.using(), this::fromItem);
        var where = nullable(delete.where());
        var returning = exprs(delete.returning());
        yield with == delete.with() && using == delete.using() && where == delete.where()
            && returning == delete.returning() ? delete : new Delete(with, delete.table(), using, where, returning);
      }
      case TextStatement text -> {
        var parts = list(text.parts(), this::textPart);
        yield parts == text.parts() ? text : new TextStatement(parts, text.columns());
      }
    };
  }

  private Query query(Query query) {
    return switch (query) {
      case Select select -> {
        var with = ctes(select.with());
        var distinctOn = exprs(select.distinctOn());
        var columns = exprs(select.columns());
        var from = list(select.from(), this::fromItem);
        var where = nullable(select.where());
        var groupBy = exprs(select.groupBy());
        var having = nullable(select.having());
        var orderBy = list(select.orderBy(), this::orderItem);
        var limit = nullable(select.limit());
        var offset = nullable(select.offset());
        yield with == select.with() && distinctOn == select.distinctOn() && columns == select.columns()
            && from == select.from() && where == select.where() && groupBy == select.groupBy()
            && having == select.having() && orderBy == select.orderBy() && limit == select.limit()
            && offset == select.offset() ? select
            : new Select(with, select.isDistinct(), distinctOn, columns, from, where, groupBy, having, orderBy, limit,
                offset, select.locks());
      }
      case SetOperation setOperation -> {
        var with = ctes(setOperation.with());
        var left = query(setOperation.left());
        var right = query(setOperation.right());
        var orderBy = list(setOperation.orderBy(), this::orderItem);
        var limit = nullable(setOperation.limit());
        var offset = nullable(setOperation.offset());
        yield with == setOperation.with() && left == setOperation.left() && right == setOperation.right()
            && orderBy == setOperation.orderBy() && limit == setOperation.limit() && offset == setOperation.offset()
            ? setOperation
            : new SetOperation(with, left, setOperation.operator(), setOperation.all(), right, orderBy, limit, offset);
      }
    };
  }

  private Insert insert(Insert insert) {
    var with = ctes(insert.with());
    var source = switch (insert.source()) {
      case null -> null;
      case InsertSource.Values rows -> {
        var erased = list(rows.rows(), this::exprs);
        yield erased == rows.rows() ? rows : new InsertSource.Values(erased);
      }
      case InsertSource.FromQuery fromQuery -> {
        var query = query(fromQuery.query());
        yield query == fromQuery.query() ? fromQuery : new InsertSource.FromQuery(query);
      }
      case InsertSource.DefaultValues defaults -> defaults;
    };
    var onConflict = insert.onConflict() == null ? null : onConflict(insert.onConflict());
    var returning = exprs(insert.returning());
    return with == insert.with() && source == insert.source() && onConflict == insert.onConflict()
        && returning == insert.returning() ? insert
        : new Insert(with, insert.table(), insert.columns(), source, onConflict, returning);
  }

  private OnConflict onConflict(OnConflict onConflict) {
    var target = switch (onConflict.target()) {
      case null -> null;
      case ConflictTarget.Columns columns -> {
        var elements = exprs(columns.elements());
        var where = nullable(columns.where());
        yield elements == columns.elements() && where == columns.where() ? columns
            : new ConflictTarget.Columns(elements, where);
      }
      case ConflictTarget.Constraint constraint -> constraint;
    };
    var updates = list(onConflict.updates(), this::assignment);
    var where = nullable(onConflict.where());
    return target == onConflict.target() && updates == onConflict.updates() && where == onConflict.where()
        ? onConflict : new OnConflict(target, updates, where);
  }

  private Assignment assignment(Assignment assignment) {
    var value = expr(assignment.value());
    return value == assignment.value() ? assignment : new Assignment(assignment.column(), value);
  }

  private TextPart textPart(TextPart part) {
    return switch (part) {
      case TextPart.Sql sql -> sql;
      case TextPart.Named named -> {
        var value = named.value() == null ? null : expr(named.value());
        yield value == named.value() ? named : new TextPart.Named(named.name(), value);
      }
    };
  }

  private List<Cte> ctes(List<Cte> ctes) {
    return list(ctes, cte -> {
      var body = cte.body() == null ? null : statement(cte.body());
      return body == cte.body() ? cte : new Cte(cte.name(), cte.columns(), body, cte.materialization(), cte.recursive());
    });
  }

  private FromItem fromItem(FromItem item) {
    return switch (item) {
      case TableRef table -> table;
      case CteRef cte -> cte;
      case Join join -> {
        var left = fromItem(join.left());
        var right = fromItem(join.right());
        var on = nullable(join.on());
        yield left == join.left() && right == join.right() && on == join.on() ? join
            : new Join(left, join.kind(), right, on);
      }
      case DerivedTable derived -> {
        var query = query(derived.query());
        yield query == derived.query() ? derived : new DerivedTable(query, derived.alias(), derived.isLateral());
      }
      case ValuesTable values -> {
        var rows = list(values.rows(), this::exprs);
        yield rows == values.rows() ? values : new ValuesTable(values.columns(), rows, values.alias());
      }
      case FunctionTable function -> {
        var call = (FunctionCall<?>) expr(function.function());
        yield call == function.function() ? function
            : new FunctionTable(call, function.alias(), function.columns(), function.hasOrdinality(),
                function.isLateral());
      }
    };
  }

  private OrderItem orderItem(OrderItem item) {
    var expression = expr(item.expression());
    return expression == item.expression() ? item : new OrderItem(expression, item.direction(), item.nulls());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T> Expr<T> expr(Expr<T> expr) {
    return switch (expr) {
      case Param<T> param -> {
        int index = values.size();
        values.add(param.value());
        yield new Slot<>(param.type(), index);
      }
      case Slot<T> ignored -> throw new IllegalArgumentException("the statement is a shape already");
      case ColumnRef<T> column -> column;
      case Constant<T> constant -> constant;
      case Raw<T> raw -> raw;
      case Star star -> expr;
      case Binary<T> binary -> {
        var left = expr(binary.left());
        var right = expr(binary.right());
        yield left == binary.left() && right == binary.right() ? binary
            : new Binary<>(left, binary.op(), right, binary.type());
      }
      case Unary<T> unary -> {
        var operand = expr(unary.operand());
        yield operand == unary.operand() ? unary : new Unary<>(unary.op(), operand, unary.type());
      }
      case Junction junction -> {
        var terms = list(junction.terms(), this::expr);
        yield terms == junction.terms() ? expr : (Expr<T>) new Junction(junction.op(), terms);
      }
      case Quantified quantified -> {
        var left = expr(quantified.left());
        var array = expr(quantified.array());
        yield left == quantified.left() && array == quantified.array() ? expr
            : (Expr<T>) new Quantified(left, quantified.op(), quantified.quantifier(), array);
      }
      case QuantifiedSubquery quantified -> {
        var left = expr(quantified.left());
        var query = query(quantified.query());
        yield left == quantified.left() && query == quantified.query() ? expr
            : (Expr<T>) new QuantifiedSubquery(left, quantified.op(), quantified.quantifier(), query);
      }
      case Between between -> {
        var value = expr(between.value());
        var low = expr(between.low());
        var high = expr(between.high());
        yield value == between.value() && low == between.low() && high == between.high() ? expr
            : (Expr<T>) new Between(value, low, high, between.negated());
      }
      case Case<T> caseExpr -> {
        var operand = nullable(caseExpr.operand());
        var whens = list(caseExpr.whens(), when -> {
          var condition = expr(when.condition());
          var result = expr(when.result());
          return condition == when.condition() && result == when.result() ? when : new Case.When<>(condition, result);
        });
        var orElse = nullable(caseExpr.orElse());
        yield operand == caseExpr.operand() && whens == caseExpr.whens() && orElse == caseExpr.orElse() ? caseExpr
            : new Case<>(operand, whens, orElse, caseExpr.type());
      }
      case Cast<T> cast -> {
        var operand = expr(cast.operand());
        yield operand == cast.operand() ? cast : new Cast<>(operand, cast.type());
      }
      case FunctionCall<T> call -> {
        var arguments = exprs(call.arguments());
        yield arguments == call.arguments() ? call : new FunctionCall<>(call.name(), arguments, call.type());
      }
      case Aggregate<T> aggregate -> {
        var arguments = exprs(aggregate.arguments());
        var orderBy = list(aggregate.orderBy(), this::orderItem);
        var filter = nullable(aggregate.filter());
        yield arguments == aggregate.arguments() && orderBy == aggregate.orderBy() && filter == aggregate.filter()
            ? aggregate
            : new Aggregate<>(aggregate.name(), arguments, aggregate.isDistinct(), orderBy, filter, aggregate.type());
      }
      case WindowCall<T> window -> {
        var function = expr(window.function());
        var spec = window(window.window());
        yield function == window.function() && spec == window.window() ? window : new WindowCall<>(function, spec);
      }
      case Exists exists -> {
        var query = query(exists.query());
        yield query == exists.query() ? expr : (Expr<T>) new Exists(query);
      }
      case ScalarSubquery<T> subquery -> {
        var query = query(subquery.query());
        yield query == subquery.query() ? subquery : new ScalarSubquery<>(query, subquery.type());
      }
      case RowValue row -> {
        var items = exprs(row.items());
        yield items == row.items() ? expr : (Expr<T>) new RowValue(items);
      }
      case ArrayConstructor array -> {
        List elements = list((List<Expr<?>>) array.elements(), this::expr);
        yield elements == array.elements() ? expr : (Expr<T>) new ArrayConstructor(elements, array.type());
      }
      case Subscript<T> subscript -> {
        var array = expr(subscript.array());
        var index = expr(subscript.index());
        var upper = nullable(subscript.upper());
        yield array == subscript.array() && index == subscript.index() && upper == subscript.upper() ? subscript
            : new Subscript<>(array, index, upper, subscript.type());
      }
      case Label<T> label -> {
        var expression = expr(label.expression());
        yield expression == label.expression() ? label : new Label<>(expression, label.name());
      }
    };
  }

  private WindowSpec window(WindowSpec window) {
    var partitionBy = exprs(window.partitionBy());
    var orderBy = list(window.orderBy(), this::orderItem);
    var frame = window.frame();
    if (frame != null) {
      var start = frameBound(frame.start());
      var end = frame.end() == null ? null : frameBound(frame.end());
      frame = start == frame.start() && end == frame.end() ? frame : new Frame(frame.unit(), start, end);
    }
    return partitionBy == window.partitionBy() && orderBy == window.orderBy() && frame == window.frame() ? window
        : new WindowSpec(partitionBy, orderBy, frame);
  }

  private FrameBound frameBound(FrameBound bound) {
    var offset = nullable(bound.offset());
    return offset == bound.offset() ? bound : new FrameBound(bound.kind(), offset);
  }

  private <T> Expr<T> nullable(Expr<T> expr) {
    return expr == null ? null : expr(expr);
  }

  private List<Expr<?>> exprs(List<Expr<?>> exprs) {
    return list(exprs, this::expr);
  }

  /** {@return the list with each element erased, or the list itself when no element changed} */
  private static <T> List<T> list(List<T> items, Function<T, T> erase) {
    List<T> changed = null;
    for (int i = 0; i < items.size(); i++) {
      var item = items.get(i);
      var erased = erase.apply(item);
      if (erased != item && changed == null) {
        changed = new ArrayList<>(items.size());
        changed.addAll(items.subList(0, i));
      }
      if (changed != null) {
        changed.add(erased);
      }
    }
    return changed == null ? items : changed;
  }
}
