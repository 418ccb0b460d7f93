package dev.tusk.sql.exec;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.TestSchema.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.Isolation;
import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.RetryPolicy;
import dev.tusk.driver.SslMode;
import dev.tusk.driver.TlsOptions;
import dev.tusk.sql.Engine;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.TestSchema;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The engine end to end: DDL, the API's core tour, and the statement cache around real executions. */
@ExtendWith(PostgresExtension.class)
class EngineIT {
  private static Engine engine;

  record UserSummary(long id, String name, Mood mood, OffsetDateTime createdAt) {}

  @BeforeAll
  static void createSchema(PostgresServer server) {
    var options = PgConnectOptions.defaults().withHost(server.host(), server.port()).withUser("postgres")
        .withDatabase(server.database()).withTls(TlsOptions.defaults().withMode(SslMode.DISABLE));
    engine = Engine.create(options, PoolOptions.defaults().maxSize(4));
    engine.begin(conn -> {
      conn.executeScript("DROP SCHEMA IF EXISTS app CASCADE; DROP TABLE IF EXISTS orders, addresses, users, employees CASCADE; "
          + "DROP TYPE IF EXISTS mood; CREATE SCHEMA app");
      METADATA.createAll(conn);
    });
  }

  @AfterAll
  static void dropSchema() {
    engine.begin(conn -> METADATA.dropAll(conn));
    engine.close();
  }

  @Test
  void insertsAndSelectsWithTypedColumnsEnumsAndConverters() {
    long id = engine.inTransaction(conn -> conn.scalar(insert(USERS).values(USERS.name, "jack").values(USERS.fullname, "Jack Jones")
        .values(USERS.mood, Mood.HAPPY).values(USERS.email, new TestSchema.Email("jack@example.com")).returning(USERS.id)));
    SqlRow row = engine.withConnection(conn -> conn.one(select(USERS.name, USERS.mood, USERS.email, USERS.createdAt)
        .from(USERS).where(USERS.id.eq(id))));
    assertEquals("jack", row.get(USERS.name));
    assertEquals(Mood.HAPPY, row.get(USERS.mood));
    assertEquals(new TestSchema.Email("jack@example.com"), row.get(USERS.email));
    assertNotNull(row.get(USERS.createdAt));
    UserSummary summary = engine.withConnection(conn -> conn.one(select(USERS.id, USERS.name, USERS.mood, USERS.createdAt)
        .from(USERS).where(USERS.id.eq(id))).into(UserSummary.class));
    assertEquals(new UserSummary(id, "jack", Mood.HAPPY, summary.createdAt()), summary);
  }

  @Test
  void inListsBindOneArraySoTheCacheHitsForAnyLength() {
    engine.begin(conn -> conn.executeMany(List.of(
        insert(USERS).values(USERS.name, "in-a"), insert(USERS).values(USERS.name, "in-b"), insert(USERS).values(USERS.name, "in-c"))));
    var before = engine.statementCache().stats();
    for (List<String> names : List.of(List.of("in-a"), List.of("in-a", "in-b"), List.of("in-a", "in-b", "in-c"))) {
      long count = engine.withConnection(conn -> conn.scalar(select(count()).from(USERS).where(USERS.name.in(names))));
      assertEquals(names.size(), count);
    }
    var after = engine.statementCache().stats();
    assertEquals(1, after.misses() - before.misses(), "one shape, compiled once");
    assertEquals(2, after.hits() - before.hits());
  }

  @Test
  void retryRunsASerializableTransactionAgainAndAdvisoryLocksAreReleased() {
    var attempts = new AtomicInteger();
    int result = engine.withRetry(RetryPolicy.serializable(5), () -> {
      int attempt = attempts.incrementAndGet();
      engine.begin(Isolation.SERIALIZABLE, conn -> {
        if (attempt < 3) {
          conn.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END $$");
        }
      });
      return attempt;
    });
    assertEquals(3, result);
    assertEquals("held", engine.advisoryLock(99L, () -> "held"));
    long held = engine.withConnection(conn -> conn.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 99").one().get(0, Long.class));
    assertEquals(0, held);
  }

  @Test
  void beginReadOnlyIsSerializableReadOnlyDeferrable() {
    engine.beginReadOnly(conn -> {
      SqlRow row = conn.execute("SELECT current_setting('transaction_read_only') AS ro, "
          + "current_setting('transaction_deferrable') AS d").one();
      assertEquals("on", row.get("ro"));
      assertEquals("on", row.get("d"));
    });
  }

  @Test
  void theAsyncEngineRunsTheSameStatements() {
    long count = engine.async().execute(select(count()).from(USERS)).join().scalar();
    assertTrue(count >= 0);
    String name = engine.async().withTransaction(conn -> conn.execute(insert(USERS).values(USERS.name, "async").returning(USERS.name))
        .thenApply(result -> result.one().get(USERS.name))).join();
    assertEquals("async", name);
  }
}
