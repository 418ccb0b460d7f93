package dev.tusk.driver.pool;

import dev.tusk.driver.PgException;
import dev.tusk.driver.RetryPolicy;
import dev.tusk.driver.protocol.PgFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a unit of work again while a {@link RetryPolicy} says its failure is worth another try
 * (serialization failures, deadlocks), waiting the policy's backoff in between, asynchronously
 * (the blocking form is {@link RetryPolicy#run}).
 */
final class Retries {
  private Retries() {}

  /**
   * @param attempt starts one attempt; its future settles only after the attempt's cleanup (a
   *     ROLLBACK) is done, so the next attempt never overlaps it
   */
  static <T> CompletableFuture<T> async(RetryPolicy policy, Supplier<PgFuture<T>> attempt) {
    PgFuture<T> result = new PgFuture<>(true);
    AtomicReference<CompletableFuture<T>> current = new AtomicReference<>();
    result.onCancel(() -> {
      CompletableFuture<T> running = current.get();
      if (running != null) {
        running.cancel(true);
      }
    });
    next(policy, attempt, 1, result, current);
    return result;
  }

  private static <T> void next(RetryPolicy policy, Supplier<PgFuture<T>> attempt, int number, PgFuture<T> result,
      AtomicReference<CompletableFuture<T>> current) {
    if (result.isDone()) {
      result.settle();
      return;
    }
    PgFuture<T> running = attempt.get();
    current.set(running);
    running.settled().thenRun(() -> running.whenComplete((value, failure) -> {
      if (failure == null) {
        result.complete(value);
        result.settle();
        return;
      }
      Throwable cause = ConnectionPool.unwrap(failure);
      if (result.isDone() || !policy.shouldRetry(cause, number)) {
        result.completeExceptionally(cause);
        result.settle();
        return;
      }
      Duration delay = policy.backoff(number);
      policy.onRetry().accept(new RetryPolicy.Retry(number, (PgException) cause, delay));
      PoolTimer.SCHEDULER.schedule(() -> next(policy, attempt, number + 1, result, current), delay.toNanos(),
          TimeUnit.NANOSECONDS);
    }));
  }
}
