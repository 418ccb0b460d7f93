package dev.tusk.driver;

import dev.tusk.driver.protocol.Connector;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * One connection to PostgreSQL. Every call returns its future at once; calls made while others are
 * in flight are written together (automatic pipelining) and their results arrive in order. Futures
 * complete on the connection's event loop: keep callbacks short, and never block in one.
 *
 * <p>Thread-safe: any thread may issue commands.
 */
public interface PgConnection {

  /**
   * Opens a connection described by a libpq connection string (see {@link PgConnectOptions#parse}).
   *
   * @throws PgException (22023) at once when the string is malformed
   */
  static CompletableFuture<PgConnection> connect(String connectionString) {
    return Connector.connect(PgConnectOptions.parse(connectionString));
  }

  /** Opens a connection; the future fails with a {@link PgException} (class 08 or 28) on failure. */
  static CompletableFuture<PgConnection> connect(PgConnectOptions options) {
    return Connector.connect(options);
  }

  /**
   * Runs one statement through the extended protocol, with {@code $1, $2 …} bound to
   * {@code parameters}. The statement is prepared once per connection under a name and cached.
   *
   * <p>Result formats: the execution that prepares the statement gets every column in text, because
   * Bind goes out with Parse, before the server has described the columns; so does one that reuses a
   * statement a command still in flight is preparing. Once the description has arrived, executions
   * get binary for each column whose type has a binary codec, text for the others. With unnamed
   * statements only ({@link PgConnectOptions#namedStatements()} false, {@code pgbouncer=true}, or
   * {@code statement_cache_size=0}) every execution prepares again, so results always arrive in text.
   * Both decode to the same Java values, except that a timestamptz read from text keeps the
   * session's offset where binary gives UTC (the same instant); {@link ColumnDescriptor#format()}
   * tells which format came.
   */
  CompletableFuture<RowSet> query(String sql, Object... parameters);

  /** Like {@link #query(String, Object...)} with per-call options such as a timeout. */
  CompletableFuture<RowSet> query(Query query);

  /** Like {@link #query} for statements whose rows do not matter; completes with the affected row count. */
  CompletableFuture<Long> execute(String sql, Object... parameters);

  /**
   * Runs several statements in one round trip with a single Sync: outside a transaction block they
   * commit or fail together (one implicit transaction). The first error fails the future and the
   * server skips the statements after it. The batch runs under one timeout: the sum of its
   * statements' own timeouts ({@link Query#timeout}), or the connection default when none has one.
   *
   * @return one result per statement, in order
   */
  CompletableFuture<List<RowSet>> batch(List<Query> statements);

  /**
   * Runs one statement once per parameter set, as an atomic {@link #batch}: for bulk inserts and
   * updates (for the most rows per second, see {@link #copyIn}).
   *
   * @return the total number of rows affected
   */
  CompletableFuture<Long> executeMany(String sql, List<? extends List<?>> parameterSets);

  /**
   * Streams the rows of one statement with backpressure (see {@link RowStream}): for results too
   * big to hold, or to start on the first rows early. The statement runs when the stream is
   * subscribed to, or when {@link RowStream#stream()} is called.
   */
  RowStream stream(String sql, Object... parameters);

  /**
   * Runs one or more statements separated by semicolons through the simple query protocol, with no
   * parameters; one result per statement, values in text format. For scripts and for statements
   * that cannot be prepared.
   */
  CompletableFuture<List<RowSet>> simpleQuery(String sql);

  /**
   * Runs {@code COPY … FROM STDIN} with data from a publisher (see {@link CopyRows} for rows of Java
   * values). The data is requested only as fast as the socket takes it. A failing publisher or a
   * cancelled future aborts the copy (CopyFail), and a bad row fails the future; either way the
   * server rolls the COPY back and the connection stays usable.
   *
   * @return completes with the number of rows copied
   */
  CompletableFuture<Long> copyIn(String sql, Flow.Publisher<byte[]> data);

  /** {@link #copyIn(String, Flow.Publisher)} from a stream, read on a virtual thread. The stream is closed at the end. */
  CompletableFuture<Long> copyIn(String sql, InputStream data);

  /**
   * {@return the data of a {@code COPY … TO STDOUT}, chunk by chunk, with backpressure} A chunk holds
   * whole rows (up to 64 KiB of them, as they arrived), never part of one. The copy runs when
   * subscribed to; cancelling the subscription cancels it.
   */
  Flow.Publisher<byte[]> copyOut(String sql);

  /**
   * Writes the data of a {@code COPY … TO STDOUT} to a stream (on a virtual thread).
   *
   * @return completes with the number of bytes written
   */
  CompletableFuture<Long> copyOut(String sql, OutputStream out);

  /** Starts listening on a channel ({@code LISTEN}, the name quoted as needed). */
  CompletableFuture<Void> listen(String channel);

  /** Stops listening on a channel. */
  CompletableFuture<Void> unlisten(String channel);

  /**
   * {@return the notifications received on this connection's channels} Each subscriber gets them in
   * order, on its own virtual thread, with a buffer of 8192; one that falls further behind loses the
   * newest (the server cannot be slowed down), which is logged. Completes when the connection closes.
   */
  Flow.Publisher<PgNotification> notifications();

  /**
   * Runs {@code body} in a transaction: BEGIN, the body's statements, then COMMIT when its future
   * succeeds or ROLLBACK when it fails. A failure at COMMIT (a serialization failure, a deferred
   * constraint, or an earlier failed statement, which PostgreSQL turns into a rollback) fails the
   * returned future. Cancelling the returned future cancels the statement in flight and rolls back.
   * Inside a transaction, a nested call is a SAVEPOINT (released on success, rolled back to on
   * failure), never a silent join.
   */
  default <T> CompletableFuture<T> withTransaction(Function<PgConnection, CompletableFuture<T>> body) {
    return withTransaction(TxOptions.defaults(), body);
  }

  /** {@link #withTransaction(Function)} with an isolation level, read-only or deferrable. */
  <T> CompletableFuture<T> withTransaction(TxOptions options, Function<PgConnection, CompletableFuture<T>> body);

  /**
   * Begins a transaction explicitly; end it with the handle. A second {@code begin} while one is
   * open fails (25001): nest with {@link #withTransaction} instead.
   */
  CompletableFuture<PgTransaction> begin(TxOptions options);

  /**
   * The seed's {@code begin_readonly}: a read-only transaction; with {@code deferrable}, SERIALIZABLE
   * READ ONLY DEFERRABLE — a snapshot that waits until it can never fail with a serialization
   * error, for long reports on a busy database. Writes in it fail with 25006.
   */
  default CompletableFuture<PgTransaction> beginReadOnly(boolean deferrable) {
    return begin(TxOptions.readOnly(deferrable));
  }

  /**
   * Takes a transaction-level advisory lock ({@code pg_advisory_xact_lock}), waiting while another
   * session holds it; COMMIT or ROLLBACK releases it. Fails with 25P01 outside a transaction, where
   * the lock would be released at once. For a session-level lock held around some work, see
   * {@link PgPool#advisoryLock}.
   */
  default CompletableFuture<Void> advisoryXactLock(long key) {
    return TransactionLocks.lock(this, key);
  }

  /** {@link #advisoryXactLock(long)} with PostgreSQL's two-int key form. */
  default CompletableFuture<Void> advisoryXactLock(int key1, int key2) {
    return TransactionLocks.lock(this, key1, key2);
  }

  /** {@return whether the transaction-level lock was free and is now held} Never waits; 25P01 outside a transaction. */
  default CompletableFuture<Boolean> tryAdvisoryXactLock(long key) {
    return TransactionLocks.tryLock(this, key);
  }

  /** {@link #tryAdvisoryXactLock(long)} with PostgreSQL's two-int key form. */
  default CompletableFuture<Boolean> tryAdvisoryXactLock(int key1, int key2) {
    return TransactionLocks.tryLock(this, key1, key2);
  }

  /** {@return a blocking view of this connection, for virtual threads} */
  BlockingConnection blocking();

  /** {@return the server's current parameters (server_version, TimeZone, …) as last reported} */
  Map<String, String> serverParameters();

  /** {@return the transaction status of the last ReadyForQuery} */
  TransactionStatus transactionStatus();

  /** {@return the backend process ID serving this connection} */
  int processId();

  /** {@return whether the connection is open (not closed by either side)} */
  boolean isOpen();

  /**
   * Closes the connection: commands already issued still run, later ones fail; then Terminate is
   * sent and the socket closed.
   */
  CompletableFuture<Void> close();
}
