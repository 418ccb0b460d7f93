package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.List;
import java.util.Objects;

/**
 * {@code name(arguments...)}: any function, by name. The name is written as given, with each
 * dot-separated part quoted only when it is not a plain lower-case identifier; keywords are not
 * quoted because functions such as {@code coalesce}, {@code left} and {@code greatest} are
 * keywords that the grammar accepts only unquoted.
 *
 * @param name the function's name, possibly schema-qualified
 * @param arguments the arguments
 * @param type the type of the result
 * @param <T> the Java type of the result
 */
public record FunctionCall<T>(String name, List<Expr<?>> arguments, SqlType<T> type) implements Expr<T> {
  public FunctionCall {
    Names.requireFunctionName(name);
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(type, "type");
  }

  /** {@return this function as a window function: {@code name(...) OVER (window)}} */
  public WindowCall<T> over(WindowSpec window) {
    return new WindowCall<>(this, window);
  }
}
