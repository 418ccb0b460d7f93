package dev.tusk.sql;

import dev.tusk.driver.Isolation;
import dev.tusk.driver.RetryPolicy;
import dev.tusk.driver.TxOptions;
import dev.tusk.sql.ast.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The asynchronous face of an {@link Engine}; futures complete on the driver's event loops. */
public interface AsyncEngine {
  /** Runs one statement in autocommit mode on a free connection (pipelined with others). */
  CompletableFuture<Result> execute(Statement statement);

  <T> CompletableFuture<T> withConnection(Function<AsyncConnection, CompletableFuture<T>> work);

  <T> CompletableFuture<T> withTransaction(TxOptions options, Function<AsyncConnection, CompletableFuture<T>> work);

  default <T> CompletableFuture<T> withTransaction(Function<AsyncConnection, CompletableFuture<T>> work) {
    return withTransaction(TxOptions.defaults(), work);
  }

  default <T> CompletableFuture<T> withTransaction(Isolation isolation, Function<AsyncConnection, CompletableFuture<T>> work) {
    return withTransaction(TxOptions.isolation(isolation), work);
  }

  /**
   * {@link Engine#beginReadOnly} with futures: the work runs in a SERIALIZABLE READ ONLY DEFERRABLE
   * transaction, a consistent snapshot that can never fail with a serialization error; a write in it
   * fails with SQLSTATE 25006. For READ ONLY alone, pass {@code TxOptions.readOnly(false)} to
   * {@link #withTransaction(TxOptions, Function)}.
   */
  default <T> CompletableFuture<T> beginReadOnly(Function<AsyncConnection, CompletableFuture<T>> work) {
    return withTransaction(TxOptions.readOnly(true), work);
  }

  /** Runs the transaction again on serialization failures and deadlocks, as {@code policy} says. */
  <T> CompletableFuture<T> withRetry(RetryPolicy policy, TxOptions options, Function<AsyncConnection, CompletableFuture<T>> work);

  /** Holds the session advisory lock {@code key} while {@code work} runs; always released. */
  <T> CompletableFuture<T> advisoryLock(long key, Function<AsyncConnection, CompletableFuture<T>> work);

  /**
   * {@return this engine with a timeout for each statement}: {@link #execute} and every statement on
   * the connections it lends, as {@link AsyncConnection#withTimeout} gives; the same pool and cache.
   * Null means the connections' default ({@code query_timeout}).
   */
  AsyncEngine withTimeout(Duration timeout);
}
