package dev.tusk.driver.pool;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.Isolation;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.RetryPolicy;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.TxOptions;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
}
