package dev.tusk.driver.reliability;

import static dev.tusk.driver.TestConnections.*;
import static dev.tusk.driver.reliability.Outcomes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.PoolStats;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TestConnections;
import dev.tusk.testkit.EmbeddedPostgres;
import dev.tusk.testkit.PostgresServer;
import dev.tusk.testkit.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The server restarts under load: a cluster of its own (the shared test server must not go away)
 * is stopped as an administrator would ({@code pg_ctl stop -m fast}) while sixteen callers keep a
 * pool of eight busy, stays down for two seconds, and comes back on the same port. Work in flight
 * must fail with typed errors, no caller may hang, and the pool must be back to its configured
 * size within five seconds of the server's return.
 */
class ServerRestartIT {
  private static final String APPLICATION = "restart";
  private static final int POOL_SIZE = 8;
  private static final int CALLERS = 16;
  /** A caller waiting longer than this for one operation counts as hung. */
  private static final Duration HANG = Duration.ofSeconds(20);
  private static final Duration REFILL_BOUND = Duration.ofSeconds(5);

  private static EmbeddedPostgres embedded;

  @BeforeAll
  static void startOwnServer() {
    embedded = EmbeddedPostgres.start(TestPostgres.requestedMajorVersion());
  }

  @AfterAll
  static void stopOwnServer() {
    embedded.close();
  }

  /** What the callers saw, counted by outcome; failures by SQLSTATE. */
  private static final class Tally {
    final LongAdder succeeded = new LongAdder();
    final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    final LongAdder untyped = new LongAdder();
    final LongAdder hangs = new LongAdder();
    final AtomicLong firstSuccessAfterReturnNanos = new AtomicLong();
    volatile long returnedAtNanos = Long.MAX_VALUE;

    void succeeded() {
      succeeded.increment();
      long now = System.nanoTime();
      if (now > returnedAtNanos) {
        firstSuccessAfterReturnNanos.compareAndSet(0, now);
      }
    }

    long failed() {
      return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }
  }

  @RepeatedTest(3)
  void inFlightWorkFailsCleanlyNoCallerHangsAndThePoolRefillsWithinFiveSecondsOfTheServersReturn() throws Exception {
    PostgresServer server = embedded.server();
    var connectOptions = options(server).withServerSetting("application_name", APPLICATION)
        .withConnectTimeout(Duration.ofSeconds(2))
        .withQueryTimeout(Duration.ofSeconds(5));
    PgPool pool = PgPool.create(connectOptions, PoolOptions.defaults().maxSize(POOL_SIZE).minIdle(POOL_SIZE)
        .acquireTimeout(Duration.ofSeconds(2)));
    var tally = new Tally();
    var running = new AtomicBoolean(true);
    List<Thread> callers = new ArrayList<>();
    try {
      assertTrue(eventually(Duration.ofSeconds(10), () -> pool.stats().size() == POOL_SIZE), "the pool filled to minIdle");
      await(pool.execute("CREATE TABLE IF NOT EXISTS restart_load (caller int, n int)"));
      for (int c = 0; c < CALLERS; c++) {
        int caller = c;
        callers.add(Thread.ofVirtual().name("restart-caller-" + c).start(() -> work(pool, caller, running, tally)));
      }

      Thread.sleep(1500);
      long succeededBefore = tally.succeeded.sum();
      long stopping = System.nanoTime();
      embedded.stop();
      long stoppedAfter = millisSince(stopping);
      Thread.sleep(2000);
      embedded.restart();
      long returned = System.nanoTime();
      tally.returnedAtNanos = returned;

      PgConnection observer = TestConnections.connect(server);
      try {
        boolean refilled = eventually(REFILL_BOUND.plusSeconds(10), () -> {
          PoolStats stats = pool.stats();
          return stats.size() == POOL_SIZE && serverConnections(observer, APPLICATION) == POOL_SIZE;
        });
        long refilledAfter = millisSince(returned);
        Thread.sleep(1500);
        running.set(false);
        for (Thread thread : callers) {
          assertTrue(thread.join(HANG.plusSeconds(5)), thread.getName() + " ended");
        }

        PoolStats stats = pool.stats();
        long firstSuccess = tally.firstSuccessAfterReturnNanos.get() == 0 ? -1
            : TimeUnit.NANOSECONDS.toMillis(tally.firstSuccessAfterReturnNanos.get() - returned);
        System.out.printf("restart: %d operations succeeded (%d before the stop), %d failed %s, %d untyped, %d hung; "
                + "stop took %d ms; first success %d ms and pool refilled to %d in %d ms after the server's return; %s%n",
            tally.succeeded.sum(), succeededBefore, tally.failed(), tally.failures, tally.untyped.sum(), tally.hangs.sum(),
            stoppedAfter, firstSuccess, POOL_SIZE, refilledAfter, stats);

        assertEquals(0, tally.hangs.sum(), "no caller hung");
        assertEquals(0, tally.untyped.sum(), "every failure was a PgException");
        assertTrue(tally.failed() > 0, "the restart was felt");
        assertTrue(succeededBefore > 0 && firstSuccess >= 0, "work succeeded before the stop and after the return");
        assertTrue(refilled && refilledAfter <= REFILL_BOUND.toMillis(),
            "the pool was back to " + POOL_SIZE + " connections " + refilledAfter + " ms after the server's return");
        assertTrue(eventually(Duration.ofSeconds(5), () -> pool.stats().inUse() == 0), pool.stats().toString());
        assertEquals(0, await(observer.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 "
            + "AND state LIKE 'idle in transaction%'", APPLICATION)).one().getLong(0));
      } finally {
        await(observer.close());
      }
    } finally {
      running.set(false);
      await(pool.close());
    }
  }

  @Test
  void anIdlePoolReplacesItsConnectionsAfterARestartBeforeAnyCallerNeedsThem() throws Exception {
    PostgresServer server = embedded.server();
    String application = APPLICATION + "-idle";
    var connectOptions = options(server).withServerSetting("application_name", application)
        .withConnectTimeout(Duration.ofSeconds(2));
    PgPool pool = PgPool.create(connectOptions, PoolOptions.defaults().maxSize(POOL_SIZE).minIdle(4));
    try {
      assertTrue(eventually(Duration.ofSeconds(10), () -> pool.stats().size() == 4), "the pool filled to minIdle");
      embedded.stop();
      Thread.sleep(1000);
      embedded.restart();
      long returned = System.nanoTime();
      PgConnection observer = TestConnections.connect(server);
      try {
        boolean refilled = eventually(REFILL_BOUND.plusSeconds(10), () -> serverConnections(observer, application) == 4);
        long refilledAfter = millisSince(returned);
        System.out.printf("restart: an idle pool was back to 4 live connections %d ms after the server's return; %s%n",
            refilledAfter, pool.stats());
        assertTrue(refilled && refilledAfter <= REFILL_BOUND.toMillis(),
            "the idle pool had 4 live connections again " + refilledAfter + " ms after the server's return");
      } finally {
        await(observer.close());
      }
      // and no caller pays for a connection that died while idle
      for (int i = 0; i < 4; i++) {
        assertEquals(i, await(pool.query("SELECT $1::int", i)).one().getInt(0));
      }
      assertEquals(4, pool.stats().discarded(), "the four dead connections were discarded: " + pool.stats());
    } finally {
      await(pool.close());
    }
  }

  /** One caller: transactions and shared statements, back to back, each bounded; failures counted. */
  private static void work(PgPool pool, int caller, AtomicBoolean running, Tally tally) {
    for (int n = 0; running.get(); n++) {
      int value = n;
      var operation = n % 3 == 0
          ? pool.query("SELECT count(*) FROM restart_load WHERE caller = $1", caller)
          : pool.withTransaction(c -> c.execute("INSERT INTO restart_load VALUES ($1, $2)", caller, value)
              .thenCompose(inserted -> c.query("SELECT pg_sleep(0.005)")));
      try {
        operation.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
        tally.succeeded();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof PgException failure) {
          tally.failures.computeIfAbsent(failure.sqlState(), state -> new LongAdder()).increment();
          assertTypical(failure);
        } else {
          tally.untyped.increment();
        }
        pause();
      } catch (TimeoutException e) {
        tally.hangs.increment();
        System.out.println("restart: HUNG " + (n % 3 == 0 ? "query" : "transaction") + " " + operation + "; " + pool.stats());
        operation.cancel(true);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** What a restart may legitimately cause: connection errors, the shutdown itself, startup refusals, acquire timeouts. */
  private static void assertTypical(PgException failure) {
    String state = failure.sqlState();
    boolean typical = failure.isConnectionFailure() || SqlState.ADMIN_SHUTDOWN.equals(state) || SqlState.CANNOT_CONNECT_NOW.equals(state)
        || SqlState.TOO_MANY_CONNECTIONS.equals(state);
    if (!typical) {
      System.out.println("restart: unexpected failure " + state + " " + failure.getMessage());
    }
  }

  /** A failing caller backs off briefly, as a real one would, instead of spinning on refused connects. */
  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
