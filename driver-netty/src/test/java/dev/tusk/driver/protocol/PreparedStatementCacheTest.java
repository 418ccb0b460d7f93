package dev.tusk.driver.protocol;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-connection statement cache: its key, its LRU order, and both of its bounds. */
class PreparedStatementCacheTest {
  /** One int4 parameter (OID 23), one bigint (20), one jsonb (3802), none. */
  private static final Parameters INT4 = parameters(42);
  private static final Parameters INT8 = parameters(42L);
  private static final Parameters JSONB = parameters(new dev.tusk.driver.Json("\"x\""));
  private static final Parameters NONE = parameters();

  private static Parameters parameters(Object... values) {
    return Parameters.of(values, dev.tusk.driver.types.TypeRegistry.builtins());
  }
  private final List<PreparedStatement> evicted = new ArrayList<>();

  @Test
  void theKeyIsTheSqlAndTheParameterTypes() {
    var cache = new PreparedStatementCache(10, Long.MAX_VALUE);
    var asInt = cache.add("SELECT $1", INT4, evicted);
    var asText = cache.add("SELECT $1", JSONB, evicted);
    assertNotEquals(asInt.name, asText.name, "one server statement per parameter typing");
    assertSame(asInt, cache.get("SELECT $1", parameters(7)), "looked up by value, not by array identity");
    assertSame(asText, cache.get("SELECT $1", JSONB));
    assertNull(cache.get("SELECT $1", INT8));
    assertNull(cache.get("SELECT  $1", INT4), "the SQL text exactly");
    assertEquals(2, cache.hits());
    assertEquals(2, cache.misses());
  }

  @Test
  void theLeastRecentlyUsedStatementIsEvictedAtTheCountBound() {
    var cache = new PreparedStatementCache(2, Long.MAX_VALUE);
    var a = cache.add("a", INT4, evicted);
    var b = cache.add("b", INT4, evicted);
    cache.get("a", INT4);
    cache.add("c", INT4, evicted);
    assertEquals(List.of(b), evicted, "b was used least recently");
    assertSame(a, cache.get("a", INT4));
    assertEquals(2, cache.size());
  }

  @Test
  void statementsAreEvictedUntilTheByteBoundHoldsButTheNewestStays() {
    String large = "SELECT '" + "x".repeat(1_000) + "'";
    // each of the statements below weighs as much as this one (the same length of SQL)
    var probe = new PreparedStatement("probe", large + 0, new int[0]);
    var cache = new PreparedStatementCache(100, 3 * probe.weight());
    for (int i = 0; i < 3; i++) {
      cache.add(large + i, NONE, evicted);
    }
    assertEquals(List.of(), evicted, "three fit");
    cache.add(large + 3, NONE, evicted);
    assertEquals(1, evicted.size(), "the fourth pushes out the eldest");
    assertEquals(large + 0, evicted.getFirst().sql);
    // a statement larger than the whole bound is still cached (it is about to be used): it pushes out the rest
    var huge = cache.add("SELECT '" + "y".repeat(5_000) + "'", NONE, evicted);
    assertEquals(4, evicted.size());
    assertEquals(1, cache.size());
    assertSame(huge, cache.get(huge.sql, NONE));
  }

  @Test
  void removeForgetsOnlyTheSameStatementAndClearHandsBackEverything() {
    var cache = new PreparedStatementCache(10, Long.MAX_VALUE);
    var first = cache.add("q", INT4, evicted);
    cache.remove(new PreparedStatement("other", "q", INT4.typeOids()));
    assertSame(first, cache.get("q", INT4), "a different statement under the same key does not remove it");
    cache.remove(first);
    assertNull(cache.get("q", INT4));
    var a = cache.add("a", INT4, evicted);
    var b = cache.add("b", JSONB, evicted);
    assertEquals(List.of(a, b), cache.clear());
    assertEquals(0, cache.size());
    // after a clear the byte count starts again from zero: a full-size bound holds a full cache
    var bounded = new PreparedStatementCache(2, 2 * a.weight());
    bounded.add("a", INT4, evicted);
    bounded.add("b", INT4, evicted);
    bounded.clear();
    evicted.clear();
    bounded.add("a", INT4, evicted);
    bounded.add("b", INT4, evicted);
    assertEquals(List.of(), evicted);
  }
}
