package dev.tusk.driver.reliability;

import static dev.tusk.driver.TestConnections.*;
import static dev.tusk.driver.reliability.Outcomes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.PoolStats;
import dev.tusk.driver.Query;
import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TestConnections;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import dev.tusk.testkit.fault.Fault;
import dev.tusk.testkit.fault.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A slow link: the fault proxy limits each direction to {@value #BYTES_PER_SECOND} bytes per
 * second (64 KiB/s), or delays every chunk. A large result must stream whole, in order and never faster than the
 * subscriber asks; a statement timeout must still fire on time; the CancelRequest, which travels
 * the same slow route on a connection of its own, must still stop the statement on the server; and
 * a cancel behind megabytes already on their way must not hold a connection (or its pool) longer
 * than the cancel timeout. With latency, cancels that arrive late must hit nobody.
 */
@ExtendWith(PostgresExtension.class)
class SlowLinkIT {
  private static final String APPLICATION = "slow-link";
  private static final long BYTES_PER_SECOND = 64 * 1024;
  private static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(500);
  private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(2);
  /** Slack on every bound: generous, so a slow CI machine never fails a correct driver. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  private final PostgresServer server;
  private FaultProxy proxy;
  private PgConnection observer;

  SlowLinkIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void startProxy() {
    proxy = FaultProxy.start(server.host(), server.port());
    observer = TestConnections.connect(server);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
    serverConnectionsSettleAt(observer, APPLICATION, 0);
    await(observer.close());
  }

  private PgConnectOptions viaProxy() {
    return options(server).withHost(proxy.host(), proxy.port())
        .withServerSetting("application_name", APPLICATION)
        .withCancelTimeout(CANCEL_TIMEOUT);
  }

  /** {@return how many of this test's backends run a statement starting with {@code prefix}} */
  private long serverRunning(String prefix) {
    return await(observer.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND state = 'active' "
        + "AND starts_with(query, $2)", APPLICATION, prefix)).one().getLong(0);
  }

  /**
   * About 330 KB of rows through the 64 KiB/s link, read by a subscriber that asks for 50 rows at
   * a time and stops asking for a second midway. Every row arrives once, in order and intact; none
   * arrives unasked for (nor during the pause); the first rows arrive long before the last (the
   * result is streamed, not gathered); and the link, not the driver, sets the pace.
   */
  @Test
  void aLargeResultStreamsWholeInOrderAndNoFasterThanAskedThroughASlowLink() throws Exception {
    int total = 6_000;
    int pauseAt = 2_000;
    PgConnection connection = TestConnections.connect(viaProxy());
    proxy.set(Fault.bandwidth(BYTES_PER_SECOND));
    long bytesBefore = proxy.stats().bytesToClient();
    var received = new AtomicLong();
    var requested = new AtomicLong();
    var overDelivered = new AtomicLong();
    var wrong = new AtomicLong();
    var firstRowAt = new AtomicLong();
    var pauseStarted = new CompletableFuture<Flow.Subscription>();
    var ended = new CompletableFuture<Void>();
    long start = System.nanoTime();
    connection.stream("SELECT g, md5(g::text) FROM generate_series(1, $1) g", total).subscribe(new Flow.Subscriber<Row>() {
      private Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        ask(50);
      }

      private void ask(long n) {
        requested.addAndGet(n);
        subscription.request(n);
      }

      @Override
      public void onNext(Row row) {
        long n = received.incrementAndGet();
        if (n == 1) {
          firstRowAt.set(System.nanoTime());
        }
        if (n > requested.get()) {
          overDelivered.incrementAndGet();
        }
        if (row.getInt(0) != n || !md5(Long.toString(n)).equals(row.getString(1))) {
          wrong.incrementAndGet();
        }
        if (n == pauseAt) {
          pauseStarted.complete(subscription);
        } else if (n % 50 == 0) {
          ask(50);
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
    Flow.Subscription paused = pauseStarted.get(30, TimeUnit.SECONDS);
    // the pause is the scenario, not a synchronisation: nothing may arrive while nothing is asked for
    Thread.sleep(1_000);
    long duringPause = received.get() - pauseAt;
    requested.addAndGet(50);
    paused.request(50);
    ended.get(60, TimeUnit.SECONDS);
    long tookMillis = millisSince(start);
    long bytes = proxy.stats().bytesToClient() - bytesBefore;
    long firstRowMillis = TimeUnit.NANOSECONDS.toMillis(firstRowAt.get() - start);
    long bytesPerSecond = bytes * 1000 / tookMillis;

    assertEquals(total, received.get(), "every row arrived once");
    assertEquals(0, wrong.get(), "rows out of order or damaged");
    assertEquals(0, overDelivered.get(), "rows delivered beyond the demand");
    assertEquals(0, duringPause, "rows delivered while the subscriber asked for none");
    assertTrue(bytes > 300_000, "the result crossed the link: " + bytes + " bytes");
    assertTrue(bytesPerSecond <= BYTES_PER_SECOND * 5 / 4, "the link set the pace: " + bytesPerSecond + " B/s");
    assertTrue(firstRowMillis < tookMillis / 3, "the first rows came early: " + firstRowMillis + " of " + tookMillis + " ms");
    System.out.printf("slow link (64 KiB/s): %,d rows (%,d bytes) streamed in %,d ms, first row after %d ms, "
            + "%,d B/s, 0 rows during the pause, 0 beyond demand, 0 out of order%n",
        total, bytes, tookMillis, firstRowMillis, bytesPerSecond);
    await(connection.close());
  }

  /**
   * A statement timeout on the slow link fires on time, and the CancelRequest (a connection of its
   * own, through the same slow proxy) stops the statement on the server: the connection answers
   * again long before the statement's 30 s would be over, with no connection given up.
   */
  @Test
  void aStatementTimeoutFiresOnTimeAndItsCancelGetsThroughTheSlowLink() {
    PgPool pool = PgPool.create(viaProxy(), PoolOptions.defaults().maxSize(1));
    try {
      assertEquals(1, await(pool.query("SELECT 1")).one().getInt(0));
      proxy.set(Fault.bandwidth(BYTES_PER_SECOND));
      long start = System.nanoTime();
      PgException timeout = failsBy(pool.query(Query.of("SELECT pg_sleep(30)").timeout(STATEMENT_TIMEOUT)), start,
          STATEMENT_TIMEOUT.plus(SLACK), "a statement with a timeout on a slow link");
      long timedOutAfter = millisSince(start);
      assertInstanceOf(PgTimeoutException.class, timeout);
      assertEquals(SqlState.QUERY_CANCELED, timeout.sqlState());
      assertTrue(timedOutAfter >= STATEMENT_TIMEOUT.toMillis() - 20, "not before its timeout: " + timedOutAfter + " ms");

      long afterTimeout = System.nanoTime();
      assertEquals(2, await(pool.query("SELECT 2")).one().getInt(0));
      long answeredAfter = millisSince(afterTimeout);
      assertTrue(answeredAfter < CANCEL_TIMEOUT.plus(SLACK).toMillis(), "the sleep was cancelled: " + answeredAfter + " ms");
      assertEquals(0, serverRunning("SELECT pg_sleep"), "the server is no longer sleeping");
      PoolStats stats = pool.stats();
      assertEquals(1, stats.cancelsSent(), stats.toString());
      assertEquals(0, stats.discarded(), "the same connection goes on: " + stats);
      System.out.printf("slow link (64 KiB/s): statement timed out after %d ms; its cancel got through and the connection "
          + "answered again %d ms later (0 connections given up)%n", timedOutAfter, answeredAfter);
    } finally {
      await(pool.close());
    }
  }

  /** A caller's own cancel on the slow link: released at once, the statement stopped on the server, the connection kept. */
  @Test
  void aCallersCancelIsImmediateAndGetsThroughTheSlowLink() {
    PgConnection connection = TestConnections.connect(viaProxy());
    proxy.set(Fault.bandwidth(BYTES_PER_SECOND));
    var sleeping = connection.query("SELECT pg_sleep(30)");
    assertTrue(eventually(SLACK, () -> serverRunning("SELECT pg_sleep") == 1), "the server runs the statement");
    long start = System.nanoTime();
    assertTrue(sleeping.cancel(true));
    assertThrows(CancellationException.class, sleeping::join);
    long releasedAfter = millisSince(start);
    assertTrue(releasedAfter < 100, "the caller does not wait for the network: " + releasedAfter + " ms");
    assertEquals(3, await(connection.query("SELECT 3")).one().getInt(0));
    long answeredAfter = millisSince(start);
    assertTrue(answeredAfter < CANCEL_TIMEOUT.plus(SLACK).toMillis(), "the sleep was cancelled: " + answeredAfter + " ms");
    assertEquals(0, serverRunning("SELECT pg_sleep"), "the server is no longer sleeping");
    assertTrue(connection.isOpen());
    System.out.printf("slow link (64 KiB/s): a cancelled caller was released after %d ms; the connection answered again after %d ms%n",
        releasedAfter, answeredAfter);
    await(connection.close());
  }

  /**
   * A statement timeout in the middle of a large result on the slow link. The timeout fires on
   * time and the cancel reaches the server, but megabytes of rows are already on their way (in the
   * proxy and the sockets), which at 64 KiB/s would take far longer than the cancel timeout to
   * read: the driver gives the connection up at the cancel timeout instead, the command queued
   * behind fails with a class 08 error, and the pool serves again on a fresh connection.
   */
  @Test
  void aTimeoutMidResultGivesTheConnectionUpAtTheCancelTimeoutAndThePoolRecovers() {
    PgPool pool = PgPool.create(viaProxy(), PoolOptions.defaults().maxSize(1));
    try {
      assertEquals(1, await(pool.query("SELECT 1")).one().getInt(0));
      proxy.set(Fault.bandwidth(BYTES_PER_SECOND));
      Duration timeout = Duration.ofSeconds(1);
      long start = System.nanoTime();
      var big = pool.query(Query.of("SELECT g, md5(g::text) FROM generate_series(1, 2000000) g").timeout(timeout));
      PgException timedOut = failsBy(big, start, timeout.plus(SLACK), "a large result with a timeout on a slow link");
      long timedOutAfter = millisSince(start);
      assertInstanceOf(PgTimeoutException.class, timedOut);
      assertTrue(timedOutAfter >= timeout.toMillis() - 20, "not before its timeout: " + timedOutAfter + " ms");

      // behind the cancel on the only connection: it waits for the drain, and fails when the drain is cut short
      var behind = pool.query("SELECT 2");
      Duration givenUpBy = timeout.plus(CANCEL_TIMEOUT.multipliedBy(2)).plus(SLACK);
      PgException lost = connectionFailureBy(behind, start, givenUpBy, "a statement queued behind the cancelled result");
      assertTrue(eventually(SLACK, () -> pool.stats().discarded() == 1), "the pool discarded the connection: " + pool.stats());
      long givenUpAfter = millisSince(start);

      long recovering = System.nanoTime();
      assertEquals(3, await(pool.query("SELECT 3")).one().getInt(0));
      long recoveredAfter = millisSince(recovering);
      PoolStats stats = pool.stats();
      assertEquals(1, stats.size(), stats.toString());
      System.out.printf("slow link (64 KiB/s): timeout mid-result fired after %d ms; connection given up after %d ms "
              + "(cancel timeout %d ms; queued statement: %s); pool answered again %d ms later (%d created, %d discarded)%n",
          timedOutAfter, givenUpAfter, CANCEL_TIMEOUT.toMillis(), lost.sqlState(), recoveredAfter, stats.created(), stats.discarded());
    } finally {
      await(pool.close());
    }
  }

  /**
   * A link with 100 ms of latency each way (a 200 ms round trip). A hundred pipelined statements
   * take about one round trip, not a hundred. Statement timeouts shorter than the round trip fire
   * on time, and the CancelRequest that follows (200 ms on its way, too) lands wherever the
   * statement then is: still running (cancelled), or already over (the server ignores it). Either
   * way the statement issued right after the timeout — held until the cancel is settled — gets its
   * own answer, never the cancel.
   */
  @Test
  void onAHighLatencyLinkPipeliningSavesTheRoundTripsAndLateCancelsHitNobody() {
    Duration oneWay = Duration.ofMillis(100);
    PgConnection connection = TestConnections.connect(viaProxy());
    proxy.set(Fault.latency(oneWay));
    long start = System.nanoTime();
    List<CompletableFuture<RowSet>> pipelined = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      pipelined.add(connection.query("SELECT $1::int", i));
    }
    for (int i = 0; i < pipelined.size(); i++) {
      assertEquals(i, await(pipelined.get(i)).one().getInt(0));
    }
    long pipelineMillis = millisSince(start);
    long roundTrip = oneWay.multipliedBy(2).toMillis();
    assertTrue(pipelineMillis < 10 * roundTrip, "100 statements in about one round trip, not 100: " + pipelineMillis + " ms");

    Duration timeout = Duration.ofMillis(100);
    List<String> outcomes = new ArrayList<>();
    for (String sleep : List.of("0.05", "0.15", "0.3", "1")) {
      long sent = System.nanoTime();
      PgException timedOut = failsBy(connection.query(Query.of("SELECT pg_sleep(" + sleep + ")").timeout(timeout)), sent,
          timeout.plus(SLACK), "a statement timing out before its answer could come back");
      long timedOutAfter = millisSince(sent);
      assertInstanceOf(PgTimeoutException.class, timedOut);
      assertTrue(timedOutAfter >= timeout.toMillis() - 20, "not before its timeout: " + timedOutAfter + " ms");
      // issued at once: it waits for the cancel to settle, and must get its own answer
      assertEquals(4, await(connection.query("SELECT 4")).one().getInt(0), "the statement after a cancel of pg_sleep(" + sleep + ")");
      outcomes.add("pg_sleep(" + sleep + "): timed out after " + timedOutAfter + " ms, next answered after " + millisSince(sent) + " ms");
    }
    assertTrue(connection.isOpen());
    System.out.printf("high latency (100 ms each way): 100 pipelined statements in %d ms (round trip %d ms); %s; "
        + "misdirected cancels 0%n", pipelineMillis, roundTrip, String.join("; ", outcomes));
    await(connection.close());
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
