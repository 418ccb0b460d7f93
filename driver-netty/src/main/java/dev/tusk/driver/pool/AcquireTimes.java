package dev.tusk.driver.pool;

import dev.tusk.driver.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** A fixed-bucket histogram of acquire times: cheap to record from any thread, no allocation. */
final class AcquireTimes {
  private static final long[] UPPER_BOUNDS_NANOS = {
      10_000, 50_000, 100_000, 500_000, 1_000_000, 5_000_000, 10_000_000, 50_000_000, 100_000_000,
      500_000_000, 1_000_000_000, 5_000_000_000L, Long.MAX_VALUE};

  /** The last bucket has no upper bound. */
  private static final Duration UNBOUNDED = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

  private final LongAdder[] counts = new LongAdder[UPPER_BOUNDS_NANOS.length];

  AcquireTimes() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  void record(long nanos) {
    int bucket = 0;
    while (nanos >= UPPER_BOUNDS_NANOS[bucket]) {
      bucket++;
    }
    counts[bucket].increment();
  }

  List<PoolStats.Bucket> snapshot() {
    var buckets = new ArrayList<PoolStats.Bucket>(counts.length);
    for (int i = 0; i < counts.length; i++) {
      Duration bound = UPPER_BOUNDS_NANOS[i] == Long.MAX_VALUE ? UNBOUNDED : Duration.ofNanos(UPPER_BOUNDS_NANOS[i]);
      buckets.add(new PoolStats.Bucket(bound, counts[i].sum()));
    }
    return List.copyOf(buckets);
  }
}
