package dev.tusk.sql.ast;

import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * A Java value bound into a statement. It is rendered as {@code $n}, never as text; the cache key
 * replaces it by a {@link Slot} of the same type, so the value never reaches the cache.
 *
 * @param type the SQL type the value is sent as
 * @param value the value, possibly null
 * @param <T> the Java type of the value
 */
public record Param<T>(SqlType<T> type, T value) implements Expr<T> {
  public Param {
    Objects.requireNonNull(type, "type");
  }

  /**
   * {@return a parameter of {@code type}}; when the type is {@link PgTypes#UNKNOWN} (an operand of
   * an untyped function, say) the type is taken from the value's class where one maps to a
   * built-in type. The type is part of the cache key, the value is not.
   */
  @SuppressWarnings("unchecked")
  public static <T> Param<T> of(SqlType<T> type, T value) {
    if (type == PgTypes.UNKNOWN && value != null) {
      return new Param<>(PgTypes.ofValue(value), value);
    }
    return new Param<>(type, value);
  }

  /** Shows the type only: values do not belong in logs. */
  @Override
  public String toString() {
    return "Param[" + type + "]";
  }
}
