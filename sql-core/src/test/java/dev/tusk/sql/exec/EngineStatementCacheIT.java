package dev.tusk.sql.exec;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.exec.ExecSchema.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.sql.Connection;
import dev.tusk.sql.Engine;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.cache.CacheStats;
import dev.tusk.sql.cache.StatementCache;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The statement cache seen through real executions: statements of one shape compile once whatever
 * their values (IN-list lengths and LIMIT numbers included), and the driver then reuses one
 * server-side prepared statement for them ({@code pg_prepared_statements} stays constant): each
 * execution binds that statement again — its bind count grows by one, its prepare time stays —
 * with no Parse. Each test
 * runs on an engine with an empty cache of its own over the class's pool, so counts are absolute.
 */
@ExtendWith(PostgresExtension.class)
class EngineStatementCacheIT {
  private static final String SCHEMA = "exec_cache";
  private static Engine shared;
  private Engine engine;

  @BeforeAll
  static void createAndFill(PostgresServer server) {
    shared = TestEngines.inFreshSchema(server, SCHEMA);
    shared.begin(conn -> {
      METADATA.createAll(conn);
      ExecSchema.fill(conn);
    });
  }

  @BeforeEach
  void freshCache() {
    engine = Engine.of(shared.pool(), new StatementCache());
  }

  @AfterAll
  static void dropSchema() {
    TestEngines.dropSchemaAndClose(shared, SCHEMA);
  }

  private static void assertStats(long hits, long misses, int size, CacheStats stats) {
    assertEquals(List.of(hits, misses, (long) size), List.of(stats.hits(), stats.misses(), (long) stats.size()),
        "[hits, misses, size] of " + stats);
  }

  @Test
  void aHundredExecutionsOfOneShapeWithDifferentValuesCompileOnce() {
    for (long i = 0; i < 100; i++) {
      long id = i % 5 + 1;
      String name = engine.withConnection(conn -> conn.one(select(PEOPLE.name).from(PEOPLE).where(PEOPLE.id.eq(id)))
          .get(PEOPLE.name));
      assertNotNull(name);
    }
    CacheStats stats = engine.statementCache().stats();
    assertStats(99, 1, 1, stats);
    assertEquals(0.99, stats.hitRate(), 1e-9);
  }

  @Test
  void inListsOfEveryLengthShareOneEntry() {
    for (int length = 0; length <= 10; length++) {
      var ids = LongStream.rangeClosed(1, length).boxed().toList();
      long found = engine.withConnection(conn -> conn.<Long>scalar(select(count()).from(PEOPLE).where(PEOPLE.id.in(ids))));
      assertEquals(Math.min(length, 5), found);
    }
    assertStats(10, 1, 1, engine.statementCache().stats());
  }

  @Test
  void limitAndOffsetValuesDoNotCreateEntries() {
    for (int page = 0; page < 5; page++) {
      long offset = page;
      var ids = engine.withConnection(conn -> conn.all(select(PEOPLE.id).from(PEOPLE).orderBy(PEOPLE.id)
          .limit(1 + offset).offset(offset)));
      assertEquals(Math.min(1 + offset, 5 - offset), ids.size());
    }
    assertStats(4, 1, 1, engine.statementCache().stats());
  }

  @Test
  void nullsAliasesAndEnumValuesKeepTheShapeButOperatorsAndColumnsDoNot() {
    engine.connect(conn -> {
      conn.all(select(PEOPLE.id).from(PEOPLE).where(PEOPLE.nickname.eq("Al")));
      conn.all(select(PEOPLE.id).from(PEOPLE).where(PEOPLE.nickname.eq((String) null)));
      assertStats(1, 1, 1, engine.statementCache().stats());

      for (int i = 0; i < 3; i++) {
        var p = alias(PEOPLE, "p");
        conn.all(select(p.id).from(p).where(p.mood.eq(Mood.values()[i])));
      }
      assertStats(3, 2, 2, engine.statementCache().stats());

      conn.all(select(PEOPLE.id).from(PEOPLE).where(PEOPLE.nickname.ne("Al")));
      conn.all(select(PEOPLE.id).from(PEOPLE).where(PEOPLE.name.eq("Al")));
      conn.all(select(PEOPLE.name).from(PEOPLE).where(PEOPLE.nickname.eq("Al")));
      assertStats(3, 5, 5, engine.statementCache().stats());
    });
  }

  @Test
  void theDriverReusesOnePreparedStatementPerShape() {
    engine.connect(conn -> {
      String sql = select(PEOPLE.name).from(PEOPLE).where(PEOPLE.id.in(List.of())).limit(1).toString();
      conn.all(select(PEOPLE.name).from(PEOPLE).where(PEOPLE.id.in(List.of(1L))).limit(1));
      long before = preparedStatements(conn);
      for (int i = 0; i < 30; i++) {
        var ids = LongStream.rangeClosed(1, i % 7).boxed().toList();
        conn.all(select(PEOPLE.name).from(PEOPLE).where(PEOPLE.id.in(ids)).limit(i + 1));
      }
      assertEquals(before, preparedStatements(conn), "no statement was prepared for the 30 executions, "
          + "not even for the empty IN lists (an untyped '{}' would be a statement of its own)");
      assertEquals(1L, (long) conn.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", sql)
          .one().get(0, Long.class), "the shape's SQL is prepared once on this connection: " + sql);
    });
    assertStats(30, 1, 1, engine.statementCache().stats());
  }

  /** What pg_prepared_statements says of the statements prepared on this session with one SQL text. */
  private record Prepared(long statements, String prepareTime, long binds) {}

  private static int serverVersion() {
    return shared.withConnection(conn -> Integer.parseInt(
        conn.execute("SELECT current_setting('server_version_num')").one().get(0, String.class)));
  }

  /**
   * Runs one shape {@code executions} times on one session, after a first execution that prepares
   * it, and {@return what pg_prepared_statements said before and after}. Binds are {@code
   * generic_plans + custom_plans} (one of the two grows at each Bind), counted from PostgreSQL 14
   * on; {@code countBinds} is false before.
   */
  private List<Prepared> executeOneShape(int executions, boolean countBinds) {
    String binds = countBinds ? "sum(generic_plans + custom_plans)" : "NULL";
    String sql = select(PEOPLE.name).from(PEOPLE).where(PEOPLE.id.eq(1L)).toString();
    return engine.withConnection(conn -> {
      Supplier<Prepared> observe = () -> {
        SqlRow row = conn.execute("SELECT count(*), min(prepare_time)::text, (" + binds + ")::bigint "
            + "FROM pg_prepared_statements WHERE statement = $1", sql).one();
        Long bound = row.get(2, Long.class);
        return new Prepared(row.get(0, Long.class), row.get(1, String.class), bound == null ? -1 : bound);
      };
      conn.all(select(PEOPLE.name).from(PEOPLE).where(PEOPLE.id.eq(1L)));
      Prepared before = observe.get();
      for (int i = 0; i < executions; i++) {
        long id = i % 5 + 1;
        assertNotNull(conn.one(select(PEOPLE.name).from(PEOPLE).where(PEOPLE.id.eq(id))).get(PEOPLE.name));
      }
      return List.of(before, observe.get());
    });
  }

  @Test
  void executionsOfAKnownShapeNeverPrepareAgain() {
    List<Prepared> observed = executeOneShape(25, false);
    Prepared before = observed.get(0);
    Prepared after = observed.get(1);
    assertEquals(1, before.statements(), "a named statement, prepared once on this session");
    assertEquals(1, after.statements(), "still one: no execution prepared another");
    assertEquals(before.prepareTime(), after.prepareTime(), "and it was not closed and parsed again");
    assertEquals(25, engine.statementCache().stats().hits(), "while the statement cache skipped the compiler");
  }

  @Test
  void eachExecutionOfAKnownShapeIsOneBindOfThatStatement() {
    int version = serverVersion();
    assumeTrue(version >= 140000, "pg_prepared_statements counts binds (generic_plans, custom_plans) from "
        + "PostgreSQL 14 on; this server is " + version);
    List<Prepared> observed = executeOneShape(25, true);
    assertEquals(observed.get(0).binds() + 25, observed.get(1).binds(),
        "each of the 25 executions was a Bind of the one prepared statement: " + observed);
    assertEquals(1, observed.get(1).statements());
  }

  @Test
  void enumInListsOfEveryLengthIncludingEmptyShareOnePreparedStatement() {
    engine.connect(conn -> {
      conn.all(select(count()).from(PEOPLE).where(PEOPLE.mood.in(List.of(Mood.OK))));
      long before = preparedStatements(conn);
      for (int length = 0; length <= 3; length++) {
        var moods = List.of(Mood.values()).subList(0, length);
        long expected = List.of(0L, 1L, 2L, 4L).get(length);
        assertEquals(expected, (long) conn.<Long>scalar(select(count()).from(PEOPLE).where(PEOPLE.mood.in(moods))));
      }
      assertEquals(before, preparedStatements(conn));
    });
  }

  /** {@return the statements prepared on this connection's session} (counted twice so the count's own statement is in) */
  private static long preparedStatements(Connection conn) {
    conn.execute("SELECT count(*) FROM pg_prepared_statements");
    return conn.execute("SELECT count(*) FROM pg_prepared_statements").one().get(0, Long.class);
  }

  @Test
  void aFullCacheEvictsTheLeastRecentlyUsedShape() {
    var small = Engine.of(shared.pool(), new StatementCache(2));
    small.connect(conn -> {
      conn.all(select(PEOPLE.id).from(PEOPLE).where(PEOPLE.id.eq(1L)));
      conn.all(select(PEOPLE.name).from(PEOPLE).where(PEOPLE.id.eq(1L)));
      conn.all(select(PEOPLE.id).from(PEOPLE).where(PEOPLE.id.eq(2L)));
      conn.all(select(PEOPLE.age).from(PEOPLE).where(PEOPLE.id.eq(1L)));
      conn.all(select(PEOPLE.id).from(PEOPLE).where(PEOPLE.id.eq(3L)));
      conn.all(select(PEOPLE.name).from(PEOPLE).where(PEOPLE.id.eq(3L)));
    });
    CacheStats stats = small.statementCache().stats();
    assertEquals(2, stats.evictions(), "age evicted name; name, compiled again, evicted age: " + stats);
    assertEquals(2, stats.size());
    assertEquals(2, stats.capacity());
    assertEquals(List.of(2L, 4L), List.of(stats.hits(), stats.misses()));
  }

  @Test
  void debugLogLinesSayGeneratedOrCachedAndNeverShowValues() {
    var logger = Logger.getLogger(StatementCache.class.getName());
    var records = new ArrayList<String>();
    Handler handler = new Handler() {
      @Override public void publish(LogRecord record) { records.add(record.getMessage()); }
      @Override public void flush() { }
      @Override public void close() { }
    };
    Level previous = logger.getLevel();
    logger.setLevel(Level.FINE);
    logger.addHandler(handler);
    try {
      engine.connect(conn -> {
        conn.all(select(PEOPLE.id).from(PEOPLE).where(PEOPLE.name.eq("secret-one")));
        conn.all(select(PEOPLE.id).from(PEOPLE).where(PEOPLE.name.eq("secret-two")));
      });
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(previous);
    }
    assertEquals(2, records.size(), records::toString);
    assertTrue(records.get(0).matches("\\[generated in [0-9.e-]+s] SELECT people\\.id FROM people WHERE people\\.name = \\$1"),
        records.get(0));
    assertTrue(records.get(1).matches("\\[cached since [0-9.e-]+s ago] SELECT people\\.id FROM people WHERE people\\.name = \\$1"),
        records.get(1));
    assertFalse(records.toString().contains("secret"), "values are never logged");
  }
}
