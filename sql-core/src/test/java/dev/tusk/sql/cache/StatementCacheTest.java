package dev.tusk.sql.cache;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.TestSchema.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.sql.ast.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class StatementCacheTest {
  private static Statement byId(long id) {
    return select(USERS.name).from(USERS).where(USERS.id.eq(id));
  }

  private static Statement byName(String name) {
    return select(USERS.id).from(USERS).where(USERS.name.eq(name));
  }

  @Test
  void repeatedShapesWithOtherValuesAreHits() {
    var cache = new StatementCache(10);
    for (long id = 0; id < 5; id++) {
      var bound = cache.prepare(byId(id));
      assertEquals("SELECT users.name FROM users WHERE users.id = $1", bound.sql());
      assertEquals(List.of(id), bound.parameters());
    }
    assertEquals(new CacheStats(4, 1, 0, 1, 10), cache.stats());
    assertEquals(0.8, cache.stats().hitRate());
  }

  @Test
  void aHitReturnsTheCachedCompilationWithoutCompiling() {
    var cache = new StatementCache();
    var first = cache.prepare(byId(1)).compiled();
    var second = cache.prepare(byId(2)).compiled();
    assertSame(first, second, "the compiler makes a new CompiledSql on every run; a hit returns the cached one");
  }

  @Test
  void differentShapesAreMisses() {
    var cache = new StatementCache();
    cache.prepare(byId(1));
    cache.prepare(byName("a"));
    cache.prepare(select(USERS.id).from(USERS).where(USERS.id.in(List.of(1L))));
    cache.prepare(select(USERS.id).from(USERS).where(USERS.id.in(List.of(1L, 2L, 3L))));
    assertEquals(new CacheStats(1, 3, 0, 3, StatementCache.DEFAULT_CAPACITY), cache.stats());
  }

  @Test
  void theLeastRecentlyUsedEntryIsEvicted() throws InterruptedException {
    var cache = new StatementCache(2);
    var a = byId(1);
    var b = byName("b");
    var c = select(USERS.fullname).from(USERS);
    cache.prepare(a);
    cache.prepare(b);
    Thread.sleep(1);
    cache.prepare(a);
    cache.prepare(c);
    assertEquals(new CacheStats(1, 3, 1, 2, 2), cache.stats());
    cache.prepare(a);
    assertEquals(2, cache.stats().hits(), "a was used recently and stayed");
    cache.prepare(b);
    assertEquals(4, cache.stats().misses(), "b was the least recently used and went");
  }

  @Test
  void concurrentLookupsCountEveryLookupOnce() throws Exception {
    var cache = new StatementCache(100);
    int threads = 8;
    int perThread = 2_000;
    try (var executor = Executors.newFixedThreadPool(threads)) {
      var futures = new ArrayList<Future<?>>();
      for (int t = 0; t < threads; t++) {
        futures.add(executor.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            var bound = i % 2 == 0 ? cache.prepare(byId(i)) : cache.prepare(byName("n" + i));
            assertEquals(List.of(i % 2 == 0 ? (Object) (long) i : "n" + i), bound.parameters());
          }
        }));
      }
      for (var future : futures) {
        future.get();
      }
    }
    var stats = cache.stats();
    assertEquals(threads * perThread, stats.hits() + stats.misses());
    assertEquals(2, stats.size());
    assertTrue(stats.misses() >= 2 && stats.misses() <= 2L * threads, "at most one compilation per thread and shape");
  }

  @Test
  void debugLogSaysGeneratedOrCachedAndNeverShowsValues() {
    var logger = Logger.getLogger(StatementCache.class.getName());
    var records = new CopyOnWriteArrayList<String>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    var previous = logger.getLevel();
    logger.setLevel(Level.FINE);
    logger.addHandler(handler);
    try {
      var cache = new StatementCache();
      cache.prepare(byName("first-secret"));
      cache.prepare(byName("second-secret"));
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(previous);
    }
    assertEquals(2, records.size(), records.toString());
    assertTrue(records.get(0).matches("\\[generated in [0-9.e-]+s] SELECT users.id FROM users WHERE users.name = \\$1"),
        records.get(0));
    assertTrue(records.get(1).matches("\\[cached since [0-9.e-]+s ago] SELECT users.id FROM users WHERE users.name = \\$1"),
        records.get(1));
    assertTrue(records.stream().noneMatch(r -> r.contains("secret")));
  }

  @Test
  void clearEmptiesTheCacheAndKeepsCounting() {
    var cache = new StatementCache();
    cache.prepare(byId(1));
    cache.clear();
    cache.prepare(byId(2));
    assertEquals(new CacheStats(0, 2, 0, 1, StatementCache.DEFAULT_CAPACITY), cache.stats());
  }
}
