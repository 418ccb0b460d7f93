package dev.tusk.driver.protocol;

import dev.tusk.driver.BlockingConnection;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.Query;
import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.driver.TxOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/** {@link BlockingConnection} over an asynchronous connection: each call awaits its future. */
public final class BlockingSession implements BlockingConnection {
  private final PgConnection async;
  private final ChannelConnection core;

  /**
   * @param async what callers see as the asynchronous connection (a pooled one passes itself)
   * @param core the connection underneath, whose transaction nesting this shares
   */
  public BlockingSession(PgConnection async, ChannelConnection core) {
    this.async = async;
    this.core = core;
  }

  @Override
  public RowSet query(String sql, Object... parameters) {
    return Blocking.await(async.query(sql, parameters));
  }

  @Override
  public RowSet query(Query query) {
    return Blocking.await(async.query(query));
  }

  @Override
  public long execute(String sql, Object... parameters) {
    return Blocking.await(async.execute(sql, parameters));
  }

  @Override
  public List<RowSet> simpleQuery(String sql) {
    return Blocking.await(async.simpleQuery(sql));
  }

  @Override
  public List<RowSet> batch(List<Query> statements) {
    return Blocking.await(async.batch(statements));
  }

  @Override
  public long executeMany(String sql, List<? extends List<?>> parameterSets) {
    return Blocking.await(async.executeMany(sql, parameterSets));
  }

  @Override
  public Stream<Row> stream(String sql, Object... parameters) {
    return async.stream(sql, parameters).stream();
  }

  @Override
  public long copyIn(String sql, InputStream data) {
    return Blocking.await(async.copyIn(sql, data));
  }

  @Override
  public long copyIn(String sql, Flow.Publisher<byte[]> data) {
    return Blocking.await(async.copyIn(sql, data));
  }

  @Override
  public long copyOut(String sql, OutputStream out) {
    return Blocking.await(async.copyOut(sql, out));
  }

  @Override
  public <T> T inTransaction(TransactionBody<T> body) {
    return inTransaction(TxOptions.defaults(), body);
  }

  @Override
  public <T> T inTransaction(TxOptions options, TransactionBody<T> body) {
    Transactions.Depth depth = core.transactionDepth();
    int level = depth.enter();
    boolean outermost = level == 1;
    try {
      if (outermost && core.transactionStatus() != TransactionStatus.IDLE) {
        throw Transactions.alreadyOpen();
      }
      Blocking.await(core.execute(outermost ? options.beginSql() : "SAVEPOINT " + Transactions.savepointName(level)));
      T result;
      try {
        result = body.run(this);
      } catch (Throwable failure) {
        rollbackAfter(failure, outermost, level);
        throw asUnchecked(failure);
      }
      try {
        Blocking.await(Transactions.commit(core, outermost, level));
      } catch (PgException commitFailure) {
        Transactions.markIfCommitRolledBack(commitFailure, outermost);
        throw commitFailure;
      }
      return result;
    } finally {
      depth.exit();
    }
  }

  private void rollbackAfter(Throwable failure, boolean outermost, int level) {
    // a body that ended the transaction itself (COMMIT) failed afterwards, in autocommit: what it
    // did may have committed, so its failure must not say "rolled back" (a retry would run it again)
    boolean failedInsideTheTransaction = core.transactionStatus() != TransactionStatus.IDLE;
    boolean interrupted = Thread.interrupted();
    try {
      Blocking.await(Transactions.rollback(core, outermost, level));
    } catch (RuntimeException rollbackFailure) {
      if (rollbackFailure != failure) {
        // a closed connection fails both with one exception, which cannot suppress itself
        failure.addSuppressed(rollbackFailure);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (outermost && failedInsideTheTransaction && failure instanceof PgException pg) {
      pg.markTransactionRolledBack();
    }
  }

  private static RuntimeException asUnchecked(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      return runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new PgException(SqlState.TRANSACTION_ROLLBACK, "the transaction body failed and was rolled back: " + failure, failure);
  }

  @Override
  public TransactionStatus transactionStatus() {
    return async.transactionStatus();
  }

  @Override
  public PgConnection async() {
    return async;
  }
}
