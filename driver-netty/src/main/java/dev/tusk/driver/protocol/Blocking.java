package dev.tusk.driver.protocol;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.transport.EventLoops;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Waits for a driver future on behalf of the blocking API. {@link CompletableFuture#get()} parks the
 * thread (a virtual thread releases its carrier). On an event-loop thread the wait could never end
 * — the loop would wait for itself — so it is refused.
 */
public final class Blocking {
  private Blocking() {}

  /**
   * @throws PgException the future's failure as it is; for an interrupt, 57014 after cancelling the
   *     command (the interrupt flag stays set)
   */
  public static <T> T await(CompletableFuture<T> future) {
    if (!future.isDone() && EventLoops.inEventLoop()) {
      throw new PgException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "a blocking call on a Tusk event-loop thread "
          + "would wait for itself; use the asynchronous API in callbacks, or run blocking code on another thread");
    }
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new PgException(SqlState.QUERY_CANCELED, "interrupted while waiting for the server; the statement was cancelled", e);
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    } catch (CancellationException e) {
      throw new PgException(SqlState.QUERY_CANCELED, "the statement was cancelled", e);
    }
  }

  static RuntimeException rethrowable(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new PgException(SqlState.CONNECTION_FAILURE, String.valueOf(cause), cause);
  }
}
