package dev.tusk.driver.pool;

import dev.tusk.driver.BlockingConnection;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.protocol.PgFuture;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Session advisory locks held for the duration of a body. The unlock always runs — after success,
 * failure, and also after a failed or cancelled lock attempt, because a cancel can race a lock that
 * was in fact granted; unlocking a lock not held only yields a warning. A key is one bigint or two
 * ints, bound as parameters so that PostgreSQL picks the matching function.
 */
final class AdvisoryLocks {
  private AdvisoryLocks() {}

  private static String call(String function, Object[] key) {
    return "SELECT " + function + (key.length == 1 ? "($1)" : "($1, $2)");
  }

  /**
   * Holds the lock around the body. The returned unit settles only after the unlock, also when it
   * is cancelled (which cancels the command in flight, so a waiting lock or a running body ends).
   */
  static <T> PgFuture<T> holding(PooledSession connection, Object[] key, Function<PgConnection, CompletableFuture<T>> body) {
    PgFuture<T> result = new PgFuture<>(true);
    // once the unlock is on its way a cancel leaves it alone (decided on the event loop, where the
    // newest command is known): cancelling it would keep the lock held by the session
    AtomicBoolean unlocking = new AtomicBoolean();
    result.onCancel(() -> connection.core().cancelNewestUnless(unlocking::get));
    connection.query(call("pg_advisory_lock", key), key)
        .handle((locked, lockFailure) -> lockFailure)
        .thenCompose(lockFailure -> {
          if (lockFailure != null) {
            unlocking.set(true);
            return unlock(connection, key).thenCompose(ignored -> CompletableFuture.<T>failedFuture(ConnectionPool.unwrap(lockFailure)));
          }
          CompletableFuture<T> inner;
          try {
            inner = body.apply(connection);
          } catch (Throwable e) {
            inner = CompletableFuture.failedFuture(e);
          }
          return inner.handle((value, failure) -> new Outcome<>(value, failure))
              .thenCompose(outcome -> {
                unlocking.set(true);
                return unlock(connection, key).thenCompose(ignored -> outcome.toFuture());
              });
        })
        .whenComplete((value, failure) -> {
          if (failure != null) {
            result.completeExceptionally(ConnectionPool.unwrap(failure));
          } else {
            result.complete(value);
          }
          result.settle();
        });
    return result;
  }

  static <T> CompletableFuture<Optional<T>> ifFree(PgConnection connection, Object[] key,
      Function<PgConnection, CompletableFuture<T>> body) {
    return connection.query(call("pg_try_advisory_lock", key), key).thenCompose(rows -> {
      if (!rows.one().getBoolean(0)) {
        return CompletableFuture.completedFuture(Optional.<T>empty());
      }
      CompletableFuture<T> inner;
      try {
        inner = body.apply(connection);
      } catch (Throwable e) {
        inner = CompletableFuture.failedFuture(e);
      }
      return inner.handle((value, failure) -> new Outcome<>(value, failure))
          .thenCompose(outcome -> unlock(connection, key).thenCompose(ignored -> outcome.toFuture().thenApply(Optional::ofNullable)));
    });
  }

  private static CompletableFuture<Void> unlock(PgConnection connection, Object[] key) {
    // a failed unlock (a broken connection) must not hide the body's outcome; the pool discards the connection
    return connection.query(call("pg_advisory_unlock", key), key).handle((ignored, failure) -> null);
  }

  static <T> T holdingBlocking(BlockingConnection connection, long key, BlockingConnection.TransactionBody<T> body) throws Exception {
    try {
      connection.query("SELECT pg_advisory_lock($1)", key);
    } catch (PgException lockFailure) {
      unlockBlocking(connection, key, lockFailure);
      throw lockFailure;
    }
    try {
      return body.run(connection);
    } finally {
      unlockBlocking(connection, key, null);
    }
  }

  private static void unlockBlocking(BlockingConnection connection, long key, Throwable pending) {
    boolean interrupted = Thread.interrupted();
    try {
      connection.query("SELECT pg_advisory_unlock($1)", key);
    } catch (PgException unlockFailure) {
      if (pending != null && pending != unlockFailure) {
        pending.addSuppressed(unlockFailure);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A body's value or failure, carried past the unlock. */
  private record Outcome<T>(T value, Throwable failure) {
    CompletableFuture<T> toFuture() {
      return failure == null ? CompletableFuture.completedFuture(value) : CompletableFuture.failedFuture(ConnectionPool.unwrap(failure));
    }
  }
}
