package dev.tusk.driver.pool;

import dev.tusk.driver.protocol.ChannelConnection;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One physical connection in a pool and its bookkeeping. {@code borrowed} and {@code idleSince}
 * are guarded by the pool's lock.
 */
final class Slot {
  final ChannelConnection connection;
  final long expiresAtNanos;
  /** Shared (autocommit) statements in flight on this connection. */
  final AtomicInteger sharedInFlight = new AtomicInteger();
  boolean borrowed;
  /**
   * A hand-out waiting for the shared statements in flight to end, so that none of them can run
   * inside the borrower's session (after its BEGIN). Guarded by the pool's lock.
   */
  Runnable afterShared;
  long idleSinceNanos;

  Slot(ChannelConnection connection, long expiresAtNanos) {
    this.connection = connection;
    this.expiresAtNanos = expiresAtNanos;
    this.idleSinceNanos = System.nanoTime();
  }

  /**
   * When a connection opened now retires: its lifetime shortened by a random part of the jitter,
   * so that connections opened together (at start, after a restart) do not all retire together.
   */
  static long expiresAt(long nowNanos, Duration maxLifetime, Duration jitter) {
    long shortenedBy = jitter.isZero() ? 0 : ThreadLocalRandom.current().nextLong(jitter.toNanos() + 1);
    return nowNanos + maxLifetime.toNanos() - shortenedBy;
  }

  boolean isExpired(long now) {
    return now - expiresAtNanos >= 0;
  }
}
