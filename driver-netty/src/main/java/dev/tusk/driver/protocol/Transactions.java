package dev.tusk.driver.protocol;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgTransaction;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.driver.TxOptions;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Transactions on one connection, asynchronously. The outermost level is BEGIN … COMMIT; a
 * transaction opened inside another is a SAVEPOINT, released on success and rolled back to on
 * failure — never a silent join, never a second BEGIN.
 *
 * <p>The caller's future may be cancelled at any moment: the statement in flight is cancelled, the
 * body's result is ignored, and the transaction is rolled back (a COMMIT already submitted is let
 * finish: unsent it might be dropped, sent it cannot be taken back). The connection is left with no transaction open.
 */
public final class Transactions {
  private Transactions() {}

  /** The per-connection nesting state shared by the async and blocking transaction APIs. */
  public static final class Depth {
    private final AtomicInteger depth = new AtomicInteger();

    int enter() {
      return depth.incrementAndGet();
    }

    void exit() {
      depth.decrementAndGet();
    }

    public int current() {
      return depth.get();
    }
  }

  static String savepointName(int depth) {
    return "tusk_savepoint_" + depth;
  }

  /**
   * Runs {@code body} in a transaction (or a savepoint when one is open).
   *
   * @param view what the body receives (a pooled connection passes itself)
   * @param core the connection the statements go to
   */
  public static <T> CompletableFuture<T> run(PgConnection view, ChannelConnection core, TxOptions options,
      Function<PgConnection, CompletableFuture<T>> body) {
    PgFuture<T> result = new PgFuture<>(true);
    Depth depth = core.transactionDepth();
    int level = depth.enter();
    boolean outermost = level == 1;
    if (outermost && core.transactionStatus() != TransactionStatus.IDLE) {
      depth.exit();
      result.completeExceptionally(alreadyOpen());
      result.settle();
      return result;
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    // once the COMMIT or ROLLBACK that ends the transaction is on its way, a cancel leaves it
    // alone: cancelling it could drop it unsent and leave the transaction open (and a COMMIT
    // already sent cannot be taken back)
    AtomicBoolean ending = new AtomicBoolean();
    result.onCancel(() -> {
      cancelled.set(true);
      core.cancelNewestUnless(ending::get);
    });
    String begin = outermost ? options.beginSql() : "SAVEPOINT " + savepointName(level);
    core.execute(begin).whenComplete((ignored, beginFailure) -> {
      if (beginFailure != null) {
        depth.exit();
        result.completeExceptionally(unwrap(beginFailure));
        // a BEGIN cancelled on the wire still ran; the queue rolls it back on its own, and the
        // work is over only once that is done
        core.whenIdle().whenComplete((idle, neverFails) -> result.settle());
        return;
      }
      if (cancelled.get()) {
        ending.set(true);
        rollback(core, outermost, level).whenComplete((r, f) -> {
          depth.exit();
          result.settle();
        });
        return;
      }
      CompletableFuture<T> inner;
      try {
        inner = body.apply(view);
        if (inner == null) {
          inner = CompletableFuture.failedFuture(new NullPointerException("the transaction body returned null instead of a future"));
        }
      } catch (Throwable e) {
        inner = CompletableFuture.failedFuture(e);
      }
      inner.whenComplete((value, bodyFailure) -> {
        ending.set(true);
        if (bodyFailure == null && !cancelled.get()) {
          commit(core, outermost, level).whenComplete((committed, commitFailure) -> {
            depth.exit();
            if (commitFailure != null) {
              Throwable cause = unwrap(commitFailure);
              markIfCommitRolledBack(cause, outermost);
              result.completeExceptionally(cause);
            } else {
              result.complete(value);
            }
            result.settle();
          });
        } else {
          Throwable cause = bodyFailure == null ? new CancellationException("the transaction was cancelled") : unwrap(bodyFailure);
          // a body that ended the transaction itself (COMMIT) failed afterwards, in autocommit:
          // what it did may have committed, so its failure must not say "rolled back" (a retry
          // would run it again)
          boolean failedInsideTheTransaction = core.transactionStatus() != TransactionStatus.IDLE;
          rollback(core, outermost, level).whenComplete((rolledBack, rollbackFailure) -> {
            depth.exit();
            if (failedInsideTheTransaction) {
              markRolledBack(cause, outermost);
            }
            Throwable rollbackCause = rollbackFailure == null ? null : unwrap(rollbackFailure);
            // a closed connection fails the body and the ROLLBACK with the same exception, and
            // suppressing an exception in itself throws, which would leave this future hanging
            if (rollbackCause != null && rollbackCause != cause) {
              cause.addSuppressed(rollbackCause);
            }
            result.completeExceptionally(cause);
            result.settle();
          });
        }
      });
    });
    return result;
  }

  /** COMMIT (failing when PostgreSQL answers ROLLBACK), or RELEASE SAVEPOINT. */
  static CompletableFuture<Void> commit(ChannelConnection core, boolean outermost, int level) {
    if (!outermost) {
      return core.execute("RELEASE SAVEPOINT " + savepointName(level)).thenApply(ignored -> null);
    }
    return core.query("COMMIT").thenApply(Transactions::checkCommitted);
  }

  static Void checkCommitted(RowSet commit) {
    if ("ROLLBACK".equals(commit.commandTag())) {
      // COMMIT of a transaction in which a statement failed rolls back instead, silently
      var failure = new PgException(SqlState.TRANSACTION_ROLLBACK,
          "COMMIT rolled the transaction back instead: a statement in it had failed");
      failure.markTransactionRolledBack();
      throw failure;
    }
    return null;
  }

  /** ROLLBACK, or ROLLBACK TO SAVEPOINT then RELEASE (one round trip, as an atomic batch would not do here). */
  static CompletableFuture<Void> rollback(ChannelConnection core, boolean outermost, int level) {
    if (outermost) {
      return core.execute("ROLLBACK").thenApply(ignored -> null);
    }
    String savepoint = savepointName(level);
    return core.simpleQuery("ROLLBACK TO SAVEPOINT " + savepoint + "; RELEASE SAVEPOINT " + savepoint)
        .thenApply(ignored -> null);
  }

  /** An explicit BEGIN with its handle. */
  public static CompletableFuture<PgTransaction> begin(PgConnection view, ChannelConnection core, TxOptions options) {
    Depth depth = core.transactionDepth();
    if (depth.current() > 0 || core.transactionStatus() != TransactionStatus.IDLE) {
      return CompletableFuture.failedFuture(alreadyOpen());
    }
    depth.enter();
    return core.execute(options.beginSql()).handle((ignored, failure) -> {
      if (failure != null) {
        depth.exit();
        throw new CompletionException(unwrap(failure));
      }
      return (PgTransaction) new ExplicitTransaction(view, core);
    });
  }

  private static final class ExplicitTransaction implements PgTransaction {
    private final PgConnection view;
    private final ChannelConnection core;
    private final AtomicBoolean ended = new AtomicBoolean();

    ExplicitTransaction(PgConnection view, ChannelConnection core) {
      this.view = view;
      this.core = core;
    }

    @Override
    public CompletableFuture<Void> commit() {
      if (!ended.compareAndSet(false, true)) {
        return CompletableFuture.failedFuture(alreadyEnded());
      }
      return Transactions.commit(core, true, 1).whenComplete((ignored, failure) -> {
        core.transactionDepth().exit();
        if (failure != null) {
          // a COMMIT the server refused (a serialization failure, a deferred constraint) ended
          // the transaction with a rollback: say so, so that a retry policy may run it again
          markIfCommitRolledBack(unwrap(failure), true);
        }
      });
    }

    @Override
    public CompletableFuture<Void> rollback() {
      if (!ended.compareAndSet(false, true)) {
        return CompletableFuture.failedFuture(alreadyEnded());
      }
      return Transactions.rollback(core, true, 1).whenComplete((ignored, failure) -> core.transactionDepth().exit());
    }

    @Override
    public PgConnection connection() {
      return view;
    }
  }

  static PgException alreadyOpen() {
    return new PgException(SqlState.ACTIVE_SQL_TRANSACTION, "a transaction is already open on this connection; "
        + "nest with withTransaction/inTransaction (a savepoint), or end the open one first");
  }

  static PgException alreadyEnded() {
    return new PgException(SqlState.INVALID_TRANSACTION_STATE, "this transaction has already been committed or rolled back");
  }

  /**
   * Marks the failure of a COMMIT rolled back when it certainly was: the server answered the COMMIT
   * with an ERROR (a serialization failure, a deferred constraint), which ends the transaction with
   * a rollback, or with ROLLBACK ({@link #checkCommitted} marks that one). A COMMIT that timed out,
   * or lost its connection (a class 08 error, or the server's FATAL as it went away), may have
   * committed before its answer was lost: the outcome is unknown, and a caller told "rolled back"
   * could run work that committed a second time.
   */
  static void markIfCommitRolledBack(Throwable cause, boolean outermost) {
    if (cause instanceof PgException pg && "ERROR".equals(pg.severity())) {
      markRolledBack(pg, outermost);
    }
  }

  private static void markRolledBack(Throwable cause, boolean outermost) {
    if (outermost && cause instanceof PgException pg) {
      pg.markTransactionRolledBack();
    }
  }

  static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
