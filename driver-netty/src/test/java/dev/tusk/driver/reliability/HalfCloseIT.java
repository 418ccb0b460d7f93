package dev.tusk.driver.reliability;

import static dev.tusk.driver.TestConnections.*;
import static dev.tusk.driver.reliability.Outcomes.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.PoolStats;
import dev.tusk.driver.Row;
import dev.tusk.driver.SslMode;
import dev.tusk.driver.TestConnections;
import dev.tusk.driver.TxOptions;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import dev.tusk.testkit.fault.CutStyle;
import dev.tusk.testkit.fault.Direction;
import dev.tusk.testkit.fault.Fault;
import dev.tusk.testkit.fault.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Half-closed connections through the fault proxy: one side's FIN reaches the other while the
 * opposite direction stays open — a server (or a middlebox) that ends its stream, or a client
 * whose stream the server sees end. Nothing is reset, so nothing fails fast at the socket layer:
 * the driver must notice the end of the stream itself. Every pending future must end with a
 * class 08 {@link PgException} by its deadline, long before any statement the server still runs
 * would end; the connection must report itself closed; a pool must replace it.
 */
@ExtendWith(PostgresExtension.class)
class HalfCloseIT {
  private static final String APPLICATION = "half-close";
  /** How long a caller may wait, at most, for the failure: generous, never a timing test. */
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private static int eventLoopThreadsBefore;
  private final PostgresServer server;
  private FaultProxy proxy;
  private PgConnection observer;

  HalfCloseIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeAll
  static void countThreads() {
    eventLoopThreadsBefore = threadsNamed("tusk-nio").size();
  }

  @BeforeEach
  void startProxy() {
    proxy = FaultProxy.start(server.host(), server.port());
    observer = TestConnections.connect(server);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
    assertTrue(threadsNamed(FaultProxy.THREAD_NAME_PREFIX).isEmpty(), "the proxy's threads ended");
    serverConnectionsSettleAt(observer, APPLICATION, 0);
    await(observer.close());
  }

  @AfterAll
  static void noEventLoopThreadsLeft() {
    noThreadsLeft("tusk-nio", eventLoopThreadsBefore);
  }

  private PgConnectOptions viaProxy() {
    return options(server).withHost(proxy.host(), proxy.port())
        .withServerSetting("application_name", APPLICATION)
        .withConnectTimeout(CONNECT_TIMEOUT);
  }

  /** Waits until the server runs {@code count} statements of this test's connections that start with {@code prefix}. */
  private void serverRuns(String prefix, int count) {
    boolean running = eventually(DEADLINE, () -> await(observer.query("SELECT count(*) FROM pg_stat_activity "
        + "WHERE application_name = $1 AND state = 'active' AND starts_with(query, $2)", APPLICATION, prefix)).one().getLong(0) == count);
    assertTrue(running, "the server runs " + count + " × " + prefix);
  }

  /**
   * Ends the backends of this test still running a statement: a backend reads the client's FIN only
   * once its statement is over, and there is no need to wait for a ten-second sleep to finish.
   */
  private void endStatementsStillRunning() {
    await(observer.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND state = 'active'",
        APPLICATION));
  }

  /** After the half-close is removed, the same route works again with a fresh connection. */
  private void routeWorksAgain() {
    proxy.restore();
    PgConnection fresh = TestConnections.connect(viaProxy());
    try {
      assertEquals(1, await(fresh.query("SELECT 1")).one().getInt(0));
    } finally {
      await(fresh.close());
    }
  }

  /** The server's FIN arrives while a statement runs and ten more wait behind it. */
  @Test
  void theServersFinFailsTheStatementInFlightAndEveryCommandPipelinedBehindIt() {
    pipelinedCommandsFailWhenTheServerHalfCloses(viaProxy(), "plain TCP");
  }

  /** The same over TLS: a FIN without TLS's close_notify is a truncation, and must still be a class 08 error. */
  @Test
  void theServersFinWithoutCloseNotifyFailsEveryCommandOverTls() {
    assumeTrue(server.tls().isPresent());
    // the first TLS connection of a JVM builds its context: more than a busy machine does in 3 s
    pipelinedCommandsFailWhenTheServerHalfCloses(viaProxy().withTls(tls(server, SslMode.REQUIRE))
        .withConnectTimeout(TestConnections.WAIT), "TLS");
  }

  private void pipelinedCommandsFailWhenTheServerHalfCloses(PgConnectOptions options, String transport) {
    PgConnection connection = TestConnections.connect(options);
    // ten seconds: a failure within the deadline cannot be the statement ending on its own
    var sleeping = connection.query("SELECT pg_sleep(10)");
    List<CompletableFuture<?>> behind = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      behind.add(connection.query("SELECT $1::int", i));
    }
    serverRuns("SELECT pg_sleep", 1);
    long start = System.nanoTime();
    proxy.set(Fault.halfClose(Direction.TO_CLIENT));
    connectionFailureBy(sleeping, start, DEADLINE, "the statement in flight");
    for (var command : behind) {
      connectionFailureBy(command, start, DEADLINE, "a command pipelined behind it");
    }
    long failedAfter = millisSince(start);
    assertFalse(connection.isOpen(), "the connection reports itself closed");
    PgException later = failure(connection.query("SELECT 1"));
    assertTrue(later.isConnectionFailure(), later.getMessage());
    System.out.printf("half-close (%s): server FIN with 11 commands pending: all failed (class 08) within %d ms%n",
        transport, failedAfter);
    endStatementsStillRunning();
    routeWorksAgain();
  }

  /**
   * A row stream the server stops mid-result. The link is limited to 256 KiB/s, so that the client
   * keeps up with it: otherwise the FIN would queue behind megabytes of rows the kernel already
   * holds for a subscriber that reads them at its own pace, all of which it gets first (they are
   * valid rows), and the time to fail would measure the subscriber, not the driver.
   */
  @Test
  void theServersFinMidRowStreamEndsTheSubscriberWithATypedError() {
    PgConnection connection = TestConnections.connect(viaProxy());
    proxy.set(Fault.bandwidth(Direction.TO_CLIENT, 256 * 1024));
    var rows = new AtomicLong();
    var outOfOrder = new AtomicLong();
    var ended = new CompletableFuture<Void>();
    connection.stream("SELECT g FROM generate_series(1, 10000000) g").subscribe(new Flow.Subscriber<Row>() {
      private Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        subscription.request(100);
      }

      @Override
      public void onNext(Row row) {
        long n = rows.incrementAndGet();
        if (row.getInt(0) != n) {
          outOfOrder.incrementAndGet();
        }
        if (n % 100 == 0) {
          subscription.request(100);
        }
      }

      @Override
      public void onError(Throwable failure) {
        ended.completeExceptionally(failure);
      }

      @Override
      public void onComplete() {
        ended.complete(null);
      }
    });
    assertTrue(eventually(TestConnections.WAIT, () -> rows.get() >= 5_000), () -> "the stream is flowing: " + rows.get() + " rows, " + proxy.stats());
    long start = System.nanoTime();
    proxy.set(Fault.halfClose(Direction.TO_CLIENT));
    connectionFailureBy(ended, start, DEADLINE, "the stream the server stopped mid-result");
    long failedAfter = millisSince(start);
    assertEquals(0, outOfOrder.get(), "the rows before the FIN arrived whole and in order");
    assertTrue(rows.get() < 10_000_000, "the result did not complete: " + rows.get());
    assertFalse(connection.isOpen());
    System.out.printf("half-close: server FIN mid-stream after %,d rows: subscriber failed (class 08) within %d ms%n",
        rows.get(), failedAfter);
    endStatementsStillRunning();
    routeWorksAgain();
  }

  @Test
  void theServersFinMidCopyInFailsTheCopyAndClosesItsSource() {
    PgConnection connection = TestConnections.connect(viaProxy());
    await(connection.simpleQuery("CREATE TEMP TABLE copied (n int, s text)"));
    var source = new EndlessRows();
    var copy = connection.copyIn("COPY copied FROM STDIN", source);
    assertTrue(eventually(DEADLINE, () -> source.bytes.get() >= 256 * 1024), "the copy is under way");
    long start = System.nanoTime();
    proxy.set(Fault.halfClose(Direction.TO_CLIENT));
    connectionFailureBy(copy, start, DEADLINE, "a COPY FROM STDIN whose server half-closed");
    long failedAfter = millisSince(start);
    assertTrue(eventually(DEADLINE, source.closed::get), "the source stream is closed once the copy failed");
    assertFalse(connection.isOpen());
    System.out.printf("half-close: server FIN mid-COPY FROM STDIN after %,d bytes: copy failed (class 08) within %d ms%n",
        source.bytes.get(), failedAfter);
    routeWorksAgain();
  }

  /**
   * The other way round: the server sees the client's stream end (the client's FIN, forwarded).
   * The statement it runs still gets its answer, since the route back is open; the commands sent
   * after the FIN never reach it, and fail once the server, having read the end, closes.
   */
  @Test
  void aFinTowardTheServerLetsTheRunningStatementAnswerAndFailsWhatNeverReachedIt() {
    PgConnection connection = TestConnections.connect(viaProxy());
    var sleeping = connection.query("SELECT pg_sleep(0.5), 1");
    serverRuns("SELECT pg_sleep", 1);
    long start = System.nanoTime();
    proxy.set(Fault.halfClose(Direction.TO_SERVER));
    List<CompletableFuture<?>> lost = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lost.add(connection.query("SELECT $1::int", i));
    }
    assertEquals(1, await(sleeping).one().getInt(1), "the statement the server had answers");
    for (var command : lost) {
      connectionFailureBy(command, start, DEADLINE, "a command sent after the FIN");
    }
    long failedAfter = millisSince(start);
    assertFalse(connection.isOpen());
    System.out.printf("half-close: FIN toward the server: running statement answered, 5 later commands failed (class 08) "
        + "within %d ms (the statement had 0.5 s left)%n", failedAfter);
    routeWorksAgain();
  }

  /**
   * A pool of four (two connections busy in transactions, two idle) whose server half-closes them
   * all: the busy callers fail with a class 08 error, the idle connections are noticed and
   * discarded without a caller stumbling on them, and once the route is back the pool refills
   * to {@code minIdle} and serves.
   */
  @Test
  void aPoolDiscardsHalfClosedConnectionsAndReplacesThem() {
    PgPool pool = PgPool.create(viaProxy(), PoolOptions.defaults().maxSize(4).minIdle(4));
    try {
      assertTrue(eventually(DEADLINE, () -> pool.stats().idle() == 4), "the pool opened its four connections: " + pool.stats());
      List<CompletableFuture<?>> busy = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        busy.add(pool.withTransaction(c -> c.query("SELECT pg_sleep(3)")));
      }
      serverRuns("SELECT pg_sleep", 2);

      long start = System.nanoTime();
      proxy.set(Fault.halfClose(Direction.TO_CLIENT));
      for (var caller : busy) {
        connectionFailureBy(caller, start, DEADLINE, "a transaction on a half-closed connection");
      }
      long failedAfter = millisSince(start);
      assertTrue(eventually(DEADLINE, () -> pool.stats().discarded() >= 4),
          "the pool discarded all four connections: " + pool.stats());
      long discardedAfter = millisSince(start);
      PoolStats broken = pool.stats();
      assertEquals(0, broken.inUse(), broken.toString());

      proxy.restore();
      long restored = System.nanoTime();
      assertTrue(eventually(DEADLINE, () -> pool.stats().idle() == 4), "the pool refilled to minIdle: " + pool.stats());
      long refilledAfter = millisSince(restored);
      assertEquals(7, await(pool.query("SELECT 7")).one().getInt(0));
      List<CompletableFuture<?>> after = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        after.add(pool.withTransaction(c -> c.query("SELECT $1::int", n)));
      }
      after.forEach(TestConnections::await);
      PoolStats recovered = pool.stats();
      assertEquals(4, recovered.size(), recovered.toString());
      // the half-closed backends go once their sleep ends and they read the client's FIN
      serverConnectionsSettleAt(observer, APPLICATION, 4);
      System.out.printf("half-close: pool of 4 (2 busy): busy callers failed (class 08) within %d ms, %d connections "
          + "discarded within %d ms; back to 4 idle %d ms after the route was restored (%d created, %d discarded)%n",
          failedAfter, broken.discarded(), discardedAfter, refilledAfter, recovered.created(), recovered.discarded());
    } finally {
      await(pool.close());
    }
  }

  /**
   * The server's FIN arrives between a COMMIT and its answer: the server committed, the client
   * cannot know. The failure is a class 08 error that must not claim the transaction rolled back —
   * a caller (or a retry policy) trusting that would run committed work a second time.
   */
  @Test
  void aConnectionLostBetweenCommitAndItsAnswerDoesNotClaimARollback() {
    await(observer.simpleQuery("DROP TABLE IF EXISTS half_close_commit; CREATE TABLE half_close_commit (n int)"));
    try {
      List<Function<PgConnection, CompletableFuture<?>>> ways = List.of(
          connection -> connection.withTransaction(c -> c.execute("INSERT INTO half_close_commit VALUES (1)")),
          connection -> connection.begin(TxOptions.defaults()).thenCompose(tx -> tx.connection()
              .execute("INSERT INTO half_close_commit VALUES (2)").thenCompose(inserted -> tx.commit())));
      for (var transaction : ways) {
        PgConnection connection = TestConnections.connect(viaProxy());
        // the third CommandComplete of this connection: BEGIN, INSERT, then COMMIT's
        proxy.set(new Fault.CutAtMessage(Direction.TO_CLIENT, 'C', 3, 0, CutStyle.FIN));
        long start = System.nanoTime();
        PgException failure = connectionFailureBy(transaction.apply(connection), start, DEADLINE, "a COMMIT whose answer never came");
        assertFalse(failure.transactionRolledBack(), "the outcome of the COMMIT is unknown, not a rollback: " + failure);
        proxy.restore();
      }
      assertEquals(List.of(1, 2), await(observer.query("SELECT n FROM half_close_commit ORDER BY n")).stream()
          .map(row -> row.getInt(0)).toList(), "both transactions had committed");
      // the blocking face
      PgConnection connection = TestConnections.connect(viaProxy());
      proxy.set(new Fault.CutAtMessage(Direction.TO_CLIENT, 'C', 3, 0, CutStyle.FIN));
      PgException blocking = assertThrows(PgException.class, () -> connection.blocking().inTransaction(c -> c.execute(
          "INSERT INTO half_close_commit VALUES (3)")));
      assertTrue(blocking.isConnectionFailure(), blocking.getMessage());
      assertFalse(blocking.transactionRolledBack(), "the outcome of the COMMIT is unknown, not a rollback: " + blocking);
      assertEquals(3, await(observer.query("SELECT count(*) FROM half_close_commit")).one().getLong(0));
    } finally {
      await(observer.simpleQuery("DROP TABLE IF EXISTS half_close_commit"));
    }
  }
}
