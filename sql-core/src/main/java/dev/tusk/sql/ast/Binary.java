package dev.tusk.sql.ast;

import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * {@code left op right}.
 *
 * @param left the left operand
 * @param op the operator; never AND or OR, which are {@link Junction}s, so a condition has one
 *     tree and so one cache key
 * @param right the right operand
 * @param type the type of the result
 * @param <T> the Java type of the result
 */
public record Binary<T>(Expr<?> left, BinaryOp op, Expr<?> right, SqlType<T> type) implements Expr<T> {
  public Binary {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(right, "right");
    Objects.requireNonNull(type, "type");
    if (op.equals(BinaryOp.AND) || op.equals(BinaryOp.OR)) {
      throw new IllegalArgumentException("AND and OR are Junctions");
    }
  }

  /** {@return a boolean {@code left op right}} */
  public static Binary<Boolean> predicate(Expr<?> left, BinaryOp op, Expr<?> right) {
    return new Binary<>(left, op, right, PgTypes.BOOLEAN);
  }
}
