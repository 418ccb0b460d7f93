package dev.tusk.sql;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.TxOptions;
import dev.tusk.sql.ast.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Function;

/** A connection from an {@link AsyncEngine}: every call returns a future at once (calls pipeline). */
public interface AsyncConnection {
  CompletableFuture<Result> execute(Statement statement);

  /** Statements in one round trip with one Sync, all or nothing; completes with the rows affected. */
  CompletableFuture<Long> executeMany(List<? extends Statement> statements);

  /** Streams a query's rows with backpressure; the query runs when subscribed to. */
  Flow.Publisher<SqlRow> stream(Statement query);

  /** A transaction, or a SAVEPOINT when one is open. */
  <T> CompletableFuture<T> withTransaction(TxOptions options, Function<AsyncConnection, CompletableFuture<T>> work);

  /**
   * {@return this connection with a timeout for each statement}: {@code execute}, {@code
   * executeMany} (the whole batch) and {@code stream} (subscription to last row). When it passes,
   * the statement is cancelled on the server, its future (or the subscriber) fails with a {@link
   * dev.tusk.driver.PgTimeoutException} (SQLSTATE 57014), and the connection stays usable. Null
   * means the connection's default ({@code query_timeout}).
   */
  AsyncConnection withTimeout(Duration timeout);

  /** {@return the driver connection underneath} */
  PgConnection driver();
}
