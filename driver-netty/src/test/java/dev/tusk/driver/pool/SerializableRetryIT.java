package dev.tusk.driver.pool;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.Isolation;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.RetryPolicy;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TxOptions;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bank transfer: SERIALIZABLE transactions under contention, retried until they commit. */
@ExtendWith(PostgresExtension.class)
class SerializableRetryIT {
  private static final int ACCOUNTS = 100;
  private static final int WORKERS = 16;
  private static final int TRANSFERS_EACH = 500;

  private final PostgresServer server;
  private PgPool pool;

  SerializableRetryIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void setUp() {
    pool = PgPool.create(options(server), PoolOptions.defaults().maxSize(16));
    await(pool.withConnection(c -> c.simpleQuery("DROP TABLE IF EXISTS bank; "
        + "CREATE TABLE bank (id int PRIMARY KEY, balance bigint NOT NULL); "
        + "INSERT INTO bank SELECT n, 1000 FROM generate_series(1, " + ACCOUNTS + ") n")));
  }

  @AfterEach
  void tearDown() {
    await(pool.withConnection(c -> c.simpleQuery("DROP TABLE IF EXISTS bank")));
    await(pool.close());
  }

  @Test
  void concurrentSerializableTransfersKeepTheTotalAndRetryOnConflicts() throws Exception {
    var retries = new AtomicInteger();
    RetryPolicy policy = RetryPolicy.serializable(100).onRetry(retry -> retries.incrementAndGet());
    TxOptions serializable = TxOptions.isolation(Isolation.SERIALIZABLE);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        var random = new Random(w);
        workers.add(executor.submit(() -> {
          for (int i = 0; i < TRANSFERS_EACH; i++) {
            int from = 1 + random.nextInt(ACCOUNTS);
            int to = 1 + (from + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long amount = 1 + random.nextInt(50);
            pool.inTransactionWithRetry(policy, serializable, tx -> {
              long balance = tx.query("SELECT balance FROM bank WHERE id = $1", from).one().getLong(0);
              long moved = Math.min(balance, amount);
              tx.execute("UPDATE bank SET balance = balance - $1 WHERE id = $2", moved, from);
              tx.execute("UPDATE bank SET balance = balance + $1 WHERE id = $2", moved, to);
              return moved;
            });
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
    RowSet totals = await(pool.query("SELECT sum(balance), min(balance) FROM bank"));
    assertEquals(ACCOUNTS * 1000L, totals.one().getLong(0), "money is neither created nor destroyed");
    assertTrue(totals.one().getLong(1) >= 0, "no account overdrawn");
    assertTrue(retries.get() > 0, "contention produced serialization failures that were retried");
    System.out.println("bank: " + WORKERS * TRANSFERS_EACH + " transfers, " + retries.get() + " retries");
  }

  @Test
  void theAsyncRetryRunsTheWholeTransactionAgain() {
    var attempts = new AtomicInteger();
    long result = await(pool.withRetry(RetryPolicy.serializable(5), TxOptions.isolation(Isolation.SERIALIZABLE), c -> {
      if (attempts.incrementAndGet() < 3) {
        // simulate a conflict the way the server reports it
        return c.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END $$");
      }
      return c.execute("UPDATE bank SET balance = balance WHERE id = 1");
    }));
    assertEquals(1, result);
    assertEquals(3, attempts.get());
  }

  @Test
  void otherErrorsAndFailuresOutsideATransactionAreNeverRetried() {
    var attempts = new AtomicInteger();
    PgException failure = failure(pool.withRetry(RetryPolicy.serializable(5), TxOptions.defaults(), c -> {
      attempts.incrementAndGet();
      return c.execute("SELECT 1/0");
    }));
    assertEquals("22012", failure.sqlState());
    assertEquals(1, attempts.get());
    PgException outside = failure(pool.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END $$"));
    assertFalse(RetryPolicy.serializable(5).shouldRetry(outside, 1), "a statement outside a transaction is not retried");
  }

  /** Two transactions lock the same rows in opposite order: the server kills one (40P01), the retry runs it again. */
  @Test
  void aRealDeadlockIsRetriedAndBothTransactionsCommit() throws Exception {
    var retried = new java.util.concurrent.CopyOnWriteArrayList<RetryPolicy.Retry>();
    RetryPolicy policy = RetryPolicy.serializable(5).onRetry(retried::add);
    var bothLockedOne = new java.util.concurrent.CyclicBarrier(2);
    var firstAttempts = new java.util.concurrent.ConcurrentHashMap<Integer, Boolean>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Long>> transfers = new ArrayList<>();
      for (int[] order : new int[][] {{1, 2}, {2, 1}}) {
        transfers.add(executor.submit(() -> pool.inTransactionWithRetry(policy, TxOptions.defaults(), tx -> {
          tx.execute("UPDATE bank SET balance = balance - 1 WHERE id = $1", order[0]);
          if (firstAttempts.putIfAbsent(order[0], true) == null) {
            // only the first attempts meet here, each holding its first row
            try {
              bothLockedOne.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
          return tx.execute("UPDATE bank SET balance = balance + 1 WHERE id = $1", order[1]);
        })));
      }
      for (var transfer : transfers) {
        assertEquals(1, transfer.get(30, TimeUnit.SECONDS));
      }
    }
    assertEquals(1, retried.size(), "one of the two was chosen as the deadlock victim and retried");
    assertEquals(SqlState.DEADLOCK_DETECTED, retried.getFirst().failure().sqlState());
    assertEquals(1, retried.getFirst().attempt());
    RowSet balances = await(pool.query("SELECT balance FROM bank WHERE id IN (1, 2) ORDER BY id"));
    assertEquals(1000, balances.get(0).getLong(0));
    assertEquals(1000, balances.get(1).getLong(0));
  }

  @Test
  void afterMaxAttemptsTheLastFailureIsReportedWithEveryRetryAnnounced() {
    var retried = new java.util.concurrent.CopyOnWriteArrayList<RetryPolicy.Retry>();
    var attempts = new AtomicInteger();
    var policy = new RetryPolicy(4, java.time.Duration.ofMillis(2), java.time.Duration.ofMillis(5), 2.0, retried::add);
    PgException failure = failure(pool.withRetry(policy, TxOptions.isolation(Isolation.SERIALIZABLE), c -> {
      attempts.incrementAndGet();
      return c.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END $$");
    }));
    assertEquals(SqlState.SERIALIZATION_FAILURE, failure.sqlState());
    assertEquals(4, attempts.get(), "four attempts in all");
    assertEquals(List.of(1, 2, 3), retried.stream().map(RetryPolicy.Retry::attempt).toList());
    for (var retry : retried) {
      assertTrue(retry.delay().compareTo(java.time.Duration.ofMillis(5)) <= 0, "capped: " + retry.delay());
    }
  }

  @Test
  void backoffIsJitteredBelowAnExponentiallyGrowingCeiling() {
    var policy = new RetryPolicy(10, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(200), 2.0, retry -> { });
    for (int attempt = 1; attempt <= 8; attempt++) {
      long ceiling = Math.min(200, 10L << (attempt - 1));
      var delays = new java.util.HashSet<java.time.Duration>();
      for (int sample = 0; sample < 200; sample++) {
        var delay = policy.backoff(attempt);
        assertTrue(!delay.isNegative() && delay.toMillis() <= ceiling, "attempt " + attempt + ": " + delay);
        delays.add(delay);
      }
      assertTrue(delays.size() > 100, "jittered, not fixed: " + delays.size() + " distinct delays");
    }
  }

  /** A function run with a plain connection (no transaction of the retry's own) may have committed: never run again. */
  @Test
  void aFunctionThatRanOutsideATransactionIsNeverRunAgain() {
    var attempts = new AtomicInteger();
    PgException failure = failure(pool.withRetry(RetryPolicy.serializable(5), TxOptions.defaults(), c -> {
      attempts.incrementAndGet();
      // COMMIT ends the retry's transaction early; what follows runs in autocommit
      return c.execute("COMMIT").thenCompose(committed ->
          c.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END $$"));
    }));
    assertEquals(SqlState.SERIALIZATION_FAILURE, failure.sqlState());
    assertEquals(1, attempts.get(), "not retried: the failed statement ran outside the retried transaction");
    assertFalse(failure.transactionRolledBack());

    var blockingAttempts = new AtomicInteger();
    PgException blockingFailure = assertThrows(PgException.class,
        () -> pool.inTransactionWithRetry(RetryPolicy.serializable(5), TxOptions.defaults(), tx -> {
          blockingAttempts.incrementAndGet();
          tx.execute("COMMIT");
          return tx.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END $$");
        }));
    assertEquals(SqlState.SERIALIZATION_FAILURE, blockingFailure.sqlState());
    assertEquals(1, blockingAttempts.get(), "the blocking form does not run it again either");
  }
}
