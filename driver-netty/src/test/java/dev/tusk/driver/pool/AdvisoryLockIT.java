package dev.tusk.driver.pool;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TxOptions;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class AdvisoryLockIT {
  private final PostgresServer server;
  private PgPool pool;

  AdvisoryLockIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void setUp() {
    pool = PgPool.create(options(server), PoolOptions.defaults().maxSize(4));
  }

  @AfterEach
  void tearDown() {
    await(pool.close());
  }

  private long locksHeld(long key) {
    return await(pool.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1::bigint", key))
        .one().getLong(0);
  }

  /**
   * Contenders on four connections record when their body starts (entered only once the lock is
   * granted) and ends (before the unlock is sent): sorted by start, no interval overlaps the next.
   */
  @Test
  void contendersNeverHoldTheLockAtOnce() {
    var intervals = new CopyOnWriteArrayList<long[]>();
    var contenders = new java.util.ArrayList<CompletableFuture<Void>>();
    for (int i = 0; i < 6; i++) {
      contenders.add(pool.advisoryLock(42L, c -> {
        long start = System.nanoTime();
        return c.query("SELECT pg_sleep(0.05)").thenApply(r -> {
          intervals.add(new long[] {start, System.nanoTime()});
          return null;
        });
      }));
    }
    contenders.forEach(contender -> await(contender));
    assertEquals(6, intervals.size());
    var ordered = intervals.stream().sorted(java.util.Comparator.comparingLong(interval -> interval[0])).toList();
    for (int i = 1; i < ordered.size(); i++) {
      assertTrue(ordered.get(i - 1)[1] <= ordered.get(i)[0], "body " + i + " started before body " + (i - 1) + " ended");
    }
    assertEquals(0, locksHeld(42));
  }

  @Test
  void theLockIsReleasedAfterAFailure() {
    assertThrows(IllegalStateException.class, () -> await(pool.advisoryLock(7L,
        c -> CompletableFuture.failedFuture(new IllegalStateException("body failed")))));
    assertEquals(0, locksHeld(7));
    assertEquals(Optional.of(1), await(pool.tryAdvisoryLock(7L, c -> CompletableFuture.completedFuture(1))));
  }

  @Test
  void theLockIsReleasedAfterACancel() throws Exception {
    var holding = pool.advisoryLock(9L, c -> c.query("SELECT pg_sleep(30)"));
    long held = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (locksHeld(9) == 0 && System.nanoTime() < held) {
      Thread.sleep(10);
    }
    assertEquals(1, locksHeld(9));
    holding.cancel(true);
    assertThrows(CancellationException.class, holding::join);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (locksHeld(9) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, locksHeld(9));
  }

  /**
   * Cancels lock-holding work at random moments, hundreds of times, many of them while the unlock
   * is already on its way: the cancel must never hit the unlock, so the lock is never left held.
   */
  @Test
  void cancellingAtRandomMomentsNeverLeavesTheLockHeld() throws Exception {
    var random = new java.util.Random(17);
    for (int i = 0; i < 500; i++) {
      var holding = (dev.tusk.driver.protocol.PgFuture<RowSet>) pool.advisoryLock(31L, c -> c.query("SELECT 1"));
      long spin = random.nextInt(800_000);
      for (long start = System.nanoTime(); System.nanoTime() - start < spin; ) {
        Thread.onSpinWait();
      }
      holding.cancel(true);
      await(holding.settled());
      assertEquals(0, locksHeld(31), "round " + i);
    }
  }

  @Test
  void tryLockDoesNotWaitForAHeldLock() throws Exception {
    var holding = pool.advisoryLock(1, 2, c -> c.query("SELECT pg_sleep(0.5)"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (await(pool.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1 AND objid = 2"))
        .one().getLong(0) == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(Optional.empty(), await(pool.tryAdvisoryLock(1, 2, c -> CompletableFuture.completedFuture("ran"))));
    await(holding);
    assertEquals(Optional.of("ran"), await(pool.tryAdvisoryLock(1, 2, c -> CompletableFuture.completedFuture("ran"))));
  }

  @Test
  void theBlockingFormHoldsAndReleases() {
    int value = pool.inAdvisoryLock(11L, c -> {
      assertEquals(1, c.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 11").one().getLong(0));
      return 5;
    });
    assertEquals(5, value);
    assertEquals(0, locksHeld(11));
  }

  @Test
  void transactionLevelLocksAreReleasedAtTheEndOfTheTransaction() {
    await(pool.withTransaction(c -> c.advisoryXactLock(77L)
        .thenCompose(r -> c.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 77"))
        .thenApply(rows -> {
          assertEquals(1, rows.one().getLong(0));
          return null;
        })));
    assertEquals(0, locksHeld(77));
  }

  @Test
  void aTransactionLevelTryLockSeesAnotherTransactionsLockUntilItEnds() throws Exception {
    var holderLocked = new CompletableFuture<Void>();
    var release = new CompletableFuture<Void>();
    var holder = pool.withTransaction(c -> c.advisoryXactLock(5, 6)
        .thenCompose(locked -> {
          holderLocked.complete(null);
          return release;
        }));
    holderLocked.get(10, TimeUnit.SECONDS);
    boolean whileHeld = await(pool.withTransaction(c -> c.tryAdvisoryXactLock(5, 6)));
    assertFalse(whileHeld, "held by the other transaction");
    release.complete(null);
    await(holder);
    boolean afterCommit = await(pool.withTransaction(c -> c.tryAdvisoryXactLock(5, 6)));
    assertTrue(afterCommit, "released by its COMMIT");
    // the blocking forms, bigint key
    boolean heldByItself = pool.inTransaction(TxOptions.defaults(), c -> {
      c.advisoryXactLock(88L);
      return c.tryAdvisoryXactLock(88L) && c.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
          + "AND objid = 88 AND pid = pg_backend_pid()").one().getLong(0) == 1;
    });
    assertTrue(heldByItself, "the blocking forms take the lock, and a transaction may take its own lock again");
    assertEquals(0, locksHeld(88));
  }

  @Test
  void aTransactionLevelLockOutsideATransactionIsATypedError() {
    PgException outside = failure(pool.withConnection(c -> c.advisoryXactLock(99L)));
    assertEquals(SqlState.NO_ACTIVE_SQL_TRANSACTION, outside.sqlState());
    PgException blocking = assertThrows(PgException.class, () -> pool.inConnection(c -> c.tryAdvisoryXactLock(1, 2)));
    assertEquals(SqlState.NO_ACTIVE_SQL_TRANSACTION, blocking.sqlState());
    assertEquals(0, locksHeld(99));
  }
}
