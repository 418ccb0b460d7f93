package dev.tusk.sql.cache;

import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.compile.BoundSql;
import dev.tusk.sql.compile.CompiledSql;
import dev.tusk.sql.compile.SqlCompiler;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The transparent compiled-statement cache: statements of one shape are compiled once. A lookup
 * walks the statement once to hash its shape and collect its values ({@link Shape#of}), and a
 * second time to compare it with the cached key the hash finds; a hit returns the cached
 * compilation without running the compiler or copying the tree, bound to the new values.
 *
 * <p>Bounded by entry count, least recently used out first. A hit is a concurrent-map read and one
 * volatile write (the entry's last-use time), with no lock; eviction scans the entries for the
 * least recently used one, under a lock, on the miss path only, which pays for a compilation
 * anyway. Thread-safe. Two threads missing on one shape at once may both compile it; one result is
 * kept.
 *
 * <p>At {@code DEBUG}, logger {@code dev.tusk.sql.cache.StatementCache} logs each lookup as
 * {@code [generated in 0.00011s] SQL} or {@code [cached since 12.5s ago] SQL}, like SQLAlchemy. A
 * "cached since" that stays small on a steady workload means the cache is too small or the
 * statements churn (text built by concatenation). Values are never logged.
 */
public final class StatementCache {
  /** SQLAlchemy's default, which fits typical applications. */
  public static final int DEFAULT_CAPACITY = 500;

  private static final System.Logger LOG = System.getLogger(StatementCache.class.getName());

  private final int capacity;
  private final Map<ShapeKey, Entry> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final ReentrantLock evictionLock = new ReentrantLock();

  /** A cache of {@link #DEFAULT_CAPACITY} entries. */
  public StatementCache() {
    this(DEFAULT_CAPACITY);
  }

  /** A cache of at most {@code capacity} entries. */
  public StatementCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
    this.entries = new ConcurrentHashMap<>(Math.min(capacity, 1024));
  }

  /** {@return the statement compiled (or found compiled) and bound to its values} */
  public BoundSql prepare(Statement statement) {
    var shape = Shape.of(statement);
    var compiled = compiled(shape.key());
    return new BoundSql(compiled, compiled.bind(shape.values()));
  }

  /** {@return the compilation of a shape, from the cache or compiled now and cached} */
  public CompiledSql compiled(ShapeKey key) {
    long now = System.nanoTime();
    var entry = entries.get(key);
    if (entry != null) {
      entry.lastUsed = now;
      hits.increment();
      if (LOG.isLoggable(Level.DEBUG)) {
        LOG.log(Level.DEBUG, "[cached since " + seconds(now - entry.created) + "s ago] " + entry.compiled.sql());
      }
      return entry.compiled;
    }
    // The lookup key refers to the statement and its values; the cache keeps a key that does not.
    var cached = key.cached();
    var compiled = SqlCompiler.compile(cached.shape());
    long compiledAt = System.nanoTime();
    misses.increment();
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "[generated in " + seconds(compiledAt - now) + "s] " + compiled.sql());
    }
    var raced = entries.putIfAbsent(cached, new Entry(compiled, compiledAt));
    if (raced != null) {
      return raced.compiled;
    }
    if (entries.size() > capacity) {
      evict();
    }
    return compiled;
  }

  /** {@return the counters now} */
  public CacheStats stats() {
    return new CacheStats(hits.sum(), misses.sum(), evictions.sum(), entries.size(), capacity);
  }

  /** Empties the cache; the counters keep counting. */
  public void clear() {
    entries.clear();
  }

  private void evict() {
    evictionLock.lock();
    try {
      while (entries.size() > capacity) {
        Map.Entry<ShapeKey, Entry> oldest = null;
        for (var candidate : entries.entrySet()) {
          if (oldest == null || candidate.getValue().lastUsed < oldest.getValue().lastUsed) {
            oldest = candidate;
          }
        }
        if (oldest != null && entries.remove(oldest.getKey(), oldest.getValue())) {
          evictions.increment();
        }
      }
    } finally {
      evictionLock.unlock();
    }
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.5g", nanos / 1e9);
  }

  /** A cached compilation and the times that order eviction and feed the log. */
  private static final class Entry {
    final CompiledSql compiled;
    final long created;
    volatile long lastUsed;

    Entry(CompiledSql compiled, long created) {
      this.compiled = compiled;
      this.created = created;
      this.lastUsed = created;
    }
  }
}
