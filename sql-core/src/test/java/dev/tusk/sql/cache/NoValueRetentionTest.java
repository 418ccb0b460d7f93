package dev.tusk.sql.cache;

import static dev.tusk.sql.Jsonb.path;
import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.TestSchema.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.sql.Jsonb;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.types.ConvertedType;
import dev.tusk.sql.types.PgTypes;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A cache key, and what the cache keeps, must never reference a bound value: otherwise the cache
 * would keep values alive (a leak, and a privacy problem) and could not be shared.
 */
class NoValueRetentionTest {
  /** A value of a class no schema object uses, so any reference to it is a retained value. */
  record Secret(String text) {}

  private static final ConvertedType<Secret, String> SECRET =
      PgTypes.converted(PgTypes.TEXT, Secret.class, Secret::text, Secret::new);

  private static Statement statementHolding(Secret secret, String name, Long id, Long limit) {
    return select(USERS.id, value(secret, SECRET))
        .from(USERS)
        .where(USERS.name.eq(name))
        .where(USERS.id.in(List.of(id, 7L)))
        .limit(limit);
  }

  @Test
  void aShapeKeyReachesNoBoundValue() {
    var secret = new Secret("s3cr3t");
    var name = new String("jack-" + System.nanoTime());
    var id = Long.valueOf(System.nanoTime());
    var limit = Long.valueOf(System.nanoTime() + 1);
    var key = Shape.of(statementHolding(secret, name, id, limit)).key();
    var reachable = reachableFrom(key.shape());
    for (Object value : List.of(secret, name, id, limit)) {
      assertFalse(reachable.contains(value), () -> "the key reaches the value " + value);
    }
    assertTrue(reachable.stream().noneMatch(Secret.class::isInstance));
  }

  @Test
  void theKeyTheCacheKeepsReachesNoBoundValue() {
    var secret = new Secret("s3cr3t");
    var name = new String("jack-" + System.nanoTime());
    var id = Long.valueOf(System.nanoTime());
    var limit = Long.valueOf(System.nanoTime() + 1);
    var lookup = Shape.of(statementHolding(secret, name, id, limit)).key();
    assertTrue(reachableFrom(lookup).contains(secret), "the lookup key refers to its statement (the check works)");
    var reachable = reachableFrom(lookup.cached());
    for (Object value : List.of(secret, name, id, limit)) {
      assertFalse(reachable.contains(value), () -> "the cached key reaches the value " + value);
    }
    assertTrue(reachable.stream().noneMatch(Secret.class::isInstance));
  }

  @Test
  void jsonAndTextAndDmlValuesAreErasedToo() {
    var document = new String("{\"k\": " + System.nanoTime() + "}");
    var pathKey = new String("p" + System.nanoTime());
    var textValue = new String("t" + System.nanoTime());
    var statements = List.<Statement>of(
        update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path(pathKey), Map.of("a", document))),
        text("SELECT :v").bind("v", textValue),
        insert(USERS).values(USERS.name, textValue).onConflict(USERS.name).doUpdateSet(USERS.fullname, document)
            .returning(USERS.id));
    for (var statement : statements) {
      var reachable = reachableFrom(Shape.of(statement).key().cached());
      assertFalse(reachable.contains(document));
      assertFalse(reachable.contains(pathKey));
      assertFalse(reachable.contains(textValue));
      assertTrue(reachable.stream().noneMatch(o -> o instanceof String s && (s.contains(pathKey)
          || s.contains(textValue))), "no string built from a value");
    }
  }

  @Test
  void theCacheLetsValuesBeCollected() throws InterruptedException {
    var cache = new StatementCache(10);
    var reference = prepareAndForget(cache);
    for (int i = 0; i < 50 && reference.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertNull(reference.get(), "the cache still holds the value");
    assertTrue(cache.stats().size() == 1, "the entry itself stays cached");
  }

  private static WeakReference<Secret> prepareAndForget(StatementCache cache) {
    var secret = new Secret("collect me");
    cache.prepare(statementHolding(secret, "a", 1L, 2L));
    return new WeakReference<>(secret);
  }

  /** Every object reachable through record components, lists, maps and arrays, by identity. */
  private static Set<Object> reachableFrom(Object root) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    var pending = new ArrayList<Object>();
    pending.add(root);
    while (!pending.isEmpty()) {
      Object next = pending.removeLast();
      if (next == null || next instanceof Class<?> || !seen.add(next)) {
        continue;
      }
      if (next instanceof Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
          try {
            component.getAccessor().setAccessible(true);
            pending.add(component.getAccessor().invoke(record));
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        }
      } else if (next instanceof ShapeKey) {
        for (Field field : ShapeKey.class.getDeclaredFields()) {
          try {
            field.setAccessible(true);
            pending.add(field.get(next));
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        }
      } else if (next instanceof Iterable<?> items) {
        items.forEach(pending::add);
      } else if (next instanceof Map<?, ?> map) {
        pending.addAll(map.keySet());
        pending.addAll(map.values());
      } else if (next instanceof Object[] array) {
        pending.addAll(List.of(array));
      }
    }
    return seen;
  }
}
