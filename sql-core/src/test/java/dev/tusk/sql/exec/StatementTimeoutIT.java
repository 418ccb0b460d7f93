package dev.tusk.sql.exec;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.exec.ExecSchema.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgException;
import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.SqlState;
import dev.tusk.sql.AsyncConnection;
import dev.tusk.sql.AsyncEngine;
import dev.tusk.sql.Connection;
import dev.tusk.sql.Engine;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.ast.Select;
import dev.tusk.sql.ast.Statement;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code withTimeout} on every statement kind, blocking and async, on a connection and on an engine:
 * a statement sleeping far longer than the timeout fails with the driver's {@link
 * PgTimeoutException} (SQLSTATE 57014), soon; the next statement on the same session then answers
 * at once — proof that the sleep was cancelled on the server, since a session runs one statement at
 * a time — and the session is the same one (same backend pid). The sleeps are 30 s and the timeouts
 * 200 ms; "soon" allows 10 s, for a busy machine.
 */
@ExtendWith(PostgresExtension.class)
class StatementTimeoutIT {
  private static final String SCHEMA = "exec_timeouts";
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final Duration SOON = Duration.ofSeconds(10);
  private static final long WAIT_SECONDS = 30;
  private static final Select SLEEP = select(func("pg_sleep", value(30.0)));

  private static Engine engine;
  private static AsyncEngine async;

  @BeforeAll
  static void create(PostgresServer server) {
    engine = TestEngines.inFreshSchema(server, SCHEMA);
    async = engine.async();
    engine.begin(conn -> METADATA.createAll(conn));
  }

  @BeforeEach
  void empty() {
    engine.connect(ExecSchema::truncate);
  }

  @AfterAll
  static void dropSchema() {
    TestEngines.dropSchemaAndClose(engine, SCHEMA);
  }

  // --- helpers

  /** Runs {@code call}, which must time out soon, and returns its failure. */
  private static PgTimeoutException timesOut(Runnable call) {
    long start = System.nanoTime();
    var failure = assertThrows(PgTimeoutException.class, call::run);
    assertSoon(start);
    assertEquals(SqlState.QUERY_CANCELED, failure.sqlState(), failure::toString);
    assertEquals(TIMEOUT, failure.timeout());
    return failure;
  }

  /** Awaits the future {@code call} returns, which must fail with a timeout soon, and returns the failure. */
  private static PgTimeoutException timesOutAsync(Supplier<CompletableFuture<?>> call) {
    long start = System.nanoTime();
    var failure = assertThrows(ExecutionException.class, () -> call.get().get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertSoon(start);
    var timeout = assertInstanceOf(PgTimeoutException.class, failure.getCause());
    assertEquals(SqlState.QUERY_CANCELED, timeout.sqlState());
    return timeout;
  }

  private static void assertSoon(long start) {
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(SOON) < 0, "failed long before the 30 s sleep ended: " + took);
  }

  private static int backendPid(Connection conn) {
    return conn.scalar(select(func("pg_backend_pid", INTEGER)));
  }

  /** The same session answers at once: the cancelled statement is not still running ahead of it. */
  private static void assertStillUsable(Connection conn, int backend) {
    long start = System.nanoTime();
    assertEquals(backend, backendPid(conn), "the same session");
    assertSoon(start);
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static long counters() {
    return engine.withConnection(conn -> conn.<Long>scalar(select(count()).from(COUNTERS)));
  }

  private static Statement addCounter(String key) {
    return insert(COUNTERS).values(COUNTERS.key, key).values(COUNTERS.hits, 1);
  }

  // --- blocking

  @Test
  void blockingExecuteOfAStatementAndOfTextSql() {
    engine.connect(conn -> {
      int backend = backendPid(conn);
      timesOut(() -> conn.withTimeout(TIMEOUT).execute(SLEEP));
      assertStillUsable(conn, backend);
      timesOut(() -> conn.withTimeout(TIMEOUT).execute("SELECT pg_sleep($1)", 30.0));
      assertStillUsable(conn, backend);
      timesOut(() -> conn.withTimeout(TIMEOUT).execute(text("SELECT pg_sleep(:s)").bind("s", 30.0)));
      assertStillUsable(conn, backend);
    });
  }

  @Test
  void blockingExecuteManyTimesOutAsAWholeAndWritesNothing() {
    engine.connect(conn -> {
      int backend = backendPid(conn);
      timesOut(() -> conn.withTimeout(TIMEOUT).executeMany(List.of(addCounter("before"), SLEEP, addCounter("after"))));
      assertStillUsable(conn, backend);
      assertEquals(0, counters(), "one batch, one implicit transaction: the insert before the sleep rolled back");
      assertEquals(2, conn.withTimeout(Duration.ofSeconds(5)).executeMany(List.of(addCounter("a"), addCounter("b"))),
          "a quick batch under a timeout is unaffected");
    });
  }

  @Test
  void blockingExecuteScriptTimesOut() {
    engine.connect(conn -> {
      int backend = backendPid(conn);
      timesOut(() -> conn.withTimeout(TIMEOUT).executeScript(
          "INSERT INTO counters (key, hits) VALUES ('script', 1); SELECT pg_sleep(30)"));
      assertStillUsable(conn, backend);
      assertEquals(0, counters(), "a script is one implicit transaction too");
      conn.withTimeout(Duration.ofSeconds(5)).executeScript("INSERT INTO counters (key, hits) VALUES ('quick', 1)");
      assertEquals(1, counters());
    });
  }

  @Test
  void blockingStreamTimesOutWhileWaitingForRows() {
    engine.connect(conn -> {
      int backend = backendPid(conn);
      timesOut(() -> {
        try (Stream<SqlRow> rows = conn.withTimeout(TIMEOUT).stream(SLEEP)) {
          rows.forEach(row -> fail("pg_sleep returns no row before it ends"));
        }
      });
      assertStillUsable(conn, backend);
    });
  }

  @Test
  void aQuickStreamUnderATimeoutReadsEveryRowAndCanStopEarly() {
    var series = functionTable(func("generate_series", BIGINT, value(1L), value(10_000L)), "g", "n");
    var n = series.column("n", BIGINT);
    engine.connect(conn -> {
      Connection timed = conn.withTimeout(Duration.ofSeconds(20));
      try (Stream<SqlRow> rows = timed.stream(select(n).from(series))) {
        assertEquals(10_000L * 10_001 / 2, rows.mapToLong(row -> row.get(n)).sum(), "more rows than one batch");
      }
      try (Stream<SqlRow> rows = timed.stream(select(n).from(series).orderBy(n))) {
        assertEquals(List.of(1L, 2L), rows.limit(2).map(row -> row.get(n)).toList());
      }
      assertEquals(5L, (long) timed.<Long>scalar(select(value(5L))), "usable after a stream closed early");
    });
  }

  @Test
  void aTimedOutStatementInATransactionAbortsItUnlessInASavepoint() {
    var failure = assertThrows(PgTimeoutException.class, () -> engine.begin(conn -> {
      conn.execute(addCounter("rolled back"));
      conn.withTimeout(TIMEOUT).executeScript("SELECT pg_sleep(30)");
    }));
    assertEquals(SqlState.QUERY_CANCELED, failure.sqlState());
    engine.begin(conn -> {
      conn.execute(addCounter("kept"));
      assertThrows(PgTimeoutException.class, () -> conn.inTransaction(savepoint ->
          savepoint.withTimeout(TIMEOUT).executeMany(List.of(addCounter("undone"), SLEEP))));
      conn.execute(addCounter("after"));
    });
    assertEquals(List.of("after", "kept"), engine.withConnection(conn -> conn.all(select(COUNTERS.key).from(COUNTERS)
        .orderBy(COUNTERS.key))).stream().map(row -> row.get(COUNTERS.key)).toList());
  }

  @Test
  void anEngineWithATimeoutAppliesItToEverythingItRuns() {
    Engine timed = engine.withTimeout(TIMEOUT);
    timesOut(() -> timed.execute(SLEEP));
    timesOut(() -> timed.connect(conn -> conn.executeScript("SELECT pg_sleep(30)")));
    timesOut(() -> timed.begin(conn -> conn.executeMany(List.of(addCounter("x"), SLEEP))));
    timesOut(() -> timed.begin(conn -> {
      try (Stream<SqlRow> rows = conn.stream(SLEEP)) {
        rows.forEach(row -> fail("no row"));
      }
    }));
    assertEquals(0, counters());
    timed.close();
    assertEquals(1, (int) engine.<Integer>withConnection(conn -> conn.scalar(select(value(1)))),
        "closing the view leaves the shared pool open");
    assertEquals(1, (int) timed.execute(select(value(1))).<Integer>scalar(), "and the view itself still works");
    assertThrows(IllegalArgumentException.class, () -> engine.withTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> engine.connect(conn -> conn.withTimeout(Duration.ofMillis(-1))));
  }

  // --- async

  /**
   * Runs {@code test} on this thread with a connection lent by the async engine, held until the
   * test ends: the test may block on futures, which a callback on the driver's event loop may not.
   */
  private static void withLentConnection(AsyncTest test) throws Exception {
    var lent = new CompletableFuture<AsyncConnection>();
    var giveBack = new CompletableFuture<Void>();
    CompletableFuture<Void> returned = async.withConnection(conn -> {
      lent.complete(conn);
      return giveBack;
    });
    try {
      test.run(await(lent));
    } finally {
      giveBack.complete(null);
      await(returned);
    }
  }

  @FunctionalInterface
  private interface AsyncTest {
    void run(AsyncConnection conn) throws Exception;
  }

  private static int backendPid(AsyncConnection conn) throws Exception {
    long start = System.nanoTime();
    int pid = await(conn.execute(select(func("pg_backend_pid", INTEGER)))).scalar();
    assertSoon(start);
    return pid;
  }

  @Test
  void asyncExecuteAndExecuteMany() throws Exception {
    withLentConnection(conn -> {
      int backend = backendPid(conn);
      AsyncConnection timed = conn.withTimeout(TIMEOUT);
      timesOutAsync(() -> timed.execute(SLEEP));
      assertEquals(backend, backendPid(conn), "the same session, usable at once");
      timesOutAsync(() -> timed.executeMany(List.of(addCounter("before"), SLEEP)));
      assertEquals(backend, backendPid(conn));
      assertEquals(2L, (long) await(timed.executeMany(List.of(addCounter("a"), addCounter("b")))),
          "a quick batch under a timeout is unaffected");
    });
    assertEquals(2, counters(), "the timed-out batch wrote nothing");
  }

  @Test
  void asyncStreamSignalsTheTimeoutToItsSubscriber() throws Exception {
    var received = new ArrayList<SqlRow>();
    withLentConnection(conn -> {
      int backend = backendPid(conn);
      timesOutAsync(() -> {
        var ended = new CompletableFuture<Void>();
        conn.withTimeout(TIMEOUT).stream(SLEEP).subscribe(new Flow.Subscriber<>() {
          @Override public void onSubscribe(Flow.Subscription subscription) { subscription.request(Long.MAX_VALUE); }
          @Override public void onNext(SqlRow row) { received.add(row); }
          @Override public void onError(Throwable failure) { ended.completeExceptionally(failure); }
          @Override public void onComplete() { ended.complete(null); }
        });
        return ended;
      });
      assertEquals(backend, backendPid(conn));
    });
    assertEquals(List.of(), received);
  }

  @Test
  void anAsyncEngineWithATimeoutAppliesItToEverythingItRuns() throws Exception {
    AsyncEngine timed = async.withTimeout(TIMEOUT);
    timesOutAsync(() -> timed.execute(SLEEP));
    timesOutAsync(() -> timed.withTransaction(conn -> conn.execute(addCounter("rolled back"))
        .thenCompose(done -> conn.execute(SLEEP))));
    timesOutAsync(() -> timed.withConnection(conn -> conn.executeMany(List.of(SLEEP))));
    assertEquals(0, counters());
    assertEquals(1, (int) await(async.execute(select(value(1)))).<Integer>scalar(), "the engine is still usable");
    assertEquals(1, (int) await(timed.execute(select(value(1)))).<Integer>scalar(), "and so is the view");
    var refused = assertThrows(IllegalArgumentException.class, () -> async.withTimeout(Duration.ofSeconds(-1)));
    assertTrue(refused.getMessage().contains("positive"), refused::getMessage);
  }

  @Test
  void aTimeoutLongerThanTheStatementChangesNothing() throws Exception {
    Duration generous = Duration.ofSeconds(20);
    var briefly = select(func("pg_sleep", value(0.05)));
    engine.connect(conn -> assertEquals(1, conn.withTimeout(generous).all(briefly).size()));
    assertEquals(1, await(async.withTimeout(generous).execute(briefly)).rows().size());
    // the timers of statements that finished in time were cancelled: nothing fires later
    Thread.sleep(300);
    engine.connect(conn -> assertEquals(2, (int) conn.withTimeout(TIMEOUT).<Integer>scalar(select(value(1).plus(1)))));
    assertThrows(PgException.class, () -> engine.connect(conn -> conn.withTimeout(TIMEOUT).execute(SLEEP)));
  }
}
