package dev.tusk.sql.cache;

/**
 * A snapshot of a statement cache's counters.
 *
 * @param hits lookups answered without compiling
 * @param misses lookups that compiled
 * @param evictions entries dropped to stay within capacity
 * @param size entries now
 * @param capacity the most entries kept
 */
public record CacheStats(long hits, long misses, long evictions, int size, int capacity) {
  /** {@return hits over lookups, or 0 before any lookup} */
  public double hitRate() {
    long lookups = hits + misses;
    return lookups == 0 ? 0 : (double) hits / lookups;
  }
}
