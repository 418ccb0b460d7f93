package dev.tusk.docs;

import static dev.tusk.docs.QueryLayerTables.*;
import static dev.tusk.sql.Jsonb.path;
import static dev.tusk.sql.Sql.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.Isolation;
import dev.tusk.driver.PgException;
import dev.tusk.driver.RetryPolicy;
import dev.tusk.driver.TxOptions;
import dev.tusk.sql.AsyncEngine;
import dev.tusk.sql.Engine;
import dev.tusk.sql.Jsonb;
import dev.tusk.sql.Result;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.cache.CacheStats;
import dev.tusk.sql.cache.StatementCache;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Engine examples of docs/query-layer.md, run against a real server; each method is one
 * section of the guide, and {@link QueryLayerGuideTest} checks that the guide shows these regions
 * exactly. The guide's tables live in a schema of their own ({@code search_path} in the URL).
 */
@ExtendWith(PostgresExtension.class)
class QueryLayerExampleIT {
  private static final String SCHEMA = "query_layer_guide";
  private static String url;
  private static Engine engine;

  @BeforeAll
  static void createSchema(PostgresServer server) {
    String base = server.url();
    base += base.contains("?") ? "&" : "?sslmode=disable&";
    try (Engine admin = Engine.create(base + "application_name=guide-setup")) {
      admin.connect(conn -> conn.executeScript("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE; CREATE SCHEMA " + SCHEMA));
    }
    url = base + "search_path=" + SCHEMA;
    engine = Engine.create(url);
    engine.begin(conn -> METADATA.createAll(conn));
  }

  @AfterAll
  static void dropSchema() {
    engine.connect(conn -> conn.executeScript("DROP SCHEMA " + SCHEMA + " CASCADE"));
    engine.close();
  }

  @Test
  void theTour() {
    // --- guide: tour
    Engine engine = Engine.create(url);                  // a pool and a statement cache
    engine.begin(conn -> METADATA.createAll(conn));
    var ins = insert(USERS).values(USERS.name, "jack").values(USERS.fullname, "Jack Jones");
    ins.toString();   // INSERT INTO users (name, fullname) VALUES ($1, $2)
    engine.begin(conn -> conn.execute(ins));
    engine.connect(conn -> conn.stream(select(USERS.name, USERS.fullname).from(USERS))
                               .forEach(row -> System.out.println(row.get(USERS.name))));
    engine.statementCache().stats();   // CacheStats[hits=0, misses=2, evictions=0, size=2, capacity=500]
    // --- end
    assertEquals("INSERT INTO users (name, fullname) VALUES ($1, $2)", ins.toString());
    assertEquals(new CacheStats(0, 2, 0, 2, 500), engine.statementCache().stats());
    engine.close();
  }

  @Test
  void rowsAndRecords() {
    engine.execute(insert(USERS).values(USERS.name, "ann").values(USERS.fullname, "Ann Lee"));
    // --- guide: rows
    record UserRow(long id, String name, String fullname) {}

    SqlRow row = engine.withConnection(conn -> conn.one(
        select(USERS.id, USERS.name, USERS.fullname).from(USERS).where(USERS.name.eq("ann"))));
    String name = row.get(USERS.name);                   // "ann": a String, because USERS.name is
    UserRow user = row.into(UserRow.class);              // components matched to columns by name
    long users = engine.withConnection(conn -> conn.scalar(select(count()).from(USERS)));
    Optional<SqlRow> nobody = engine.withConnection(conn -> conn.first(
        select(USERS.id).from(USERS).where(USERS.name.eq("nobody"))));   // Optional.empty()

    var perUser = count(ADDRESSES.id).as("addresses");
    List<SqlRow> counts = engine.withConnection(conn -> conn.all(
        select(USERS.name, perUser).from(USERS).leftJoin(ADDRESSES, ADDRESSES.userId.eq(USERS.id))
            .groupBy(USERS.name)));
    counts.forEach(r -> System.out.println(r.get(USERS.name) + ": " + r.get(perUser)));   // a label reads its column
    // --- end
    assertEquals("ann", name);
    assertEquals(new UserRow(row.get(USERS.id), "ann", "Ann Lee"), user);
    assertTrue(users >= 1);
    assertTrue(nobody.isEmpty());
    assertTrue(counts.stream().anyMatch(r -> r.get(USERS.name).equals("ann") && r.get(perUser) == 0L));
  }

  @Test
  void transactionsAndSavepoints() {
    // --- guide: transactions
    long wendy = engine.inTransaction(conn -> {          // BEGIN … COMMIT, or ROLLBACK if it throws
      long id = conn.scalar(insert(USERS).values(USERS.name, "wendy").returning(USERS.id));
      conn.execute(insert(ADDRESSES).values(ADDRESSES.userId, id).values(ADDRESSES.email, "wendy@example.com"));
      try {
        conn.inTransaction(savepoint -> savepoint.execute(          // nested: a SAVEPOINT
            insert(ADDRESSES).values(ADDRESSES.userId, id).values(ADDRESSES.email, "wendy@example.com")));
      } catch (PgException e) {
        // e.isUniqueViolation(): rolled back to the savepoint, and the transaction goes on
      }
      return id;
    });
    // --- end
    assertEquals(1L, (long) engine.<Long>withConnection(conn -> conn.scalar(select(count()).from(ADDRESSES)
        .where(ADDRESSES.userId.eq(wendy)))));
  }

  @Test
  void readOnlyAndIsolation() {
    // --- guide: read-only
    List<SqlRow> report = new ArrayList<>();
    engine.beginReadOnly(conn ->                         // SERIALIZABLE READ ONLY DEFERRABLE
        report.addAll(conn.all(select(USERS.name).from(USERS))));

    long total = engine.inTransaction(TxOptions.isolation(Isolation.REPEATABLE_READ),
        conn -> conn.scalar(select(count()).from(USERS)));   // one snapshot for the whole transaction

    PgException refused = assertThrows(PgException.class, () -> engine.begin(TxOptions.readOnly(false),
        conn -> conn.execute(insert(USERS).values(USERS.name, "nope"))));
    refused.sqlState();                                  // "25006": read_only_sql_transaction
    // --- end
    assertEquals("25006", refused.sqlState());
    assertEquals(total, report.size());
  }

  @Test
  void retryingSerializableTransactions() {
    UUID kernelId = UUID.randomUUID();
    engine.execute(insert(KERNELS).values(KERNELS.id, kernelId));
    // --- guide: retry
    engine.withRetry(RetryPolicy.serializable(10), () -> engine.begin(Isolation.SERIALIZABLE, conn -> {
      long running = conn.scalar(select(count()).from(KERNELS).where(KERNELS.state.eq(KernelState.RUNNING)));
      if (running < 4) {                                 // at most four, whoever runs this concurrently
        conn.execute(update(KERNELS).set(KERNELS.state, KernelState.RUNNING).where(KERNELS.id.eq(kernelId)));
      }
    }));
    // --- end
    assertEquals(KernelState.RUNNING, engine.withConnection(conn -> conn.scalar(select(KERNELS.state).from(KERNELS)
        .where(KERNELS.id.eq(kernelId)))));
  }

  @Test
  void advisoryLocks() {
    // --- guide: advisory-lock
    String done = engine.advisoryLock(42, () -> {
      // one holder of lock 42 at a time, in every process using this database; released after
      return "nightly report written";
    });
    // --- end
    assertEquals("nightly report written", done);
  }

  @Test
  void timeouts() {
    // --- guide: timeout
    engine.connect(conn -> {
      var slow = select(func("pg_sleep", value(10.0)));
      PgException timedOut = assertThrows(PgException.class,
          () -> conn.withTimeout(Duration.ofMillis(200)).execute(slow));
      assertTrue(timedOut.isQueryCanceled());            // 57014: cancelled on the server
      conn.execute(select(value(1)));                    // and the connection is still usable
    });
    // --- end
  }

  @Test
  void streaming() {
    engine.execute(insert(USERS).columns(USERS.name).row("s1").row("s2").row("s3"));
    // --- guide: streaming
    List<String> firstNames = new ArrayList<>();
    engine.connect(conn -> {
      try (Stream<SqlRow> rows = conn.stream(select(USERS.name).from(USERS).orderBy(USERS.id))) {
        rows.limit(100).forEach(row -> firstNames.add(row.get(USERS.name)));   // closing early cancels the rest
      }
    });
    // --- end
    assertTrue(firstNames.containsAll(List.of("s1", "s2", "s3")));
  }

  @Test
  void asynchronously() {
    // --- guide: async
    AsyncEngine async = engine.async();
    CompletableFuture<Long> users = async.execute(select(count()).from(USERS))
        .thenApply(result -> result.<Long>scalar());

    CompletableFuture<List<Long>> ids = async.withTransaction(conn -> {
      // every execute() returns at once: the 100 inserts go out pipelined, then we wait once
      List<CompletableFuture<Result>> inserts = IntStream.range(0, 100)
          .mapToObj(i -> conn.execute(insert(USERS).values(USERS.name, "user" + i).returning(USERS.id)))
          .toList();
      return CompletableFuture.allOf(inserts.toArray(CompletableFuture[]::new))
          .thenApply(done -> inserts.stream().map(insert -> insert.join().one().get(USERS.id)).toList());
    });
    // --- end
    assertTrue(users.join() >= 0);
    assertEquals(100, ids.join().size());
    assertEquals(100, ids.join().stream().distinct().count());
  }

  @Test
  void jsonbMerge() {
    // --- guide: jsonb
    UUID id = UUID.randomUUID();
    engine.begin(conn -> {
      conn.execute(insert(KERNELS).values(KERNELS.id, id).values(KERNELS.statusData, "{\"scheduler\": {\"a\": 1}}"));
      conn.execute(update(KERNELS)
          .set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path("scheduler"), Map.of("passed", List.of("x"))))
          .where(KERNELS.id.eq(id)));
    });
    String doc = engine.withConnection(conn -> conn.scalar(select(KERNELS.statusData).from(KERNELS)
        .where(KERNELS.id.eq(id))));   // {"scheduler": {"a": 1, "passed": ["x"]}}
    // --- end
    assertEquals("{\"scheduler\": {\"a\": 1, \"passed\": [\"x\"]}}", doc);
  }

  @Test
  void createAndDropAll() {
    // --- guide: create-drop
    engine.begin(conn -> METADATA.createAll(conn));      // creates what is missing, in dependency order
    engine.begin(conn -> METADATA.createAll(conn));      // a second run changes nothing
    engine.begin(conn -> METADATA.dropAll(conn));        // drops it all, referencing tables first
    // --- end
    long tables = engine.withConnection(conn -> conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = $1",
        SCHEMA).one().get(0, Long.class));
    assertEquals(0, tables);
    engine.begin(conn -> METADATA.createAll(conn));
  }

  @Test
  void aCacheOfYourOwn() {
    // --- guide: cache
    Engine tuned = Engine.of(engine.pool(), new StatementCache(2_000));   // same pool, a bigger cache
    for (long id = 1; id <= 100; id++) {
      long userId = id;
      tuned.withConnection(conn -> conn.first(select(USERS.name).from(USERS).where(USERS.id.eq(userId))));
    }
    tuned.statementCache().stats();   // CacheStats[hits=99, misses=1, evictions=0, size=1, capacity=2000]
    // --- end
    assertEquals(new CacheStats(99, 1, 0, 1, 2_000), tuned.statementCache().stats());
  }

  /** Thrown to roll a transaction back on purpose. */
  private static final class RollBack extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void everyStatementOfTheGuideRunsOnTheServer() {
    var ran = new ArrayList<String>();
    assertThrows(RollBack.class, () -> engine.begin(conn -> {
      conn.executeScript("SELECT setval(pg_get_serial_sequence('users', 'id'), 1000)");
      conn.execute(insert(USERS).columns(USERS.id, USERS.name).row(1L, "jack").row(2L, "wendy").row(5L, "tmp5")
          .row(6L, "six"));
      conn.execute(insert(ADDRESSES).columns(ADDRESSES.userId, ADDRESSES.email).row(5L, "five@example.com"));
      conn.execute(insert(EMPLOYEES).columns(EMPLOYEES.id, EMPLOYEES.managerId, EMPLOYEES.name, EMPLOYEES.salary)
          .row(1L, null, "Ada", new BigDecimal("300")).row(7L, 1L, "Ben", new BigDecimal("200")));
      for (Map.Entry<String, Statement> example : QueryLayerStatementsTest.guideStatements().entrySet()) {
        // each in a savepoint rolled back after it, so that every statement sees the same rows
        assertThrows(RollBack.class, () -> conn.inTransaction(savepoint -> {
          savepoint.execute(example.getValue());
          ran.add(example.getKey());
          throw new RollBack();
        }), example.getKey());
      }
      throw new RollBack();
    }));
    assertEquals(QueryLayerStatementsTest.guideStatements().keySet().stream().toList(), ran);
  }
}
