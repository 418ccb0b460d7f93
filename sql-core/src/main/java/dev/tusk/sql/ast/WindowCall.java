package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * {@code function OVER (window)}.
 *
 * @param function a {@link FunctionCall} or an {@link Aggregate}
 * @param window the window
 * @param <T> the Java type of the result
 */
public record WindowCall<T>(Expr<T> function, WindowSpec window) implements Expr<T> {
  public WindowCall {
    if (!(function instanceof FunctionCall<?>) && !(function instanceof Aggregate<?>)) {
      throw new IllegalArgumentException("OVER applies to a function or an aggregate, not " + function);
    }
    Objects.requireNonNull(window, "window");
  }

  @Override
  public SqlType<T> type() {
    return function.type();
  }
}
