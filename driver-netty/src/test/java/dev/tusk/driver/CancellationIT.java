package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
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
      assertEquals(1, first.get().size(), "the statement on the wire was not hit");
      assertThrows(CancellationException.class, queued::get);
      assertEquals(5, await(narrow.query("SELECT 5")).one().getInt(0));
      assertEquals(0, cancelsSent(narrow), "a queued command is dropped without a CancelRequest");
    } finally {
      await(narrow.close());
    }
    slow.get();
  }

  /**
   * A is short, B sleeps half a second behind it; A is cancelled as it completes (from its own
   * completion, and at random moments from another thread): B must always complete normally
   * (pgjdbc #412). Ten connections at a time, so a hundred rounds take a few seconds.
   */
  @Test
  void aCancelNeverHitsTheStatementAfterIt() throws Exception {
    int connections = 10;
    int roundsEach = 10;
    var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    try {
      var workers = new ArrayList<java.util.concurrent.Future<Integer>>();
      for (int c = 0; c < connections; c++) {
        long seed = c;
        workers.add(pool.submit(() -> {
          var random = new Random(seed);
          PgConnection pipelined = TestConnections.connect(options(server));
          try {
            for (int i = 0; i < roundsEach; i++) {
              var a = pipelined.query("SELECT $1::int", i);
              var b = pipelined.query("SELECT pg_sleep(0.5), $1::int AS n", i);
              a.whenComplete((result, failure) -> a.cancel(true));
              long spin = random.nextInt(400_000);
              for (long start = System.nanoTime(); System.nanoTime() - start < spin; ) {
                Thread.onSpinWait();
              }
              a.cancel(true);
              assertEquals(i, b.get(10, TimeUnit.SECONDS).one().getInt("n"), "B completed normally in round " + i);
            }
            return roundsEach;
          } finally {
            await(pipelined.close());
          }
        }));
      }
      int rounds = 0;
      for (var worker : workers) {
        rounds += worker.get(60, TimeUnit.SECONDS);
      }
      assertEquals(connections * roundsEach, rounds);
    } finally {
      pool.shutdown();
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

  /** Cancels BEGIN at random moments, thousands of times: the session never keeps a transaction. */
  @Test
  void cancellingBeginNeverLeavesATransactionOpen() throws Exception {
    var random = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      var begin = connection.execute("BEGIN");
      spinMicros(random.nextInt(300));
      begin.cancel(true);
      // wait for the connection to settle: the next command runs after any automatic rollback
      await(connection.query("SELECT 1"));
      if (!begin.isCancelled()) {
        await(connection.execute("ROLLBACK"));
      }
      assertEquals(TransactionStatus.IDLE, connection.transactionStatus(), "round " + i);
    }
    assertNoSessionIdleInTransaction();
  }

  /**
   * Cancels a transaction at random moments, thousands of times, many of them while its COMMIT is
   * queued or on the wire: afterwards the connection is idle, the row is there exactly when the
   * caller was told the transaction committed (a COMMIT already sent may still win the race: then
   * the caller sees success), and the server has no session idle in a transaction.
   */
  @Test
  void cancellingATransactionAroundItsCommitNeverLeavesItOpen() throws Exception {
    await(connection.query("CREATE TEMP TABLE cancel_commit (id int)"));
    var random = new Random(13);
    int rounds = 2_000;
    int committed = 0;
    for (int i = 0; i < rounds; i++) {
      int id = i;
      var transaction = (dev.tusk.driver.protocol.PgFuture<Long>) connection.withTransaction(
          tx -> tx.execute("INSERT INTO cancel_commit VALUES ($1)", id));
      spinMicros(random.nextInt(600));
      transaction.cancel(true);
      await(transaction.settled());
      assertEquals(TransactionStatus.IDLE, connection.transactionStatus(), "round " + i);
      if (!transaction.isCancelled()) {
        committed++;
      }
      long rows = await(connection.query("SELECT count(*) FROM cancel_commit WHERE id = $1", id)).one().getLong(0);
      if (!transaction.isCancelled()) {
        assertEquals(1, rows, "round " + i + " reported success, so its row is there");
      }
    }
    assertTrue(committed < rounds, "some cancels arrived in time");
    assertNoSessionIdleInTransaction();
  }

  private static void spinMicros(int micros) {
    for (long start = System.nanoTime(); System.nanoTime() - start < micros * 1_000L; ) {
      Thread.onSpinWait();
    }
  }

  private void assertNoSessionIdleInTransaction() {
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
    assertEquals(0, cancelsSent(connection));
  }

  /**
   * A cancel issued as the target completes (from its own completion callback, on the event loop,
   * while the next statement may already be on the wire) finds it finished and sends nothing.
   */
  @Test
  void aCancelFromTheTargetsOwnCompletionSendsNoCancelRequest() throws Exception {
    for (int i = 0; i < 500; i++) {
      var target = connection.query("SELECT $1::int", i);
      target.whenComplete((rows, failure) -> target.cancel(true));
      var next = connection.query("SELECT $1::int + 1", i);
      assertEquals(i, target.get(10, TimeUnit.SECONDS).one().getInt(0), "round " + i);
      assertEquals(i + 1, next.get(10, TimeUnit.SECONDS).one().getInt(0), "round " + i);
    }
    assertEquals(0, cancelsSent(connection), "no CancelRequest for a finished statement");
  }

  /**
   * A cancelled future completes before its cancel reaches the connection's queue, so the caller's
   * next statement can get there first. Here it does so deterministically: a completion callback,
   * run by {@code cancel} itself before the cancel is handed on, issues the next statement and waits
   * for it. The cancelled statement must still be stopped on the server, not run to its end with
   * the next one stuck behind it.
   */
  @Test
  void aStatementIssuedBeforeTheCancelArrivesDoesNotKeepTheCancelledOneRunning() throws Exception {
    for (int round = 0; round < 3; round++) {
      var sleeping = connection.query("SELECT pg_sleep(20)");
      Thread.sleep(200);
      var next = new CompletableFuture<RowSet>();
      sleeping.whenComplete((rows, failure) -> {
        var issued = connection.query("SELECT 'next' AS s");
        try {
          next.complete(issued.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
          next.completeExceptionally(e);
        }
      });
      long start = System.nanoTime();
      assertTrue(sleeping.cancel(true));
      assertEquals("next", next.get(1, TimeUnit.SECONDS).one().getString("s"), "round " + round);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "the sleep was cancelled on the server");
    }
    assertEquals(3, cancelsSent(connection));
  }

  private static long cancelsSent(PgConnection connection) {
    return ((dev.tusk.driver.protocol.ChannelConnection) connection).cancelsSent();
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
