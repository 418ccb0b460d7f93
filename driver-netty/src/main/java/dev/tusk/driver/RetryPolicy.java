package dev.tusk.driver;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * When to run a whole transaction again: after a serialization failure (40001), a deadlock
 * (40P01) or a stale prepared statement, and only when the failure rolled back a transaction the
 * retry machinery itself began — never after statements that ran outside one (they may have
 * committed). Between attempts it waits a jittered, exponentially growing delay.
 *
 * @param maxAttempts attempts in all, including the first
 * @param initialBackoff the delay before the second attempt
 * @param maxBackoff the longest delay
 * @param multiplier growth of the delay per attempt
 * @param onRetry told about every retry (for metrics or logs); may be a no-op
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
    Consumer<Retry> onRetry) {

  /**
   * One retry about to happen.
   *
   * @param attempt the attempt that failed (1 for the first)
   * @param failure why it failed
   * @param delay how long until the next attempt
   */
  public record Retry(int attempt, PgException failure, Duration delay) {}

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException("multiplier must be at least 1");
    }
  }

  /** {@return up to {@code maxAttempts} attempts, 10 ms doubling up to 1 s, with full jitter} */
  public static RetryPolicy serializable(int maxAttempts) {
    return new RetryPolicy(maxAttempts, Duration.ofMillis(10), Duration.ofSeconds(1), 2.0, retry -> { });
  }

  public RetryPolicy onRetry(Consumer<Retry> listener) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, listener);
  }

  /** {@return whether this failure, after {@code attempt} attempts, is worth another one} */
  public boolean shouldRetry(Throwable failure, int attempt) {
    return attempt < maxAttempts && failure instanceof PgException pg && pg.transactionRolledBack()
        && (pg.isTransientTransactionFailure() || pg instanceof PgStaleStatementException);
  }

  /**
   * Runs {@code attempt} on the calling (virtual) thread, again after a failure this policy retries,
   * sleeping the backoff in between; the last failure, or any other, is thrown.
   *
   * @throws PgException (57014) when interrupted while waiting to retry
   */
  public <T> T run(Supplier<T> attempt) {
    for (int number = 1; ; number++) {
      try {
        return attempt.get();
      } catch (PgException failure) {
        if (!shouldRetry(failure, number)) {
          throw failure;
        }
        Duration delay = backoff(number);
        onRetry.accept(new Retry(number, failure, delay));
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PgException(SqlState.QUERY_CANCELED, "interrupted while waiting to retry", e);
        }
      }
    }
  }

  /** {@return a random delay in [0, min(max, initial × multiplier^(attempt−1))] ("full jitter")} */
  public Duration backoff(int attempt) {
    double ceiling = Math.min(maxBackoff.toNanos(), initialBackoff.toNanos() * Math.pow(multiplier, attempt - 1));
    return Duration.ofNanos((long) (ThreadLocalRandom.current().nextDouble() * ceiling));
  }
}
