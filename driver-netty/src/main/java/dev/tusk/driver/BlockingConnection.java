package dev.tusk.driver;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.stream.Stream;

/**
 * The blocking face of a connection, for virtual threads: every call waits for its result and
 * returns it. Waiting parks the calling thread (no {@code synchronized}, no thread locals), so a
 * virtual thread frees its carrier while the server works. Calling it on one of the driver's event
 * loop threads is refused with a clear error instead of deadlocking.
 *
 * <p>Failures are thrown as they are ({@link PgException} and its subclasses). An interrupted
 * caller cancels its statement and gets a {@link PgException} with SQLSTATE 57014.
 */
public interface BlockingConnection {
  RowSet query(String sql, Object... parameters);

  RowSet query(Query query);

  long execute(String sql, Object... parameters);

  List<RowSet> simpleQuery(String sql);

  List<RowSet> batch(List<Query> statements);

  long executeMany(String sql, List<? extends List<?>> parameterSets);

  /** Streams rows; close the stream (try-with-resources) to stop early. */
  Stream<Row> stream(String sql, Object... parameters);

  long copyIn(String sql, InputStream data);

  long copyIn(String sql, java.util.concurrent.Flow.Publisher<byte[]> data);

  long copyOut(String sql, OutputStream out);

  /**
   * Runs {@code body} in a transaction: BEGIN, then COMMIT when it returns, ROLLBACK when it throws
   * (the exception is rethrown). Called while a transaction is open, it is a SAVEPOINT instead:
   * RELEASE on return, ROLLBACK TO on a throw — never a silent join.
   */
  <T> T inTransaction(TransactionBody<T> body);

  <T> T inTransaction(TxOptions options, TransactionBody<T> body);

  /** {@return the transaction status of the last ReadyForQuery} */
  TransactionStatus transactionStatus();

  /** {@link PgConnection#advisoryXactLock(long)} on the calling thread. */
  default void advisoryXactLock(long key) {
    TransactionLocks.lock(this, key);
  }

  /** {@link PgConnection#advisoryXactLock(int, int)} on the calling thread. */
  default void advisoryXactLock(int key1, int key2) {
    TransactionLocks.lock(this, key1, key2);
  }

  /** {@link PgConnection#tryAdvisoryXactLock(long)} on the calling thread. */
  default boolean tryAdvisoryXactLock(long key) {
    return TransactionLocks.tryLock(this, key);
  }

  /** {@link PgConnection#tryAdvisoryXactLock(int, int)} on the calling thread. */
  default boolean tryAdvisoryXactLock(int key1, int key2) {
    return TransactionLocks.tryLock(this, key1, key2);
  }

  /** {@return the asynchronous connection underneath} */
  PgConnection async();

  /** Work done in a transaction on the blocking API. */
  @FunctionalInterface
  interface TransactionBody<T> {
    T run(BlockingConnection connection) throws Exception;
  }
}
