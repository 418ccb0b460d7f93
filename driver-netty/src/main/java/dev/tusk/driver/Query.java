package dev.tusk.driver;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A statement with its parameters and per-call options, for when a plain
 * {@code query(sql, parameters…)} is not enough:
 * <pre>{@code
 * conn.query(Query.of("SELECT * FROM t WHERE id = $1", 42).timeout(Duration.ofSeconds(2)));
 * }</pre>
 *
 * @param sql the statement, with {@code $1 …} placeholders
 * @param parameters the values for the placeholders (may contain nulls)
 * @param timeout how long the caller waits before the statement is cancelled, or {@code null} for
 *     the connection's default ({@code query_timeout}); measured from the call, so it includes
 *     time spent waiting behind other commands
 */
public record Query(String sql, List<Object> parameters, Duration timeout) {
  public Query {
    Objects.requireNonNull(sql, "sql");
    parameters = parameters == null ? List.of() : java.util.Collections.unmodifiableList(Arrays.asList(parameters.toArray()));
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  public static Query of(String sql, Object... parameters) {
    return new Query(sql, parameters == null ? List.of() : Arrays.asList(parameters), null);
  }

  /** {@return this query with a timeout} */
  public Query timeout(Duration newTimeout) {
    return new Query(sql, parameters, newTimeout);
  }

  Object[] parameterArray() {
    return parameters.toArray();
  }
}
