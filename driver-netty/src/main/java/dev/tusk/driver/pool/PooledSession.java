package dev.tusk.driver.pool;

import dev.tusk.driver.BlockingConnection;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgNotification;
import dev.tusk.driver.PgTransaction;
import dev.tusk.driver.PooledConnection;
import dev.tusk.driver.Query;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.RowStream;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.driver.TxOptions;
import dev.tusk.driver.protocol.BlockingSession;
import dev.tusk.driver.protocol.ChannelConnection;
import dev.tusk.driver.protocol.Transactions;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One loan of a pooled connection. Every call checks the loan is still open, so a borrower who
 * kept a reference after release gets an error instead of reaching the next borrower's session.
 */
final class PooledSession implements PooledConnection {
  private final ConnectionPool pool;
  private final Slot slot;
  private final ChannelConnection core;
  private final AtomicBoolean released = new AtomicBoolean();

  PooledSession(ConnectionPool pool, Slot slot) {
    this.pool = pool;
    this.slot = slot;
    this.core = slot.connection;
  }

  Slot slot() {
    return slot;
  }

  ChannelConnection core() {
    return core;
  }

  private <T> CompletableFuture<T> released() {
    return CompletableFuture.failedFuture(releasedError());
  }

  private static PgException releasedError() {
    return new PgException(SqlState.CONNECTION_DOES_NOT_EXIST, "this pooled connection was released; acquire another");
  }

  private void checkOpen() {
    if (released.get()) {
      throw releasedError();
    }
  }

  @Override
  public CompletableFuture<Void> release() {
    if (!released.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    return pool.returnSlot(slot);
  }

  @Override
  public CompletableFuture<Void> close() {
    return release();
  }

  @Override
  public CompletableFuture<RowSet> query(String sql, Object... parameters) {
    return released.get() ? released() : core.query(sql, parameters);
  }

  @Override
  public CompletableFuture<RowSet> query(Query query) {
    return released.get() ? released() : core.query(query);
  }

  @Override
  public CompletableFuture<Long> execute(String sql, Object... parameters) {
    return released.get() ? released() : core.execute(sql, parameters);
  }

  @Override
  public CompletableFuture<List<RowSet>> simpleQuery(String sql) {
    return released.get() ? released() : core.simpleQuery(sql);
  }

  @Override
  public CompletableFuture<List<RowSet>> batch(List<Query> statements) {
    return released.get() ? released() : core.batch(statements);
  }

  @Override
  public CompletableFuture<Long> executeMany(String sql, List<? extends List<?>> parameterSets) {
    return released.get() ? released() : core.executeMany(sql, parameterSets);
  }

  @Override
  public RowStream stream(String sql, Object... parameters) {
    checkOpen();
    return core.stream(sql, parameters);
  }

  @Override
  public CompletableFuture<Long> copyIn(String sql, Flow.Publisher<byte[]> data) {
    return released.get() ? released() : core.copyIn(sql, data);
  }

  @Override
  public CompletableFuture<Long> copyIn(String sql, InputStream data) {
    return released.get() ? released() : core.copyIn(sql, data);
  }

  @Override
  public Flow.Publisher<byte[]> copyOut(String sql) {
    checkOpen();
    return core.copyOut(sql);
  }

  @Override
  public CompletableFuture<Long> copyOut(String sql, OutputStream out) {
    return released.get() ? released() : core.copyOut(sql, out);
  }

  @Override
  public CompletableFuture<Void> listen(String channel) {
    return released.get() ? released() : core.listen(channel);
  }

  @Override
  public CompletableFuture<Void> unlisten(String channel) {
    return released.get() ? released() : core.unlisten(channel);
  }

  @Override
  public Flow.Publisher<PgNotification> notifications() {
    checkOpen();
    return core.notifications();
  }

  @Override
  public <T> CompletableFuture<T> withTransaction(TxOptions options, Function<PgConnection, CompletableFuture<T>> body) {
    return released.get() ? released() : Transactions.run(this, core, options, body);
  }

  @Override
  public CompletableFuture<PgTransaction> begin(TxOptions options) {
    return released.get() ? released() : Transactions.begin(this, core, options);
  }

  @Override
  public BlockingConnection blocking() {
    checkOpen();
    return new BlockingSession(this, core);
  }

  @Override
  public Map<String, String> serverParameters() {
    return core.serverParameters();
  }

  @Override
  public TransactionStatus transactionStatus() {
    return core.transactionStatus();
  }

  @Override
  public int processId() {
    return core.processId();
  }

  @Override
  public boolean isOpen() {
    return !released.get() && core.isOpen();
  }

  @Override
  public String toString() {
    return "PooledConnection[" + core + (released.get() ? ", released" : "") + "]";
  }
}
