package dev.tusk.driver;

import dev.tusk.driver.protocol.Connector;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
   * {@code parameters}. The statement is prepared once per connection and cached; results arrive in
   * binary format wherever the driver can decode it.
   */
  CompletableFuture<RowSet> query(String sql, Object... parameters);

  /** Like {@link #query} for statements whose rows do not matter; completes with the affected row count. */
  CompletableFuture<Long> execute(String sql, Object... parameters);

  /**
   * Runs one or more statements separated by semicolons through the simple query protocol, with no
   * parameters; one result per statement, values in text format. For scripts and for statements
   * that cannot be prepared.
   */
  CompletableFuture<List<RowSet>> simpleQuery(String sql);

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
