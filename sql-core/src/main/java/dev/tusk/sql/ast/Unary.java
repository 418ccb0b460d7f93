package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * {@code op operand} or {@code operand op}.
 *
 * @param op the operator
 * @param operand the operand
 * @param type the type of the result
 * @param <T> the Java type of the result
 */
public record Unary<T>(UnaryOp op, Expr<?> operand, SqlType<T> type) implements Expr<T> {
  public Unary {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(operand, "operand");
    Objects.requireNonNull(type, "type");
  }
}
