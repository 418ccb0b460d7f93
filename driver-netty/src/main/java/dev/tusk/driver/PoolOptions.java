package dev.tusk.driver;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PgPool} behaves. Immutable; {@link #defaults()} holds every default in one place.
 *
 * @param maxSize the most connections open at once
 * @param minIdle connections kept open even when unused (opened in the background)
 * @param maxWaiting the most callers waiting for a connection; beyond it {@code acquire} fails at
 *     once (SQLSTATE 53300) instead of queueing without bound
 * @param acquireTimeout how long a caller waits for a connection before failing (53300)
 * @param maxLifetime a connection is retired after this long (minus a random jitter of up to
 *     {@code lifetimeJitter}, so that connections opened together are not all replaced together)
 * @param lifetimeJitter see {@code maxLifetime}
 * @param idleTimeout an unused connection beyond {@code minIdle} is closed after this long
 * @param validationThreshold a connection idle longer than this is checked with an empty query
 *     before it is handed out
 * @param reset how a connection's session state is reset when it comes back
 * @param closeTimeout how long {@link PgPool#close()} waits for borrowed connections before closing them
 */
public record PoolOptions(
    int maxSize,
    int minIdle,
    int maxWaiting,
    Duration acquireTimeout,
    Duration maxLifetime,
    Duration lifetimeJitter,
    Duration idleTimeout,
    Duration validationThreshold,
    Reset reset,
    Duration closeTimeout) {

  /** What a connection's session goes through when it returns to the pool (after any ROLLBACK). */
  public enum Reset {
    /**
     * Reset only what the borrower was seen to change (SET, LISTEN, temporary tables, cursors,
     * DISCARD, PREPARE…, and server settings reported changed): {@code CLOSE ALL; UNLISTEN *;
     * RESET ALL; SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES}. Prepared
     * statements are kept. Session advisory locks taken with plain SQL are not seen: use the
     * pool's advisory-lock methods, which always unlock.
     */
    AUTO,
    /** The same reset after every use. */
    ALWAYS,
    /** {@code DISCARD ALL} after every use (drops prepared statements too; for PgBouncer). */
    DISCARD_ALL
  }

  public PoolOptions {
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be at least 1");
    }
    if (minIdle < 0 || minIdle > maxSize) {
      throw new IllegalArgumentException("minIdle must be between 0 and maxSize");
    }
    if (maxWaiting < 0) {
      throw new IllegalArgumentException("maxWaiting must not be negative");
    }
    requirePositive(acquireTimeout, "acquireTimeout");
    requirePositive(maxLifetime, "maxLifetime");
    requireNonNegative(lifetimeJitter, "lifetimeJitter");
    if (lifetimeJitter.compareTo(maxLifetime) >= 0) {
      // a jitter as long as the lifetime would retire connections the moment they open
      throw new IllegalArgumentException("lifetimeJitter must be shorter than maxLifetime");
    }
    requirePositive(idleTimeout, "idleTimeout");
    requireNonNegative(validationThreshold, "validationThreshold");
    Objects.requireNonNull(reset, "reset");
    requireNonNegative(closeTimeout, "closeTimeout");
  }

  private static void requirePositive(Duration duration, String name) {
    requireNonNegative(duration, name);
    if (duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static void requireNonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
    try {
      duration.toNanos();
    } catch (ArithmeticException tooLong) {
      throw new IllegalArgumentException(name + " is too long (at most about 292 years)");
    }
  }

  public static PoolOptions defaults() {
    return new PoolOptions(10, 0, 10_000, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofMinutes(1),
        Duration.ofMinutes(10), Duration.ofSeconds(5), Reset.AUTO, Duration.ofSeconds(30));
  }

  public PoolOptions maxSize(int size) {
    return new PoolOptions(size, Math.min(minIdle, size), maxWaiting, acquireTimeout, maxLifetime, lifetimeJitter,
        idleTimeout, validationThreshold, reset, closeTimeout);
  }

  public PoolOptions minIdle(int count) {
    return new PoolOptions(maxSize, count, maxWaiting, acquireTimeout, maxLifetime, lifetimeJitter, idleTimeout,
        validationThreshold, reset, closeTimeout);
  }

  public PoolOptions maxWaiting(int count) {
    return new PoolOptions(maxSize, minIdle, count, acquireTimeout, maxLifetime, lifetimeJitter, idleTimeout,
        validationThreshold, reset, closeTimeout);
  }

  public PoolOptions acquireTimeout(Duration timeout) {
    return new PoolOptions(maxSize, minIdle, maxWaiting, timeout, maxLifetime, lifetimeJitter, idleTimeout,
        validationThreshold, reset, closeTimeout);
  }

  public PoolOptions maxLifetime(Duration lifetime, Duration jitter) {
    return new PoolOptions(maxSize, minIdle, maxWaiting, acquireTimeout, lifetime, jitter, idleTimeout,
        validationThreshold, reset, closeTimeout);
  }

  public PoolOptions idleTimeout(Duration timeout) {
    return new PoolOptions(maxSize, minIdle, maxWaiting, acquireTimeout, maxLifetime, lifetimeJitter, timeout,
        validationThreshold, reset, closeTimeout);
  }

  public PoolOptions validationThreshold(Duration threshold) {
    return new PoolOptions(maxSize, minIdle, maxWaiting, acquireTimeout, maxLifetime, lifetimeJitter, idleTimeout,
        threshold, reset, closeTimeout);
  }

  public PoolOptions reset(Reset mode) {
    return new PoolOptions(maxSize, minIdle, maxWaiting, acquireTimeout, maxLifetime, lifetimeJitter, idleTimeout,
        validationThreshold, mode, closeTimeout);
  }

  public PoolOptions closeTimeout(Duration timeout) {
    return new PoolOptions(maxSize, minIdle, maxWaiting, acquireTimeout, maxLifetime, lifetimeJitter, idleTimeout,
        validationThreshold, reset, timeout);
  }
}
