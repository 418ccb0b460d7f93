package dev.tusk.sql.exec;

import static dev.tusk.sql.Jsonb.path;
import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PoolOptions;
import dev.tusk.sql.Column;
import dev.tusk.sql.Engine;
import dev.tusk.sql.Jsonb;
import dev.tusk.sql.MetaData;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.Table;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's nested JSONB merge ({@link Jsonb#merge}) against the server: the documented example,
 * every kind of level that is not an object (missing, SQL NULL, JSON null, scalar, array — each
 * replaced by {@code {}}), nested paths, shallow replacement at the target level, the root path,
 * {@link Jsonb#set}, several rows in one statement, and concurrent merges into one row that all
 * survive because the merge is one UPDATE, not a read-modify-write.
 */
@ExtendWith(PostgresExtension.class)
class JsonbMergeIT {
  private static final String SCHEMA = "exec_jsonb";

  static final class Kernels extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<String> statusData = column("status_data", JSONB);

    Kernels() {
      super("kernels");
    }
  }

  static final MetaData METADATA = new MetaData();
  static final Kernels KERNELS = METADATA.add(new Kernels());

  private static final AtomicLong IDS = new AtomicLong();
  private static Engine engine;

  @BeforeAll
  static void createTable(PostgresServer server) {
    engine = TestEngines.inFreshSchema(server, SCHEMA, PoolOptions.defaults().maxSize(8));
    engine.begin(conn -> METADATA.createAll(conn));
  }

  @AfterAll
  static void dropSchema() {
    TestEngines.dropSchemaAndClose(engine, SCHEMA);
  }

  /** {@return the id of a new row holding {@code json} (null for SQL NULL)} */
  private static long row(String json) {
    long id = IDS.incrementAndGet();
    engine.execute(insert(KERNELS).values(KERNELS.id, id).values(KERNELS.statusData, json));
    return id;
  }

  private static void merge(long id, Jsonb.Path path, Object value) {
    var result = engine.execute(update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path, value))
        .where(KERNELS.id.eq(id)));
    assertEquals(1, result.rowsAffected());
  }

  /** Asserts a row's document equals {@code expected} as jsonb (key order and spacing do not matter). */
  private static void assertDocument(long id, String expected) {
    SqlRow row = engine.withConnection(conn -> conn.one(select(KERNELS.statusData, KERNELS.statusData.eq(expected).as("same"))
        .from(KERNELS).where(KERNELS.id.eq(id))));
    assertEquals(Boolean.TRUE, row.get("same"), () -> "expected " + expected + " but was " + row.get(KERNELS.statusData));
  }

  private static void assertMerged(String before, Jsonb.Path path, Object value, String expected) {
    long id = row(before);
    merge(id, path, value);
    assertDocument(id, expected);
  }

  @Test
  void theSeedExampleAddsKeysNextToTheExistingOnes() {
    var now = OffsetDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneOffset.UTC);
    var status = new LinkedHashMap<String, Object>();
    status.put("last_try", now);
    status.put("passed", List.of("concurrency"));
    long id = row("{\"scheduler\": {\"a\": 1}}");
    merge(id, path("scheduler"), status);
    assertDocument(id, "{\"scheduler\": {\"a\": 1, \"last_try\": \"2026-11-26T10:00Z\", \"passed\": [\"concurrency\"]}}");
    String lastTry = engine.withConnection(conn -> conn.scalar(select(Jsonb.getText(KERNELS.statusData,
        path("scheduler", "last_try"))).from(KERNELS).where(KERNELS.id.eq(id))));
    assertEquals(now, OffsetDateTime.parse(lastTry), "java.time values are written as ISO-8601 strings");
  }

  @Test
  void aLevelThatIsNotAnObjectBecomesOne() {
    String merged = "{\"scheduler\": {\"k\": 1}}";
    assertMerged("{}", path("scheduler"), Map.of("k", 1), merged);
    assertMerged(null, path("scheduler"), Map.of("k", 1), merged);
    assertMerged("{\"scheduler\": null}", path("scheduler"), Map.of("k", 1), merged);
    assertMerged("{\"scheduler\": 5}", path("scheduler"), Map.of("k", 1), merged);
    assertMerged("{\"scheduler\": \"text\"}", path("scheduler"), Map.of("k", 1), merged);
    assertMerged("{\"scheduler\": [1, 2]}", path("scheduler"), Map.of("k", 1), merged);
    assertMerged("[1, 2]", path("scheduler"), Map.of("k", 1), merged);
    assertMerged("\"a string document\"", path("scheduler"), Map.of("k", 1), merged);
    assertMerged("null", path("scheduler"), Map.of("k", 1), merged);
  }

  @Test
  void keysElsewhereAreKept() {
    assertMerged("{\"other\": {\"x\": [1]}, \"flag\": true, \"scheduler\": {\"a\": 1}}", path("scheduler"),
        Map.of("b", 2), "{\"other\": {\"x\": [1]}, \"flag\": true, \"scheduler\": {\"a\": 1, \"b\": 2}}");
  }

  @Test
  void nestedPathsCreateEachMissingLevel() {
    assertMerged(null, path("a", "b", "c"), Map.of("k", true), "{\"a\": {\"b\": {\"c\": {\"k\": true}}}}");
    assertMerged("{\"a\": {\"x\": 1, \"b\": 7}}", path("a", "b", "c"), Map.of("k", true),
        "{\"a\": {\"x\": 1, \"b\": {\"c\": {\"k\": true}}}}");
    assertMerged("{\"a\": {\"b\": {\"c\": {\"old\": 1}, \"d\": 2}}, \"e\": 3}", path("a", "b", "c"), Map.of("k", true),
        "{\"a\": {\"b\": {\"c\": {\"old\": 1, \"k\": true}, \"d\": 2}}, \"e\": 3}");
    assertMerged("{\"a\": [\"not\", \"an\", \"object\"]}", path("a", "b"), Map.of("k", 1), "{\"a\": {\"b\": {\"k\": 1}}}");
  }

  @Test
  void theMergeIsShallowAtTheTargetLevel() {
    assertMerged("{\"s\": {\"n\": 1, \"keep\": 2}}", path("s"), Map.of("n", 2), "{\"s\": {\"n\": 2, \"keep\": 2}}");
    assertMerged("{\"s\": {\"m\": {\"x\": 1}}}", path("s"), Map.of("m", Map.of("y", 2)), "{\"s\": {\"m\": {\"y\": 2}}}");
    assertMerged("{\"s\": {\"n\": 1}}", path("s"), Map.of("n", Map.of()), "{\"s\": {\"n\": {}}}");
  }

  @Test
  void theRootPathMergesIntoTheDocument() {
    assertMerged("{\"a\": 1}", path(), Map.of("b", 2), "{\"a\": 1, \"b\": 2}");
    assertMerged(null, path(), Map.of("b", 2), "{\"b\": 2}");
    assertMerged("[1]", path(), Map.of("b", 2), "{\"b\": 2}");
  }

  @Test
  void setReplacesTheValueAtAPath() {
    long id = row(null);
    engine.execute(update(KERNELS).set(KERNELS.statusData, Jsonb.set(KERNELS.statusData, path("a", "b"), 5))
        .where(KERNELS.id.eq(id)));
    assertDocument(id, "{\"a\": {\"b\": 5}}");
    engine.execute(update(KERNELS).set(KERNELS.statusData, Jsonb.set(KERNELS.statusData, path("a", "b"), List.of("x", 1)))
        .where(KERNELS.id.eq(id)));
    assertDocument(id, "{\"a\": {\"b\": [\"x\", 1]}}");
    engine.execute(update(KERNELS).set(KERNELS.statusData, Jsonb.set(KERNELS.statusData, path("a", "c"), null))
        .where(KERNELS.id.eq(id)));
    assertDocument(id, "{\"a\": {\"b\": [\"x\", 1], \"c\": null}}");
  }

  @Test
  void oneStatementMergesIntoEveryRowItsOwnDocument() {
    long first = row("{\"s\": {\"a\": 1}}");
    long second = row(null);
    long third = row("{\"s\": 3, \"t\": 0}");
    var result = engine.execute(update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path("s"),
        Map.of("z", 9))).where(KERNELS.id.in(List.of(first, second, third))));
    assertEquals(3, result.rowsAffected());
    assertDocument(first, "{\"s\": {\"a\": 1, \"z\": 9}}");
    assertDocument(second, "{\"s\": {\"z\": 9}}");
    assertDocument(third, "{\"s\": {\"z\": 9}, \"t\": 0}");
  }

  @Test
  void concurrentMergesIntoOneRowAllSurvive() throws Exception {
    long id = row("{\"workers\": {}}");
    int writers = 16;
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var done = new ArrayList<Future<?>>();
      for (int i = 0; i < writers; i++) {
        String key = "w" + i;
        done.add(executor.submit(() -> merge(id, path("workers"), Map.of(key, true))));
      }
      for (var future : done) {
        future.get();
      }
    }
    var keysOf = functionTable(func("jsonb_object_keys", TEXT, Jsonb.get(KERNELS.statusData, "workers")), "k");
    long keys = engine.withConnection(conn -> conn.<Long>scalar(select(count()).from(KERNELS, keysOf)
        .where(KERNELS.id.eq(id))));
    assertEquals(writers, keys, "no merge lost another's key: the row lock orders them and each sees the last version");
  }

  @Test
  void pathsOfOneLengthShareOneCompiledStatement() {
    long id = row(null);
    var before = engine.statementCache().stats();
    // no other test merges at a path of four keys, so the first of these compiles
    merge(id, path("o", "p", "q", "r"), Map.of("a", 1));
    merge(id, path("w", "x", "y", "z"), Map.of("b", List.of(1, 2), "c", "three"));
    merge(id, path("o", "p", "q", "s"), Map.of());
    var after = engine.statementCache().stats();
    assertEquals(1, after.misses() - before.misses(), "the path and the value are parameters");
    assertEquals(2, after.hits() - before.hits());
    assertDocument(id, "{\"o\": {\"p\": {\"q\": {\"r\": {\"a\": 1}, \"s\": {}}}}, "
        + "\"w\": {\"x\": {\"y\": {\"z\": {\"b\": [1, 2], \"c\": \"three\"}}}}}");
  }
}
