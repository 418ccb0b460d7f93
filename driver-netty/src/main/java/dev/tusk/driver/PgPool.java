package dev.tusk.driver;

import dev.tusk.driver.pool.ConnectionPool;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A pool of connections to one database. Asynchronous throughout; the {@code in…} methods are the
 * blocking face, for virtual threads.
 *
 * <p>Three ways to use a connection:
 * <ul>
 *   <li>{@link #query}/{@link #execute}: one statement in autocommit mode on whichever connection is
 *       free — several may be pipelined on one connection, so do not use them for transaction
 *       control or session settings (a statement that leaves a transaction open is rolled back
 *       and reported as an error);
 *   <li>{@link #withConnection}, {@link #withTransaction}, {@link #withRetry}, {@link #advisoryLock}:
 *       a connection of your own for the duration of a function, returned clean afterwards — also
 *       when the function fails or the returned future is cancelled;
 *   <li>{@link #acquire()}: a {@link PooledConnection} you release yourself.
 * </ul>
 */
public interface PgPool {

  /** A pool for a libpq connection string (see {@link PgConnectOptions#parse}). */
  static PgPool create(String connectionString, PoolOptions options) {
    return create(PgConnectOptions.parse(connectionString), options);
  }

  static PgPool create(PgConnectOptions connectOptions, PoolOptions options) {
    return new ConnectionPool(connectOptions, options);
  }

  /**
   * Borrows a connection: an idle one (checked first if it was idle long), a new one while below
   * {@code maxSize}, or the next one released. Fails with SQLSTATE 53300 when the wait queue is full
   * or the acquire timeout passes. Cancelling the future while waiting withdraws the request; a
   * connection that arrives for a cancelled request goes back to the pool.
   */
  CompletableFuture<PooledConnection> acquire();

  /** Runs one statement in autocommit mode on a free connection (pipelined with others). */
  CompletableFuture<RowSet> query(String sql, Object... parameters);

  CompletableFuture<RowSet> query(Query query);

  CompletableFuture<Long> execute(String sql, Object... parameters);

  /** Lends a connection to {@code body} and takes it back, clean, when the body's future completes. */
  <T> CompletableFuture<T> withConnection(Function<PgConnection, CompletableFuture<T>> body);

  /** {@link PgConnection#withTransaction} on a connection of the pool. */
  default <T> CompletableFuture<T> withTransaction(Function<PgConnection, CompletableFuture<T>> body) {
    return withTransaction(TxOptions.defaults(), body);
  }

  <T> CompletableFuture<T> withTransaction(TxOptions options, Function<PgConnection, CompletableFuture<T>> body);

  /** A read-only transaction ({@code deferrable}: SERIALIZABLE READ ONLY DEFERRABLE). */
  default <T> CompletableFuture<T> withReadOnlyTransaction(boolean deferrable, Function<PgConnection, CompletableFuture<T>> body) {
    return withTransaction(TxOptions.readOnly(deferrable), body);
  }

  /**
   * Runs {@code body} in a transaction, and runs the whole transaction again (on a fresh transaction)
   * when it failed with a serialization failure or deadlock, as {@code policy} says.
   */
  <T> CompletableFuture<T> withRetry(RetryPolicy policy, TxOptions options, Function<PgConnection, CompletableFuture<T>> body);

  /**
   * Holds the session advisory lock {@code key} while {@code body} runs, on a connection of its own,
   * waiting for the lock as long as it takes (or until cancelled). The lock is always released —
   * after success, failure or cancellation.
   */
  <T> CompletableFuture<T> advisoryLock(long key, Function<PgConnection, CompletableFuture<T>> body);

  /** {@link #advisoryLock(long, Function)} with PostgreSQL's two-int key form. */
  <T> CompletableFuture<T> advisoryLock(int key1, int key2, Function<PgConnection, CompletableFuture<T>> body);

  /** Runs {@code body} under the lock if it is free now; otherwise completes with an empty result at once. */
  <T> CompletableFuture<Optional<T>> tryAdvisoryLock(long key, Function<PgConnection, CompletableFuture<T>> body);

  <T> CompletableFuture<Optional<T>> tryAdvisoryLock(int key1, int key2, Function<PgConnection, CompletableFuture<T>> body);

  // ---- blocking, for virtual threads ----

  /** Lends a connection to {@code body} on the calling thread and takes it back afterwards. */
  <T> T inConnection(BlockingConnection.TransactionBody<T> body);

  /** {@link BlockingConnection#inTransaction} on a connection of the pool. */
  default <T> T inTransaction(BlockingConnection.TransactionBody<T> body) {
    return inTransaction(TxOptions.defaults(), body);
  }

  <T> T inTransaction(TxOptions options, BlockingConnection.TransactionBody<T> body);

  /** {@link #withRetry} on the calling thread: waits out the backoff with a sleep. */
  <T> T inTransactionWithRetry(RetryPolicy policy, TxOptions options, BlockingConnection.TransactionBody<T> body);

  /** {@link #advisoryLock(long, Function)} on the calling thread. */
  <T> T inAdvisoryLock(long key, BlockingConnection.TransactionBody<T> body);

  /** {@return the pool's gauges and counters} */
  PoolStats stats();

  /**
   * Closes the pool: new acquires fail, waiting ones fail, idle connections close, borrowed ones
   * close when released — or at {@code closeTimeout}, whichever comes first.
   */
  CompletableFuture<Void> close();
}
