package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * {@code CAST(operand AS type)}.
 *
 * @param operand the value converted
 * @param type the target type
 * @param <T> the Java type of the result
 */
public record Cast<T>(Expr<?> operand, SqlType<T> type) implements Expr<T> {
  public Cast {
    Objects.requireNonNull(operand, "operand");
    Objects.requireNonNull(type, "type");
  }
}
