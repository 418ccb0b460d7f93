package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cancellation and timeouts: prompt for the caller, scoped to their own statement, and safe for the session. */
@ExtendWith(PostgresExtension.class)
class CancellationIT {
  private final PostgresServer server;
  private PgConnection connection;
  private PgConnection observer;

  CancellationIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    connection = TestConnections.connect(options(server).withServerSetting("application_name", "cancel-test"));
    observer = TestConnections.connect(options(server));
  }

  @AfterEach
  void close() {
    await(connection.close());
    await(observer.close());
  }

  @Test
  void cancellingARunningQueryStopsItOnTheServerAndKeepsTheConnectionUsable() throws Exception {
    long start = System.nanoTime();
    var slow = connection.query("SELECT pg_sleep(30)");
    Thread.sleep(200);
    assertTrue(slow.cancel(true));
    assertThrows(CancellationException.class, slow::get);
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the server stopped sleeping");
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  @Test
  void aTimeoutCancelsTheStatementAndReportsATimeout() {
    long start = System.nanoTime();
    PgException failure = failure(connection.query(Query.of("SELECT pg_sleep(30)").timeout(Duration.ofMillis(300))));
    assertInstanceOf(PgTimeoutException.class, failure);
    assertEquals(SqlState.QUERY_CANCELED, failure.sqlState());
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
  }

  @Test
  void theConnectionDefaultTimeoutAppliesToEveryStatement() {
    PgConnection limited = TestConnections.connect(options(server).withQueryTimeout(Duration.ofMillis(300)));
    try {
      assertInstanceOf(PgTimeoutException.class, failure(limited.query("SELECT pg_sleep(30)")));
      assertEquals(2, await(limited.query("SELECT 2")).one().getInt(0));
    } finally {
      await(limited.close());
    }
  }

  @Test
  void aCommandNotYetWrittenIsDroppedWithoutTouchingTheServer() throws Exception {
    var slow = connection.query("SELECT pg_sleep(0.5)");
    // depth 256: all are written at once; use many to make some wait behind the pipeline limit
    PgConnection narrow = TestConnections.connect(options(server).withPipelineDepth(1));
    try {
      var first = narrow.query("SELECT pg_sleep(0.3)");
      var queued = narrow.query("SELECT 'should not run'");
      assertTrue(queued.cancel(true));
      first.get();
      assertThrows(CancellationException.class, queued::get);
      assertEquals(5, await(narrow.query("SELECT 5")).one().getInt(0));
    } finally {
      await(narrow.close());
    }
    slow.get();
  }

  @Test
  void aCancelNeverHitsTheStatementAfterIt() throws Exception {
    // A is short, B sleeps; cancelling A as it completes must never cancel B (pgjdbc #412)
    for (int i = 0; i < 200; i++) {
      var a = connection.query("SELECT $1::int", i);
      var b = connection.query("SELECT pg_sleep(0.002), $1::int AS n", i);
      a.whenComplete((result, failure) -> a.cancel(true));
      if (i % 2 == 0) {
        a.cancel(true);
      }
      assertEquals(i, b.get(10, TimeUnit.SECONDS).one().getInt("n"), "B completed normally in round " + i);
    }
  }

  @Test
  void aCancelArrivingLateNeverHitsTheNextStatement() throws Exception {
    // cancel exactly when the target may be finishing; the next command is issued only afterwards
    var random = new Random(3);
    for (int i = 0; i < 100; i++) {
      var target = connection.query("SELECT pg_sleep($1::float8)", random.nextInt(3) / 1000.0);
      Thread.sleep(random.nextInt(3));
      target.cancel(true);
      var next = connection.query("SELECT pg_sleep(0.01), 'next' AS s");
      assertEquals("next", next.get(10, TimeUnit.SECONDS).one().getString("s"), "round " + i);
    }
  }

  @Test
  void cancellingBeginNeverLeavesATransactionOpen() throws Exception {
    var random = new Random(11);
    for (int i = 0; i < 300; i++) {
      var begin = connection.execute("BEGIN");
      if (random.nextBoolean()) {
        Thread.onSpinWait();
      }
      begin.cancel(true);
      // wait for the connection to settle: the next command runs after any automatic rollback
      await(connection.query("SELECT 1"));
      if (!begin.isCancelled()) {
        await(connection.execute("ROLLBACK"));
      }
      assertEquals(TransactionStatus.IDLE, connection.transactionStatus(), "round " + i);
    }
    long idleInTransaction = await(observer.query(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cancel-test' AND state LIKE 'idle in transaction%'"))
        .one().getLong(0);
    assertEquals(0, idleInTransaction);
  }

  @Test
  void cancellingAnAlreadyCompletedQueryDoesNothing() throws Exception {
    var done = connection.query("SELECT 1");
    done.get();
    assertFalse(done.cancel(true));
    assertEquals(1, done.get().one().getInt(0));
  }

  @Test
  void aTerminatedBackendFailsTheRunningQueryPromptlyWithTheServersError() throws Exception {
    var sleeping = connection.query("SELECT pg_sleep(30)");
    Thread.sleep(200);
    await(observer.query("SELECT pg_terminate_backend($1)", connection.processId()));
    var failure = assertThrows(ExecutionException.class, () -> sleeping.get(10, TimeUnit.SECONDS));
    PgException error = (PgException) failure.getCause();
    assertEquals(SqlState.ADMIN_SHUTDOWN, error.sqlState(), error.getMessage());
    assertFalse(connection.isOpen());
    PgException later = failure(connection.query("SELECT 1"));
    assertTrue(later.isConnectionFailure(), later.getMessage());
    connection = TestConnections.connect(options(server));
  }

  @Test
  void aTerminatedBackendFailsEveryPipelinedCommandWithATypedError() throws Exception {
    var sleeping = connection.query("SELECT pg_sleep(30)");
    var behind = connection.query("SELECT 1");
    Thread.sleep(200);
    await(observer.query("SELECT pg_terminate_backend($1)", connection.processId()));
    // with unread commands in its socket the server's close may arrive as a reset that overtakes
    // its FATAL message: either way the failure is typed and prompt
    PgException head = (PgException) assertThrows(ExecutionException.class, () -> sleeping.get(10, TimeUnit.SECONDS)).getCause();
    assertTrue(head.sqlState().equals(SqlState.ADMIN_SHUTDOWN) || head.isConnectionFailure(), head.getMessage());
    PgException next = (PgException) assertThrows(ExecutionException.class, () -> behind.get(10, TimeUnit.SECONDS)).getCause();
    assertTrue(next.isConnectionFailure(), next.getMessage());
    connection = TestConnections.connect(options(server));
  }

  @Test
  void cancelledFuturesFromManyThreadsAllComplete() throws Exception {
    var futures = new java.util.ArrayList<CompletableFuture<RowSet>>();
    for (int i = 0; i < 500; i++) {
      futures.add(connection.query("SELECT pg_sleep(0.001), $1::int", i));
    }
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < futures.size(); i += 3) {
        var future = futures.get(i);
        executor.submit(() -> future.cancel(true));
      }
    }
    for (var future : futures) {
      try {
        future.get(20, TimeUnit.SECONDS);
      } catch (CancellationException expected) {
        // fine
      }
    }
    assertEquals(7, await(connection.query("SELECT 7")).one().getInt(0));
  }
}
