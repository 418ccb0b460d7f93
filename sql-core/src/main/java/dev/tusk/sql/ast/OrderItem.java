package dev.tusk.sql.ast;

import java.util.Objects;

/**
 * One ORDER BY item: {@code expression [ASC|DESC] [NULLS FIRST|LAST]}.
 *
 * @param expression the sort key
 * @param direction the direction; DEFAULT writes none (ascending)
 * @param nulls where NULLs go; DEFAULT writes nothing (last when ascending)
 */
public record OrderItem(Expr<?> expression, Direction direction, Nulls nulls) {
  public OrderItem {
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(nulls, "nulls");
  }

  /** {@return an item in the default direction} */
  public static OrderItem of(Expression<?> expression) {
    return new OrderItem(expression.expr(), Direction.DEFAULT, Nulls.DEFAULT);
  }

  /** {@return this item sorting by another expression, in the same direction} */
  public OrderItem withExpression(Expr<?> newExpression) {
    return newExpression == expression ? this : new OrderItem(newExpression, direction, nulls);
  }

  /** {@return this item with {@code NULLS FIRST}} */
  public OrderItem nullsFirst() {
    return new OrderItem(expression, direction, Nulls.FIRST);
  }

  /** {@return this item with {@code NULLS LAST}} */
  public OrderItem nullsLast() {
    return new OrderItem(expression, direction, Nulls.LAST);
  }

  /** A sort direction. */
  public enum Direction {
    DEFAULT, ASC, DESC
  }

  /** Where NULLs sort. */
  public enum Nulls {
    DEFAULT, FIRST, LAST
  }
}
