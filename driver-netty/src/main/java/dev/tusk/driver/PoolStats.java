package dev.tusk.driver;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of a pool's gauges and counters (all counters since the pool was created).
 *
 * @param size open connections (idle + in use)
 * @param idle connections waiting to be borrowed
 * @param inUse connections borrowed
 * @param connecting connections being opened
 * @param waiting callers waiting for a connection
 * @param created connections opened
 * @param closed connections closed (retired, idle, or at pool close)
 * @param discarded connections thrown away because they were broken or could not be reset
 * @param acquireTimeouts acquires that timed out
 * @param rejectedAcquires acquires refused because the wait queue was full
 * @param cancelsSent CancelRequests sent by the pool's connections
 * @param acquireTimes how long acquires took, as a histogram
 */
public record PoolStats(int size, int idle, int inUse, int connecting, int waiting, long created, long closed,
    long discarded, long acquireTimeouts, long rejectedAcquires, long cancelsSent, List<Bucket> acquireTimes) {

  /**
   * @param upperBound acquires that took less than this (and not less than the previous bound)
   * @param count how many
   */
  public record Bucket(Duration upperBound, long count) {}
}
