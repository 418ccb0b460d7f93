package dev.tusk.sql;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.TxOptions;
import dev.tusk.sql.ast.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A connection from an {@link Engine}, on the blocking API (for virtual threads). Statements are
 * compiled through the engine's statement cache — a statement of a known shape skips the compiler,
 * and the driver's prepared-statement cache then skips Parse.
 */
public interface Connection {
  /** Runs any statement; SELECT and RETURNING rows are in the result. */
  Result execute(Statement statement);

  /** Runs text SQL with {@code $n} parameters (the escape hatch; prefer {@link Sql#text}). */
  Result execute(String sql, Object... parameters);

  /**
   * Runs statements in one round trip with one Sync: together, all or nothing (outside a
   * transaction block they form one implicit transaction).
   *
   * @return the total number of rows affected
   */
  long executeMany(List<? extends Statement> statements);

  /** Runs one or more text statements with no parameters (DDL scripts) through the simple protocol. */
  void executeScript(String sql);

  /** {@return all rows of a query} */
  default List<SqlRow> all(Statement query) {
    return execute(query).rows();
  }

  /** {@return the only row of a query} @throws dev.tusk.driver.PgException for zero or several rows */
  default SqlRow one(Statement query) {
    return execute(query).one();
  }

  /** {@return the first row of a query, if any} */
  default Optional<SqlRow> first(Statement query) {
    return execute(query).first();
  }

  /** {@return the first column of the only row} */
  default <T> T scalar(Statement query) {
    return execute(query).scalar();
  }

  /**
   * Streams a query's rows with backpressure: memory stays bounded whatever the result size. Close
   * the stream (try-with-resources) to stop early; that cancels the query.
   */
  Stream<SqlRow> stream(Statement query);

  /**
   * Runs {@code work} in a transaction — a SAVEPOINT when one is already open — committing when it
   * returns and rolling back when it throws.
   */
  <T> T inTransaction(TxOptions options, Work<T> work);

  default <T> T inTransaction(Work<T> work) {
    return inTransaction(TxOptions.defaults(), work);
  }

  /**
   * {@return this connection with a timeout for each statement}: {@code execute} (and {@code all},
   * {@code one}, ...), {@code executeMany} (the whole batch), {@code executeScript} (the whole
   * script) and {@code stream} (from the call to the last row, so a slow reader counts too). When it
   * passes, the statement is cancelled on the server, the call fails with a {@link
   * dev.tusk.driver.PgTimeoutException} (SQLSTATE 57014), and the connection stays usable. Null
   * means the connection's default ({@code query_timeout}).
   */
  Connection withTimeout(Duration timeout);

  /** {@return the driver connection underneath} */
  PgConnection driver();

  /** Work on a connection that returns a value. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws Exception;
  }

  /** Work on a connection. */
  @FunctionalInterface
  interface Action {
    void run(Connection connection) throws Exception;
  }
}
