package dev.tusk.driver.pool;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.PoolStats;
import dev.tusk.driver.PooledConnection;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TestConnections;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pool's lending rules: clean returns, limits, lifetimes, exhaustion and close. */
@ExtendWith(PostgresExtension.class)
class PoolIT {
  private final PostgresServer server;
  private final List<PgPool> pools = new ArrayList<>();

  PoolIT(PostgresServer server) {
    this.server = server;
  }

  private PgPool pool(PoolOptions poolOptions) {
    PgPool pool = PgPool.create(options(server), poolOptions);
    pools.add(pool);
    return pool;
  }

  @AfterEach
  void closePools() {
    pools.forEach(pool -> await(pool.close()));
  }

  @Test
  void aReleasedConnectionIsRolledBackResetAndReused() {
    PgPool pool = pool(PoolOptions.defaults().maxSize(1));
    PooledConnection first = await(pool.acquire());
    int pid = first.processId();
    await(first.simpleQuery("SET search_path = pg_catalog; CREATE TEMP TABLE scratch (n int); LISTEN somewhere"));
    await(first.execute("BEGIN"));
    await(first.release());
    PooledConnection second = await(pool.acquire());
    assertEquals(pid, second.processId(), "the same connection, reused");
    assertEquals(TransactionStatus.IDLE, second.transactionStatus());
    assertEquals("\"$user\", public", await(second.query("SHOW search_path")).one().getString(0));
    assertEquals(0, await(second.query("SELECT count(*) FROM pg_class WHERE relname = 'scratch'")).one().getLong(0));
    assertEquals(0, await(second.query("SELECT count(*) FROM pg_listening_channels()")).one().getLong(0));
    await(second.release());
  }

  @Test
  void aReleasedConnectionCannotBeUsed() {
    PgPool pool = pool(PoolOptions.defaults().maxSize(1));
    PooledConnection connection = await(pool.acquire());
    await(connection.release());
    PgException failure = failure(connection.query("SELECT 1"));
    assertEquals(SqlState.CONNECTION_DOES_NOT_EXIST, failure.sqlState());
    assertFalse(connection.isOpen());
  }

  @Test
  void anExhaustedPoolTimesOutAndAFullWaitQueueFailsFastThenThePoolRecovers() {
    PgPool pool = pool(PoolOptions.defaults().maxSize(2).maxWaiting(1).acquireTimeout(Duration.ofMillis(300)));
    PooledConnection a = await(pool.acquire());
    PooledConnection b = await(pool.acquire());
    var waiting = pool.acquire();
    PgException full = failure(pool.acquire());
    assertEquals(SqlState.TOO_MANY_CONNECTIONS, full.sqlState());
    assertTrue(full.getMessage().contains("wait queue is full"), full.getMessage());
    PgException timedOut = failure(waiting);
    assertInstanceOf(PgTimeoutException.class, timedOut);
    assertEquals(SqlState.TOO_MANY_CONNECTIONS, timedOut.sqlState());
    PoolStats stats = pool.stats();
    assertEquals(1, stats.acquireTimeouts());
    assertEquals(1, stats.rejectedAcquires());
    await(a.release());
    await(b.release());
    assertEquals(1, await(pool.query("SELECT 1")).one().getInt(0), "the pool recovers");
    assertEquals(2, pool.stats().size());
    assertEquals(0, pool.stats().waiting());
  }

  @Test
  void aCancelledAcquireGivesTheConnectionBackWhenItArrives() throws Exception {
    PgPool pool = pool(PoolOptions.defaults().maxSize(1));
    PooledConnection held = await(pool.acquire());
    var waiting = pool.acquire();
    assertTrue(waiting.cancel(true));
    await(held.release());
    PooledConnection next = await(pool.acquire());
    assertNotNull(next);
    await(next.release());
    assertEquals(1, pool.stats().idle());
    assertEquals(0, pool.stats().inUse());
  }

  @Test
  void sharedStatementsSpreadOverConnectionsAndPipeline() throws Exception {
    PgPool pool = pool(PoolOptions.defaults().maxSize(4).minIdle(4));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.stats().idle() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<CompletableFuture<Integer>> pids = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      pids.add(pool.query("SELECT pg_backend_pid()").thenApply(rows -> rows.one().getInt(0)));
    }
    long distinct = pids.stream().map(CompletableFuture::join).distinct().count();
    assertEquals(4, distinct, "the statements used every connection");
    assertEquals(4, pool.stats().size());
  }

  @Test
  void aSharedStatementThatOpensATransactionFailsAndIsRolledBack() {
    PgPool pool = pool(PoolOptions.defaults().maxSize(1));
    PgException failure = failure(pool.execute("BEGIN"));
    assertEquals(SqlState.ACTIVE_SQL_TRANSACTION, failure.sqlState());
    PooledConnection connection = await(pool.acquire());
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
    await(connection.release());
  }

  @Test
  void aConnectionKilledWhileIdleIsReplacedOnBorrow() {
    PgPool pool = pool(PoolOptions.defaults().maxSize(1).validationThreshold(Duration.ZERO));
    PooledConnection first = await(pool.acquire());
    int pid = first.processId();
    await(first.release());
    PgConnection admin = TestConnections.connect(options(server));
    try {
      await(admin.query("SELECT pg_terminate_backend($1)", pid));
    } finally {
      await(admin.close());
    }
    PooledConnection second = await(pool.acquire());
    assertNotEquals(pid, second.processId());
    assertEquals(1, await(second.query("SELECT 1")).one().getInt(0));
    await(second.release());
    assertEquals(1, pool.stats().discarded());
  }

  @Test
  void connectionsAreRetiredAfterTheirLifetimeAndIdleTimeout() throws Exception {
    PgPool pool = pool(PoolOptions.defaults().maxSize(2).maxLifetime(Duration.ofMillis(400), Duration.ofMillis(100))
        .idleTimeout(Duration.ofMillis(400)));
    int pid = await(pool.withConnection(c -> CompletableFuture.completedFuture(c.processId())));
    Thread.sleep(1500);
    int later = await(pool.withConnection(c -> CompletableFuture.completedFuture(c.processId())));
    assertNotEquals(pid, later, "the first connection was retired");
    assertTrue(pool.stats().closed() >= 1);
  }

  @Test
  void minIdleConnectionsAreOpenedInTheBackground() throws Exception {
    PgPool pool = pool(PoolOptions.defaults().maxSize(5).minIdle(3));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.stats().idle() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(3, pool.stats().idle());
  }

  @Test
  void closeWaitsForBorrowedConnectionsThenClosesThem() {
    PgPool pool = PgPool.create(options(server), PoolOptions.defaults().maxSize(2).closeTimeout(Duration.ofMillis(300)));
    PooledConnection kept = await(pool.acquire());
    long start = System.nanoTime();
    await(pool.close());
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250), "waited for the borrowed connection");
    assertFalse(kept.isOpen());
    PgException closed = failure(pool.acquire());
    assertEquals(SqlState.CONNECTION_DOES_NOT_EXIST, closed.sqlState());
  }

  @Test
  void cancellingWithConnectionWhileItsQueryRunsReturnsTheConnectionClean() throws Exception {
    PgPool pool = pool(PoolOptions.defaults().maxSize(1));
    var running = pool.withTransaction(c -> c.execute("CREATE TEMP TABLE t (n int)").thenCompose(n -> c.query("SELECT pg_sleep(30)")));
    Thread.sleep(300);
    running.cancel(true);
    assertThrows(CancellationException.class, running::join);
    PooledConnection next = await(pool.acquire());
    assertEquals(TransactionStatus.IDLE, next.transactionStatus());
    assertEquals(1, await(next.query("SELECT 1")).one().getInt(0));
    await(next.release());
    assertTrue(pool.stats().cancelsSent() >= 1);
  }
  /**
   * A shared statement picks an idle connection and is queued on it a moment later; a borrower
   * that takes that connection in between must not find the statement running inside its own
   * transaction (it did: the statement failed with 25001 and rolled the borrower's work back).
   */
  @Test
  void sharedStatementsNeverRunInsideABorrowersTransaction() {
    PgPool pool = pool(PoolOptions.defaults().maxSize(2));
    await(pool.execute("CREATE TABLE IF NOT EXISTS shared_vs_borrowed (chain int, n int)"));
    await(pool.execute("TRUNCATE shared_vs_borrowed"));
    int chains = 8;
    int rounds = 200;
    var runs = new ArrayList<CompletableFuture<Void>>();
    for (int chain = 0; chain < chains; chain++) {
      int id = chain;
      CompletableFuture<Void> run = CompletableFuture.completedFuture(null);
      for (int round = 0; round < rounds; round++) {
        int n = round;
        // chained on the event loop: the borrower's BEGIN is issued from a completion callback
        run = run.thenCompose(ignored -> pool.withTransaction(c -> c.execute("INSERT INTO shared_vs_borrowed VALUES ($1, $2)", id, n)))
            .thenApply(ignored -> null);
      }
      runs.add(run);
    }
    // while other threads keep issuing shared statements
    for (int thread = 0; thread < 4; thread++) {
      runs.add(CompletableFuture.runAsync(() -> {
        for (int n = 0; n < rounds * 2; n++) {
          await(pool.query("SELECT $1::int", n));
        }
      }, Executors.newVirtualThreadPerTaskExecutor()));
    }
    await(CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)));
    assertEquals((long) chains * rounds, await(pool.query("SELECT count(*) FROM shared_vs_borrowed")).one().getLong(0),
        "every borrower's transaction committed");
    await(pool.execute("DROP TABLE shared_vs_borrowed"));
  }
  /** A pool closed while it still opens connections (minIdle) completes its close once they are done. */
  @Test
  void closingWhileConnectionsAreStillBeingOpenedCompletes() {
    for (int round = 0; round < 5; round++) {
      PgPool pool = PgPool.create(options(server), PoolOptions.defaults().maxSize(4).minIdle(4));
      // the connects are under way: close must wait for them and then complete, not hang
      await(pool.close());
      assertEquals(0, pool.stats().size(), pool.stats().toString());
    }
  }

  /** The default reset keeps the connection's prepared statements; {@code DISCARD_ALL} drops them and the cache follows. */
  @Test
  void theDefaultResetKeepsPreparedStatementsAndDiscardAllDropsThem() {
    for (var mode : List.of(PoolOptions.Reset.AUTO, PoolOptions.Reset.DISCARD_ALL)) {
      PgPool pool = pool(PoolOptions.defaults().maxSize(1).reset(mode));
      PooledConnection first = await(pool.acquire());
      assertEquals(7, await(first.query("SELECT $1::int + 0", 7)).one().getInt(0));
      assertTrue(preparedStatements(first) > 0, "the statement was prepared by name");
      await(first.release());
      PooledConnection second = await(pool.acquire());
      long kept = preparedStatements(second);
      if (mode == PoolOptions.Reset.AUTO) {
        assertTrue(kept > 0, "AUTO keeps prepared statements");
      } else {
        assertEquals(0, kept, "DISCARD ALL dropped them");
      }
      // the connection's statement cache agrees with the server: the same statement runs again
      assertEquals(8, await(second.query("SELECT $1::int + 0", 8)).one().getInt(0), mode.toString());
      assertEquals(TransactionStatus.IDLE, second.transactionStatus());
      await(second.release());
      assertEquals(0, pool.stats().discarded(), mode + ": the reset did not cost the connection");
    }
  }

  private static long preparedStatements(PooledConnection connection) {
    // the counting query may be a prepared statement itself: count only the one under test
    return await(connection.query("SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1::int + 0'"))
        .one().getLong(0);
  }

  /** {@code ALWAYS} resets what the pool cannot see change, such as a setting changed through set_config. */
  @Test
  void resetAlwaysUndoesChangesThePoolDidNotSee() {
    PgPool pool = pool(PoolOptions.defaults().maxSize(1).reset(PoolOptions.Reset.ALWAYS));
    PooledConnection first = await(pool.acquire());
    String original = await(first.query("SHOW work_mem")).one().getString(0);
    await(first.query("SELECT set_config('work_mem', '1234kB', false)"));
    await(first.release());
    PooledConnection second = await(pool.acquire());
    assertEquals(first.processId(), second.processId());
    assertEquals(original, await(second.query("SHOW work_mem")).one().getString(0));
    await(second.release());
  }

  /** Every completed acquire lands in the histogram, a slow one in a slow bucket. */
  @Test
  void acquireTimesAreRecordedInTheHistogram() throws Exception {
    PgPool pool = pool(PoolOptions.defaults().maxSize(1));
    int quick = 20;
    for (int i = 0; i < quick; i++) {
      await(await(pool.acquire()).release());
    }
    PooledConnection held = await(pool.acquire());
    var waiting = pool.acquire();
    Thread.sleep(600);
    await(held.release());
    await(await(waiting).release());
    List<PoolStats.Bucket> buckets = pool.stats().acquireTimes();
    assertEquals(quick + 2, buckets.stream().mapToLong(PoolStats.Bucket::count).sum(), buckets.toString());
    long slow = buckets.stream().filter(b -> b.upperBound().compareTo(Duration.ofMillis(500)) > 0)
        .mapToLong(PoolStats.Bucket::count).sum();
    assertTrue(slow >= 1, "the acquire that waited 600 ms is in a bucket above 500 ms: " + buckets);
    for (int i = 1; i < buckets.size(); i++) {
      assertTrue(buckets.get(i).upperBound().compareTo(buckets.get(i - 1).upperBound()) > 0, "bounds ascend");
    }
  }

  /** An acquire cancelled while its connection is still being opened: the connection joins the idle set. */
  @Test
  void anAcquireCancelledWhileConnectingLeavesTheNewConnectionIdle() throws Exception {
    PgPool pool = pool(PoolOptions.defaults().maxSize(1));
    var acquiring = pool.acquire();
    assertTrue(acquiring.cancel(true), "cancelled before the connection was open");
    assertThrows(CancellationException.class, acquiring::join);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((pool.stats().connecting() > 0 || pool.stats().idle() < 1) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    PoolStats stats = pool.stats();
    assertEquals(1, stats.created(), stats.toString());
    assertEquals(1, stats.idle(), stats.toString());
    assertEquals(0, stats.inUse(), stats.toString());
    assertEquals(0, stats.waiting(), stats.toString());
    PooledConnection next = await(pool.acquire());
    assertEquals(1, await(next.query("SELECT 1")).one().getInt(0));
    await(next.release());
    assertEquals(1, pool.stats().created(), "the connection opened for the cancelled acquire was reused");
  }

  /**
   * A shared statement issued from a completion callback runs on a connection of the caller's own
   * event loop, so the chain never hops threads.
   */
  @Test
  void aSharedStatementFromACallbackStaysOnTheCallersEventLoop() throws Exception {
    PgPool pool = pool(PoolOptions.defaults().maxSize(4).minIdle(4));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pool.stats().idle() < 4 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    // which event loops the four connections live on: each completes a short sleep on its own
    var borrowed = new ArrayList<PooledConnection>();
    var loops = new java.util.HashSet<String>();
    for (int i = 0; i < 4; i++) {
      borrowed.add(await(pool.acquire()));
    }
    for (PooledConnection connection : borrowed) {
      loops.add(await(connection.query("SELECT pg_sleep(0.05)").thenApply(rows -> Thread.currentThread().getName())));
      await(connection.release());
    }
    assumeTrue(loops.size() > 1, "the pool's connections share one event loop: nothing to prefer");
    Thread testThread = Thread.currentThread();
    int rounds = 200;
    int onALoop = 0;
    int sameThread = 0;
    for (int i = 0; i < rounds; i++) {
      // null when the first statement had completed before its callback was attached (ran here)
      Boolean stayed = await(pool.query("SELECT 1").thenCompose(rows -> {
        Thread caller = Thread.currentThread();
        if (caller == testThread) {
          return CompletableFuture.completedFuture((Boolean) null);
        }
        return pool.query("SELECT 2").thenApply(next -> Thread.currentThread() == caller);
      }));
      if (stayed != null) {
        onALoop++;
        sameThread += stayed ? 1 : 0;
      }
    }
    assertTrue(onALoop > rounds / 2, "most callbacks ran on an event loop");
    assertEquals(onALoop, sameThread, "every follow-up statement completed on its caller's event loop");
  }

  /**
   * A shared statement avoids a connection still draining a cancelled statement: there it would
   * wait for the server to finish (on a slow or dead link, up to the cancel timeout). The link is
   * slowed to 400 ms each way so that the drain lasts long enough to be seen.
   */
  @Test
  void aSharedStatementAvoidsAConnectionDrainingACancel() throws Exception {
    try (var proxy = dev.tusk.testkit.fault.FaultProxy.start(server.host(), server.port())) {
      PgPool pool = PgPool.create(options(server).withHost(proxy.host(), proxy.port()),
          PoolOptions.defaults().maxSize(2).minIdle(2));
      pools.add(pool);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (pool.stats().idle() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      proxy.set(dev.tusk.testkit.fault.Fault.latency(Duration.ofMillis(400)));
      var timedOut = pool.query(dev.tusk.driver.Query.of("SELECT pg_sleep(10)").timeout(Duration.ofMillis(100)));
      assertInstanceOf(PgTimeoutException.class, failure(timedOut));
      // its connection now drains: the CancelRequest and the server's answer each take 400 ms
      Thread.sleep(100);
      int ranOn = await(pool.query("SELECT pg_backend_pid()")).one().getInt(0);
      proxy.restore();
      PooledConnection first = await(pool.acquire());
      PooledConnection second = await(pool.acquire());
      PooledConnection cancelled = ((PooledSession) first).core().cancelsSent() > 0 ? first : second;
      PooledConnection other = cancelled == first ? second : first;
      assertEquals(1, ((PooledSession) cancelled).core().cancelsSent(), "the timed-out statement was cancelled");
      assertEquals(other.processId(), ranOn, "the statement ran on the connection that was not draining");
      await(first.release());
      await(second.release());
    }
  }
}
