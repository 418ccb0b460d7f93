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
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TestConnections;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import dev.tusk.testkit.fault.CutStyle;
import dev.tusk.testkit.fault.Fault;
import dev.tusk.testkit.fault.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A black-holed server: the network goes silent (no data, no FIN, no RST), the failure TCP alone
 * notices only after hours. Statements with a timeout must fail on time; the cancel that follows
 * goes into the same silence, and must be bounded by the cancel timeout, after which the
 * connection is given up. A pool must mark those connections broken, throw them away, and serve
 * again as soon as the route is restored.
 */
@ExtendWith(PostgresExtension.class)
class BlackHoleIT {
  private static final String APPLICATION = "black-hole";
  private static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(500);
  private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** Slack on every bound: generous, so a slow CI machine never fails a correct driver. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  private final PostgresServer server;
  private FaultProxy proxy;
  private PgConnection observer;

  BlackHoleIT(PostgresServer server) {
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
        .withConnectTimeout(CONNECT_TIMEOUT)
        .withCancelTimeout(CANCEL_TIMEOUT);
  }

  @Test
  void aStatementTimeoutFiresOnTimeAndTheCancelIntoTheSilenceIsBounded() {
    PgConnection connection = TestConnections.connect(viaProxy());
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0));
    proxy.set(Fault.blackHole());

    long start = System.nanoTime();
    var timed = connection.query(Query.of("SELECT $1::int", 2).timeout(STATEMENT_TIMEOUT));
    // pipelined behind it, with a longer timeout of its own: when it times out too, every command
    // on the wire is abandoned, and a cancel can go out without hitting anyone else's work
    var behind = connection.query(Query.of("SELECT 3").timeout(STATEMENT_TIMEOUT.multipliedBy(2)));
    PgException timeout = failsBy(timed, start, STATEMENT_TIMEOUT.plus(SLACK), "a statement on a silent route");
    long timedOutAfter = millisSince(start);
    assertInstanceOf(PgTimeoutException.class, timeout);
    assertEquals(SqlState.QUERY_CANCELED, timeout.sqlState());
    assertTrue(timedOutAfter >= STATEMENT_TIMEOUT.toMillis() - 20, "not before its timeout: " + timedOutAfter + " ms");

    PgException second = failsBy(behind, start, STATEMENT_TIMEOUT.multipliedBy(2).plus(SLACK), "the command behind it");
    assertInstanceOf(PgTimeoutException.class, second);

    // The cancel request goes into the silence too; after the cancel timeout the connection is
    // given up, and whatever comes next fails with a connection error.
    var next = connection.query("SELECT 5");
    assertTrue(eventually(CANCEL_TIMEOUT.plus(SLACK), () -> !connection.isOpen()), "the connection is given up");
    long givenUpAfter = millisSince(start);
    assertTrue(givenUpAfter >= STATEMENT_TIMEOUT.multipliedBy(2).plus(CANCEL_TIMEOUT).toMillis() - 20,
        "the cancel was given its full timeout: " + givenUpAfter + " ms");
    PgException lost = connectionFailureBy(next, start, STATEMENT_TIMEOUT.multipliedBy(2).plus(CANCEL_TIMEOUT).plus(SLACK),
        "a command queued while the cancel was under way");
    System.out.printf("black hole: statement timed out after %d ms, connection given up after %d ms (%s)%n",
        timedOutAfter, givenUpAfter, lost.getMessage());

    proxy.restore();
    PgConnection fresh = TestConnections.connect(viaProxy());
    assertEquals(4, await(fresh.query("SELECT 4")).one().getInt(0));
    await(fresh.close());
  }

  @Test
  void aCallerWhoCancelsOnASilentRouteIsReleasedAtOnceAndTheConnectionIsGivenUpInBoundedTime() throws Exception {
    PgConnection connection = TestConnections.connect(viaProxy());
    proxy.set(Fault.blackHole());
    var running = connection.query("SELECT pg_sleep(10)");
    Thread.sleep(100);
    long start = System.nanoTime();
    assertTrue(running.cancel(true));
    assertThrows(CancellationException.class, running::join);
    assertTrue(millisSince(start) < 100, "the caller does not wait for the network");
    assertTrue(eventually(CANCEL_TIMEOUT.plus(SLACK), () -> !connection.isOpen()),
        "the connection is given up once the cancel is not acknowledged");
    System.out.printf("black hole: a cancelled connection was given up after %d ms%n", millisSince(start));
  }

  @Test
  void aConnectIntoTheSilenceFailsAtTheConnectTimeout() {
    proxy.set(Fault.blackHole());
    long start = System.nanoTime();
    PgException failure = connectionFailureBy(PgConnection.connect(viaProxy()), start, CONNECT_TIMEOUT.plus(SLACK), "a connect");
    assertInstanceOf(PgTimeoutException.class, failure);
    assertTrue(millisSince(start) >= CONNECT_TIMEOUT.toMillis() - 20);
  }

  @Test
  void aPoolDiscardsItsBlackHoledConnectionsAndRecoversWhenTheRouteIsRestored() throws Exception {
    // every statement has a timeout (BEGIN and COMMIT included): without one, a silent route is
    // only noticed when TCP gives up, hours later
    PgPool pool = PgPool.create(viaProxy().withQueryTimeout(STATEMENT_TIMEOUT),
        PoolOptions.defaults().maxSize(4).acquireTimeout(Duration.ofSeconds(5)));
    try {
      // four connections open and idle
      List<CompletableFuture<?>> warm = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        warm.add(pool.withConnection(c -> c.query("SELECT pg_sleep(0.2)")));
      }
      warm.forEach(TestConnections::await);
      assertEquals(4, pool.stats().size());

      proxy.set(Fault.blackHole());
      long start = System.nanoTime();
      List<CompletableFuture<?>> during = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        during.add(i % 2 == 0
            ? pool.query(Query.of("SELECT $1::int", i).timeout(STATEMENT_TIMEOUT))
            : pool.withTransaction(c -> c.query(Query.of("SELECT $1::int", 0).timeout(STATEMENT_TIMEOUT))));
      }
      Duration bound = STATEMENT_TIMEOUT.plus(CANCEL_TIMEOUT).plus(CONNECT_TIMEOUT).plus(SLACK);
      int timeouts = 0;
      for (var future : during) {
        PgException failure = failsBy(future, start, bound, "a statement through the pool on a silent route");
        assertTrue(failure.isQueryCanceled() || failure.isConnectionFailure() || SqlState.TOO_MANY_CONNECTIONS.equals(failure.sqlState()),
            failure.sqlState() + " " + failure.getMessage());
        timeouts += failure instanceof PgTimeoutException ? 1 : 0;
      }
      long failedAfter = millisSince(start);
      assertTrue(timeouts > 0, "statements timed out");
      assertTrue(eventually(CANCEL_TIMEOUT.plus(SLACK), () -> pool.stats().discarded() >= 4),
          "the pool discarded the connections that went silent: " + pool.stats());
      PoolStats broken = pool.stats();
      assertEquals(0, broken.inUse(), broken.toString());

      proxy.restore();
      long restored = System.nanoTime();
      assertEquals(7, await(pool.query("SELECT 7")).one().getInt(0));
      long firstAnswer = millisSince(restored);
      List<CompletableFuture<?>> after = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        after.add(pool.withTransaction(c -> c.query("SELECT $1::int", n)));
      }
      after.forEach(TestConnections::await);
      PoolStats recovered = pool.stats();
      System.out.printf("black hole: pool failed 12 statements within %d ms (%d timeouts, %d cancels sent), "
          + "discarded %d connections, answered %d ms after the route came back; %s%n",
          failedAfter, timeouts, broken.cancelsSent(), broken.discarded(), firstAnswer, recovered);
      assertTrue(firstAnswer < SLACK.toMillis(), "the pool serves as soon as the route is back");
    } finally {
      proxy.cutAll(CutStyle.RESET);
      await(pool.close());
    }
  }

  @Test
  void aPoolNoticesAConnectionThatBrokeUnderAStatementWithoutAnotherCallerPayingForIt() {
    PgPool pool = PgPool.create(viaProxy(), PoolOptions.defaults().maxSize(1));
    try {
      assertEquals(1, await(pool.query("SELECT 1")).one().getInt(0));
      var sleeping = pool.query("SELECT pg_sleep(3)");
      assertTrue(eventually(SLACK, () -> proxy.stats().open() == 1));
      proxy.cutAll(CutStyle.RESET);
      PgException lost = failure(sleeping);
      assertTrue(lost.isConnectionFailure(), lost.getMessage());
      // the broken connection leaves the pool at once, not when the next caller stumbles on it
      assertTrue(eventually(SLACK, () -> pool.stats().discarded() == 1 && pool.stats().size() == 0), pool.stats().toString());
      assertEquals(2, await(pool.query("SELECT 2")).one().getInt(0));
    } finally {
      await(pool.close());
    }
  }
}
