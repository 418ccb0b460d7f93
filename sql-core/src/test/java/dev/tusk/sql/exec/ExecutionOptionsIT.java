package dev.tusk.sql.exec;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.exec.ExecSchema.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.Isolation;
import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TxOptions;
import dev.tusk.sql.Engine;
import dev.tusk.sql.SqlRow;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How statements run: per-statement timeouts that cancel on the server and leave the connection
 * usable, read-only transactions that reject writes, isolation levels that are really applied (and
 * behave as PostgreSQL documents), and streaming that stays usable when stopped early.
 */
@ExtendWith(PostgresExtension.class)
class ExecutionOptionsIT {
  private static final String SCHEMA = "exec_options";
  private static Engine engine;

  @BeforeAll
  static void createAndFill(PostgresServer server) {
    engine = TestEngines.inFreshSchema(server, SCHEMA);
    engine.begin(conn -> {
      METADATA.createAll(conn);
      ExecSchema.fill(conn);
    });
  }

  @AfterAll
  static void dropSchema() {
    TestEngines.dropSchemaAndClose(engine, SCHEMA);
  }

  @Test
  void aTimeoutCancelsPgSleepAndTheConnectionStaysUsable() {
    engine.connect(conn -> {
      int backend = conn.scalar(select(func("pg_backend_pid", INTEGER)));
      long start = System.nanoTime();
      var failure = assertThrows(PgException.class, () -> conn.withTimeout(Duration.ofMillis(200))
          .execute(select(func("pg_sleep", value(30.0)))));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "cancelled long before 30 s: " + took);
      assertEquals(SqlState.QUERY_CANCELED, failure.sqlState(), failure::toString);

      assertEquals(backend, (int) conn.<Integer>scalar(select(func("pg_backend_pid", INTEGER))), "the same session");
      assertEquals(2, (int) conn.<Integer>scalar(select(value(1).plus(1))), "and it still works");
      assertEquals(5L, (long) conn.withTimeout(Duration.ofSeconds(5)).<Long>scalar(select(count()).from(PEOPLE)),
          "a fast statement under a timeout is unaffected");
      var text = assertThrows(PgException.class, () -> conn.withTimeout(Duration.ofMillis(200))
          .execute(text("SELECT pg_sleep(:s)").bind("s", 30.0)));
      assertTrue(text.isQueryCanceled(), "text statements honour the timeout too");
    });
  }

  @Test
  void aTimeoutInsideATransactionFailsOnlyASavepoint() {
    engine.begin(conn -> {
      conn.execute(insert(COUNTERS).values(COUNTERS.key, "before").values(COUNTERS.hits, 1));
      assertThrows(PgException.class, () -> conn.inTransaction(sp -> sp.withTimeout(Duration.ofMillis(200))
          .execute(select(func("pg_sleep", value(30.0))))));
      conn.execute(insert(COUNTERS).values(COUNTERS.key, "after").values(COUNTERS.hits, 1));
    });
    assertEquals(List.of("after", "before"), engine.withConnection(conn -> conn.all(select(COUNTERS.key).from(COUNTERS)
        .orderBy(COUNTERS.key))).stream().map(row -> row.get(COUNTERS.key)).toList());
    engine.begin(conn -> conn.execute(delete(COUNTERS)));
  }

  @Test
  void readOnlyTransactionsRejectWrites() {
    for (TxOptions readOnly : List.of(TxOptions.readOnly(false), TxOptions.readOnly(true))) {
      long people = engine.inTransaction(readOnly, conn -> conn.<Long>scalar(select(count()).from(PEOPLE)));
      assertEquals(5, people, "reads are fine");
      var refused = assertThrows(PgException.class, () -> engine.begin(readOnly,
          conn -> conn.execute(update(PEOPLE).set(PEOPLE.age, 1).where(PEOPLE.id.eq(1L)))));
      assertEquals(SqlState.READ_ONLY_SQL_TRANSACTION, refused.sqlState());
    }
    var refused = assertThrows(PgException.class, () -> engine.beginReadOnly(conn -> conn.execute(
        insert(COUNTERS).values(COUNTERS.key, "x").values(COUNTERS.hits, 1))));
    assertEquals("25006", refused.sqlState());
    assertEquals(30, (int) engine.<Integer>withConnection(conn -> conn.scalar(select(PEOPLE.age).from(PEOPLE)
        .where(PEOPLE.id.eq(1L)))), "nothing was written");
  }

  @Test
  void isolationLevelsAreApplied() {
    var expected = Map.of(Isolation.READ_COMMITTED, "read committed", Isolation.REPEATABLE_READ, "repeatable read",
        Isolation.SERIALIZABLE, "serializable");
    expected.forEach((level, name) -> engine.begin(level, conn -> {
      SqlRow row = conn.execute("SELECT current_setting('transaction_isolation') AS level, "
          + "current_setting('transaction_read_only') AS ro").one();
      assertEquals(name, row.get("level"));
      assertEquals("off", row.get("ro"));
    }));
  }

  @Test
  void repeatableReadKeepsItsSnapshotWhereReadCommittedSeesNewCommits() {
    var ageOfAlice = select(PEOPLE.age).from(PEOPLE).where(PEOPLE.id.eq(1L));
    try {
      engine.begin(Isolation.REPEATABLE_READ, repeatable -> engine.begin(Isolation.READ_COMMITTED, committed -> {
        assertEquals(30, (int) repeatable.<Integer>scalar(ageOfAlice), "takes the snapshot");
        assertEquals(30, (int) committed.<Integer>scalar(ageOfAlice));
        engine.begin(writer -> writer.execute(update(PEOPLE).set(PEOPLE.age, 31).where(PEOPLE.id.eq(1L))));
        assertEquals(30, (int) repeatable.<Integer>scalar(ageOfAlice), "REPEATABLE READ: same snapshot all along");
        assertEquals(31, (int) committed.<Integer>scalar(ageOfAlice), "READ COMMITTED: a new snapshot per statement");
        var conflict = assertThrows(PgException.class, () -> repeatable.inTransaction(savepoint -> savepoint.execute(
            update(PEOPLE).set(PEOPLE.age, 40).where(PEOPLE.id.eq(1L)))));
        assertTrue(conflict.isSerializationFailure(), "updating a row changed since the snapshot: 40001");
      }));
    } finally {
      engine.begin(conn -> conn.execute(update(PEOPLE).set(PEOPLE.age, 30).where(PEOPLE.id.eq(1L))));
    }
  }

  @Test
  void streamingReadsEveryRowAndStopsEarlyCleanly() {
    var series = functionTable(func("generate_series", BIGINT, value(1L), value(20_000L)), "g", "n");
    var n = series.column("n", BIGINT);
    engine.connect(conn -> {
      long sum;
      try (Stream<SqlRow> rows = conn.stream(select(n).from(series))) {
        sum = rows.mapToLong(row -> row.get(n)).sum();
      }
      assertEquals(20_000L * 20_001 / 2, sum);
      List<Long> firstThree;
      try (Stream<SqlRow> rows = conn.stream(select(n).from(series).orderBy(n))) {
        firstThree = rows.limit(3).map(row -> row.get(n)).toList();
      }
      assertEquals(List.of(1L, 2L, 3L), firstThree);
      assertEquals(5L, (long) conn.<Long>scalar(select(count()).from(PEOPLE)), "usable after a stream closed early");
    });
  }

  @Test
  void textSqlWithPositionalParametersIsTheEscapeHatch() {
    engine.connect(conn -> {
      SqlRow row = conn.execute("SELECT name, age FROM people WHERE id = $1", 2L).one();
      assertEquals("bob", row.get("name"));
      assertEquals(25, row.get("age", Integer.class));
      assertThrows(IllegalArgumentException.class, () -> row.get(PEOPLE.name),
          "a text result has no typed columns: read it by name or index");
    });
  }
}
