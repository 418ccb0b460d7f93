package dev.tusk.driver.pool;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** Lifetime jitter: connections opened together get different retirement times, within the configured window. */
class SlotTest {
  private static final Duration LIFETIME = Duration.ofMinutes(30);

  @Test
  void jitterSpreadsRetirementOverTheWholeWindowAndNeverBeyondIt() {
    Duration jitter = Duration.ofMinutes(5);
    long now = 1_000_000_000L;
    long earliest = Long.MAX_VALUE;
    long latest = Long.MIN_VALUE;
    var distinct = new HashSet<Long>();
    for (int i = 0; i < 10_000; i++) {
      long expiry = Slot.expiresAt(now, LIFETIME, jitter);
      assertTrue(expiry <= now + LIFETIME.toNanos(), "never later than the lifetime");
      assertTrue(expiry >= now + LIFETIME.minus(jitter).toNanos(), "never earlier than lifetime - jitter");
      earliest = Math.min(earliest, expiry);
      latest = Math.max(latest, expiry);
      distinct.add(expiry);
    }
    assertTrue(distinct.size() > 9_900, "connections opened at the same instant retire at different times");
    // 10,000 uniform draws: both ends of the window are reached to within 1 %
    long window = jitter.toNanos();
    assertTrue(earliest - (now + LIFETIME.toNanos() - window) < window / 100, "the early end is used");
    assertTrue(now + LIFETIME.toNanos() - latest < window / 100, "the late end is used");
  }

  @Test
  void withoutJitterEveryConnectionLivesExactlyItsLifetime() {
    assertEquals(42 + LIFETIME.toNanos(), Slot.expiresAt(42, LIFETIME, Duration.ZERO));
  }

  @Test
  void aSlotIsExpiredFromItsDeadlineOnEvenAcrossNanoTimeWrapAround() {
    long deadline = Long.MAX_VALUE - 10;
    var slot = new Slot(null, deadline);
    assertFalse(slot.isExpired(deadline - 1));
    assertTrue(slot.isExpired(deadline));
    assertTrue(slot.isExpired(deadline + 100), "nanoTime wrapped past Long.MAX_VALUE");
  }
}
