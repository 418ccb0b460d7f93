package dev.tusk.sql.ast;

import static dev.tusk.sql.ast.ImmutableLists.append;

import dev.tusk.sql.compile.SqlCompiler;
import dev.tusk.sql.types.PgTypes;
import java.util.List;
import java.util.Objects;

/**
 * {@code left UNION|INTERSECT|EXCEPT [ALL] right}, with its own ORDER BY, LIMIT and OFFSET. ORDER
 * BY here names output columns, so the compiler writes column references unqualified.
 *
 * @param with the CTEs of the whole statement
 * @param left the left query
 * @param operator the set operator
 * @param all whether duplicates are kept
 * @param right the right query
 * @param orderBy the ORDER BY items
 * @param limit the LIMIT, or null
 * @param offset the OFFSET, or null
 */
public record SetOperation(List<Cte> with, Query left, Operator operator, boolean all, Query right,
                           List<OrderItem> orderBy, Expr<Long> limit, Expr<Long> offset) implements Query {
  public SetOperation {
    with = List.copyOf(with);
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(right, "right");
    // This ORDER BY sees output columns only: a column is written bare, a label by its name.
    orderBy = ImmutableLists.map(orderBy, item -> item.withExpression(
        ColumnRef.unqualifiedIfColumn(ColumnRef.outputNameIfLabel(item.expression()))));
  }

  static SetOperation of(Query left, Operator operator, boolean all, Query right) {
    return new SetOperation(List.of(), left, operator, all, right, List.of(), null, null);
  }

  /** {@return this statement with more ORDER BY items} */
  public SetOperation orderBy(OrderItem... items) {
    return new SetOperation(with, left, operator, all, right, append(orderBy, items), limit, offset);
  }

  /** {@return this statement with more ORDER BY expressions, in the default direction} */
  public SetOperation orderBy(Expression<?>... expressions) {
    var items = new OrderItem[expressions.length];
    for (int i = 0; i < expressions.length; i++) {
      items[i] = OrderItem.of(expressions[i]);
    }
    return orderBy(items);
  }

  /** {@return this statement with {@code LIMIT $n}} */
  public SetOperation limit(long count) {
    return new SetOperation(with, left, operator, all, right, orderBy, Param.of(PgTypes.BIGINT, count), offset);
  }

  /** {@return this statement with {@code OFFSET $n}} */
  public SetOperation offset(long count) {
    return new SetOperation(with, left, operator, all, right, orderBy, limit, Param.of(PgTypes.BIGINT, count));
  }

  /** {@return this statement with CTEs added to its WITH list} */
  public SetOperation with(Cte... ctes) {
    return new SetOperation(append(with, ctes), left, operator, all, right, orderBy, limit, offset);
  }

  /** {@return whether anything follows the operands, which an enclosing set operation must parenthesize} */
  public boolean hasTrailingClauses() {
    return !with.isEmpty() || !orderBy.isEmpty() || limit != null || offset != null;
  }

  /** {@return the SQL of this statement, with {@code $n} placeholders} */
  @Override
  public String toString() {
    return SqlCompiler.render(this).sql();
  }

  /** The set operators. */
  public enum Operator {
    UNION, INTERSECT, EXCEPT
  }
}
