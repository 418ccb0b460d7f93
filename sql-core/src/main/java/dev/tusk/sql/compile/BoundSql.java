package dev.tusk.sql.compile;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A compiled statement with the values of one execution: what the executor sends as Parse (the
 * SQL and the parameter types) and Bind (the values).
 *
 * @param compiled the compiled statement, possibly shared through the cache
 * @param parameters the value of each parameter, in {@code $n} order; may hold nulls
 */
public record BoundSql(CompiledSql compiled, List<Object> parameters) {
  public BoundSql {
    Objects.requireNonNull(compiled, "compiled");
    parameters = Collections.unmodifiableList(parameters);
    if (parameters.size() != compiled.parameters().size()) {
      throw new IllegalArgumentException(parameters.size() + " values for " + compiled.parameters().size()
          + " parameters");
    }
  }

  /** {@return the SQL text} */
  public String sql() {
    return compiled.sql();
  }

  /** Shows the SQL only: values do not belong in logs. */
  @Override
  public String toString() {
    return compiled.sql();
  }
}
