package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * An expression with a name: {@code expression AS name} in a select list or RETURNING, and the
 * expression alone anywhere else. In the ORDER BY and GROUP BY of a statement, a label is replaced
 * by a reference to its output name ({@code ORDER BY n}) when the statement is built.
 *
 * @param expression the labelled expression
 * @param name the output name
 * @param <T> the Java type of values
 */
public record Label<T>(Expr<T> expression, String name) implements Expr<T> {
  public Label {
    Objects.requireNonNull(expression, "expression");
    Names.requireIdentifier(name, "label");
    if (expression instanceof Label<?>) {
      throw new IllegalArgumentException("a label of a label; relabel the expression instead");
    }
  }

  @Override
  public SqlType<T> type() {
    return expression.type();
  }

  @Override
  public Label<T> as(String newName) {
    return new Label<>(expression, newName);
  }
}
