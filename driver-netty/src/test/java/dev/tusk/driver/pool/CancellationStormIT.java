package dev.tusk.driver.pool;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.PoolStats;
import dev.tusk.driver.Query;
import dev.tusk.driver.TestConnections;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ten thousand operations through a pool of 8, cancelled or timed out at random moments — while
 * acquiring, during BEGIN, mid-query, during COMMIT. Nothing may hang, leak, or leave a
 * transaction open.
 */
@ExtendWith(PostgresExtension.class)
class CancellationStormIT {
  private static final int OPERATIONS = Integer.getInteger("tusk.storm.operations", 10_000);
  private static final int IN_FLIGHT = 64;

  @Test
  void tenThousandRandomCancelsLeaveThePoolAndTheServerClean(PostgresServer server) throws Exception {
    var connectOptions = options(server).withServerSetting("application_name", "storm");
    PgPool pool = PgPool.create(connectOptions, PoolOptions.defaults().maxSize(8));
    PgConnection observer = TestConnections.connect(options(server));
    await(observer.simpleQuery("DROP TABLE IF EXISTS storm; CREATE TABLE storm (n int)"));
    ScheduledExecutorService canceller = Executors.newScheduledThreadPool(1);
    var random = new Random(2026);
    var permits = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<?>> all = new ArrayList<>(OPERATIONS);
    var cancelled = new AtomicLong();
    try {
      for (int i = 0; i < OPERATIONS; i++) {
        permits.acquire();
        int n = i;
        CompletableFuture<?> operation = switch (random.nextInt(4)) {
          case 0 -> pool.withTransaction(c -> c.execute("INSERT INTO storm VALUES ($1)", n)
              .thenCompose(rows -> c.execute("INSERT INTO storm VALUES ($1)", -n)));
          case 1 -> pool.query(Query.of("SELECT pg_sleep($1::float8)", random.nextInt(5) / 1000.0)
              .timeout(Duration.ofMillis(1 + random.nextInt(4))));
          case 2 -> pool.withConnection(c -> c.execute("BEGIN").thenCompose(x -> c.query("SELECT count(*) FROM storm")));
          default -> pool.query("SELECT $1::int", n);
        };
        operation.whenComplete((result, failure) -> permits.release());
        all.add(operation);
        int delayMicros = random.nextInt(3000);
        if (random.nextInt(3) == 0) {
          canceller.schedule(() -> {
            if (operation.cancel(true)) {
              cancelled.incrementAndGet();
            }
          }, delayMicros, TimeUnit.MICROSECONDS);
        }
      }
      for (CompletableFuture<?> operation : all) {
        try {
          operation.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException expected) {
          // cancelled, timed out, or failed because a cancel hit it: all fine, as long as it completed
        }
      }
      assertTrue(all.stream().allMatch(CompletableFuture::isDone), "every operation completed");
      assertTrue(cancelled.get() > OPERATIONS / 10, "the storm really cancelled things: " + cancelled.get());

      // the pool settles: every connection back, none lost
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      PoolStats stats = pool.stats();
      while ((stats.inUse() > 0 || stats.idle() != stats.size()) && System.nanoTime() < deadline) {
        Thread.sleep(50);
        stats = pool.stats();
      }
      assertEquals(0, stats.inUse(), stats.toString());
      assertEquals(0, stats.waiting(), stats.toString());
      assertEquals(stats.size(), stats.idle(), stats.toString());
      assertTrue(stats.size() <= 8, stats.toString());

      long serverConnections = await(observer.query(
          "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'storm'")).one().getLong(0);
      assertEquals(stats.size(), serverConnections, "no connection leaked on the server side");
      long idleInTransaction = await(observer.query("SELECT count(*) FROM pg_stat_activity "
          + "WHERE application_name = 'storm' AND state LIKE 'idle in transaction%'")).one().getLong(0);
      assertEquals(0, idleInTransaction);
      long unbalanced = await(observer.query("SELECT coalesce(sum(n), 0) FROM storm")).one().getLong(0);
      assertEquals(0, unbalanced, "each transaction's two inserts committed together or not at all");
      System.out.printf("storm: %d operations, %d cancelled, %d cancel requests sent, pool %s%n",
          OPERATIONS, cancelled.get(), stats.cancelsSent(), stats);
    } finally {
      canceller.shutdownNow();
      await(pool.close());
      await(observer.simpleQuery("DROP TABLE IF EXISTS storm"));
      await(observer.close());
    }
  }
}
