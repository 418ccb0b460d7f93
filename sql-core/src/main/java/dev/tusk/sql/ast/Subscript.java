package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * {@code array[index]}, or the slice {@code array[index:upper]}.
 *
 * @param array the array
 * @param index the (1-based) index, or the slice's lower bound
 * @param upper the slice's upper bound, or null for a single element
 * @param type the element type, or the array type for a slice
 * @param <T> the Java type of the result
 */
public record Subscript<T>(Expr<?> array, Expr<?> index, Expr<?> upper, SqlType<T> type) implements Expr<T> {
  public Subscript {
    Objects.requireNonNull(array, "array");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(type, "type");
  }
}
