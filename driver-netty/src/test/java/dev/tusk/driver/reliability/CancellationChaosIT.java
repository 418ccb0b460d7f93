package dev.tusk.driver.reliability;

import static dev.tusk.driver.TestConnections.*;
import static dev.tusk.driver.reliability.Outcomes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.PoolStats;
import dev.tusk.driver.PooledConnection;
import dev.tusk.driver.Query;
import dev.tusk.driver.Row;
import dev.tusk.driver.TestConnections;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import dev.tusk.testkit.fault.Fault;
import dev.tusk.testkit.fault.FaultProxy;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cancellation chaos: the pool's cancellation storm extended to row streams, COPY in both
 * directions and LISTEN/NOTIFY, through the fault proxy with a latency that changes while the storm
 * runs (so cancel requests, which travel the same route, arrive at every possible moment). Ten
 * thousand cancels and timeouts on a pool of eight: three operations in four are cancelled at a
 * random moment (from microseconds to a third of a second after they start: while acquiring,
 * mid-BEGIN, mid-stream, mid-COPY, after the end) or run with a short timeout; one in four is left
 * alone and must never be hit by someone else's cancel.
 *
 * <p>Counted and reported: leaked connections, connections left idle in a transaction, session
 * state left behind (LISTEN), misdirected cancels (an operation nobody cancelled that failed with
 * the server's 57014) and hangs (an operation that never ended). Each must be 0.
 * {@value #CANCELS_PROPERTY} sets the number of cancels and timeouts (the long run in
 * {@code docs/reliability.md} uses 200,000), {@value #SEED_PROPERTY} the seed.
 */
@ExtendWith(PostgresExtension.class)
class CancellationChaosIT {
  static final String CANCELS_PROPERTY = "tusk.chaos.cancels";
  static final String SEED_PROPERTY = "tusk.chaos.seed";
  private static final int CANCELS = Integer.getInteger(CANCELS_PROPERTY, 10_000);
  private static final long SEED = Long.getLong(SEED_PROPERTY, 8_008L);
  private static final String APPLICATION = "chaos";
  private static final int POOL_SIZE = 8;
  private static final int IN_FLIGHT = 64;
  private static final Duration HANG = Duration.ofSeconds(60);
  private static final Duration[] LATENCIES = {Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5)};

  /** The kinds of work, each with its own way of being cancelled. */
  private enum Kind { TRANSACTION, TIMED_QUERY, LEFT_OPEN, QUERY, STREAM, COPY_IN, COPY_OUT, LISTEN }

  /** One operation's record: whether its own caller cancelled it (or its timeout fired) before it ended. */
  private static final class Operation {
    final Kind kind;
    final AtomicBoolean cancelledByCaller = new AtomicBoolean();
    volatile CompletableFuture<?> future;

    Operation(Kind kind) {
      this.kind = kind;
    }
  }

  /** The figures the issue asks for, and a few more. */
  private static final class Figures {
    final Map<Kind, LongAdder> started = new ConcurrentHashMap<>();
    final LongAdder cancelsAttempted = new LongAdder();
    final LongAdder timeoutsArmed = new LongAdder();
    final LongAdder cancelsEffective = new LongAdder();
    final LongAdder timeoutsFired = new LongAdder();
    final LongAdder streamsCancelled = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder misdirected = new LongAdder();
    final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    final LongAdder latencyChanges = new LongAdder();

    void count(Map<String, LongAdder> map, String key) {
      map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
  }

  @Test
  void tenThousandRandomCancelsAndTimeoutsLeaveNoLeakNoOpenTransactionNoMisdirectedCancelAndNoHang(PostgresServer server)
      throws Exception {
    try (FaultProxy proxy = FaultProxy.start(server.host(), server.port())) {
      var connectOptions = options(server).withHost(proxy.host(), proxy.port())
          .withServerSetting("application_name", APPLICATION);
      PgConnection observer = TestConnections.connect(server);
      await(observer.simpleQuery("DROP TABLE IF EXISTS chaos_balance, chaos_copy; "
          + "CREATE TABLE chaos_balance (n int); CREATE TABLE chaos_copy (n int, s text)"));
      PgPool pool = PgPool.create(connectOptions, PoolOptions.defaults().maxSize(POOL_SIZE));
      ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
      var figures = new Figures();
      var random = new Random(SEED);
      var permits = new Semaphore(IN_FLIGHT);
      List<Operation> operations = new ArrayList<>(CANCELS * 4 / 3);
      long start = System.nanoTime();
      var latency = timer.scheduleWithFixedDelay(() -> {
        proxy.set(Fault.latency(LATENCIES[java.util.concurrent.ThreadLocalRandom.current().nextInt(LATENCIES.length)]));
        figures.latencyChanges.increment();
      }, 0, 200, TimeUnit.MILLISECONDS);
      try {
        for (int i = 0; figures.cancelsAttempted.sum() + figures.timeoutsArmed.sum() < CANCELS; i++) {
          permits.acquire();
          Operation operation = start(pool, i, random, figures, timer);
          operation.future.whenComplete((result, failure) -> permits.release());
          operations.add(operation);
          if (operation.kind == Kind.TIMED_QUERY) {
            figures.timeoutsArmed.increment();
          } else if (random.nextInt(4) != 0) {
            // log-uniform from 1 microsecond to 316 ms: every phase of an operation gets its share
            long delayMicros = (long) Math.pow(10, random.nextDouble() * 5.5);
            figures.cancelsAttempted.increment();
            timer.schedule(() -> {
              operation.cancelledByCaller.set(true);
              if (operation.future.cancel(true)) {
                figures.cancelsEffective.increment();
              }
            }, delayMicros, TimeUnit.MICROSECONDS);
          }
        }
        long hangs = 0;
        for (Operation operation : operations) {
          try {
            operation.future.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
            figures.succeeded.increment();
          } catch (CancellationException expected) {
            figures.count(figures.failures, "cancelled");
          } catch (ExecutionException e) {
            classify(operation, e.getCause(), figures);
          } catch (TimeoutException e) {
            hangs++;
          }
        }
        long stormMillis = millisSince(start);
        latency.cancel(false);
        proxy.restore();

        // the pool settles: every connection back, none lost, none in a transaction, no LISTEN left
        boolean settled = eventually(Duration.ofSeconds(20), () -> {
          PoolStats stats = pool.stats();
          return stats.inUse() == 0 && stats.idle() == stats.size() && stats.waiting() == 0;
        });
        assertTrue(settled, "the pool settled: " + pool.stats() + "; hangs " + hangs + "; server: " + activity(observer));
        PoolStats stats = pool.stats();
        eventually(Duration.ofSeconds(10), () -> serverConnections(observer, APPLICATION) == pool.stats().size());
        long serverSide = serverConnections(observer, APPLICATION);
        long leaked = Math.abs(serverSide - stats.size());
        long idleInTransaction = await(observer.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 "
            + "AND state LIKE 'idle in transaction%'", APPLICATION)).one().getLong(0);
        long stillListening = listeningChannels(pool, stats.size());
        long unbalanced = await(observer.query("SELECT coalesce(sum(n), 0) FROM chaos_balance")).one().getLong(0);

        var started = new TreeMap<Kind, Long>();
        figures.started.forEach((kind, count) -> started.put(kind, count.sum()));
        var failed = new TreeMap<String, Long>();
        figures.failures.forEach((kind, count) -> failed.put(kind, count.sum()));
        System.out.printf("chaos: %,d operations in %,d ms (seed %d) %s; %,d cancels attempted, %,d effective, "
                + "%,d timeouts armed, %,d fired, %,d streams cancelled by their subscriber; %,d latency changes; "
                + "%,d succeeded, failures %s; %,d cancel requests sent; leaked connections %d, idle in transaction %d, "
                + "still listening %d, misdirected cancels %d, hangs %d; pool %s%n",
            operations.size(), stormMillis, SEED, started, figures.cancelsAttempted.sum(), figures.cancelsEffective.sum(),
            figures.timeoutsArmed.sum(), figures.timeoutsFired.sum(), figures.streamsCancelled.sum(), figures.latencyChanges.sum(), figures.succeeded.sum(),
            failed, stats.cancelsSent(), leaked, idleInTransaction, stillListening, figures.misdirected.sum(), hangs, stats);

        assertEquals(0, hangs, "operations that never ended");
        assertEquals(0, figures.misdirected.sum(), "operations nobody cancelled that the server cancelled");
        assertEquals(0, leaked, "connections the server holds that the pool does not: " + serverSide + " vs " + stats);
        assertEquals(0, idleInTransaction, "connections left idle in a transaction");
        assertEquals(0, stillListening, "pooled connections still listening");
        assertEquals(0, unbalanced, "each transaction's two inserts committed together or not at all");
        assertTrue(stats.size() <= POOL_SIZE, stats.toString());
        assertTrue(figures.cancelsEffective.sum() + figures.timeoutsFired.sum() > CANCELS / 4,
            "the storm really cancelled things");
      } finally {
        latency.cancel(false);
        timer.shutdownNow();
        try {
          pool.close().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          // reported by the assertions above (a connection still borrowed); do not mask them
          System.out.println("chaos: the pool did not close within 30 s: " + pool.stats());
        }
        // a connection that escaped the pool holding a lock must not turn a failure into a hang here
        await(observer.simpleQuery("SET lock_timeout = '5s'; DROP TABLE IF EXISTS chaos_balance, chaos_copy"));
        await(observer.close());
      }
    }
  }

  private static Operation start(PgPool pool, int n, Random random, Figures figures, ScheduledExecutorService timer) {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    figures.started.computeIfAbsent(kind, k -> new LongAdder()).increment();
    var operation = new Operation(kind);
    int size = 1 + random.nextInt(400);
    Duration timeout = Duration.ofMillis(1 + random.nextInt(5));
    operation.future = switch (kind) {
      case TRANSACTION -> pool.withTransaction(c -> c.execute("INSERT INTO chaos_balance VALUES ($1)", n)
          .thenCompose(inserted -> c.execute("INSERT INTO chaos_balance VALUES ($1)", -n)));
      // its own timeout fails it on the client (PgTimeoutException): the server's 57014 for the
      // cancel that follows is discarded, so seeing that here would be someone else's cancel
      case TIMED_QUERY -> pool.query(Query.of("SELECT pg_sleep($1::float8)", random.nextInt(5) / 1000.0).timeout(timeout));
      case LEFT_OPEN -> pool.withConnection(c -> c.execute("BEGIN").thenCompose(begun -> c.query("SELECT count(*) FROM chaos_balance")));
      case QUERY -> pool.query("SELECT $1::int", n);
      case STREAM -> {
        int cancelAfter = random.nextBoolean() ? random.nextInt(size) : -1;
        yield pool.withConnection(c -> consume(c.stream("SELECT g FROM generate_series(1, $1) g", size), cancelAfter, operation, figures));
      }
      case COPY_IN -> pool.withConnection(c -> c.copyIn("COPY chaos_copy FROM STDIN", new ByteArrayInputStream(copyRows(size))));
      case COPY_OUT -> pool.withConnection(c -> c.copyOut("COPY (SELECT g, md5(g::text) FROM generate_series(1, " + size + ") g) TO STDOUT",
          OutputStream.nullOutputStream()));
      case LISTEN -> pool.withConnection(c -> c.listen("chaos_channel")
          .thenCompose(listening -> c.query("SELECT pg_notify('chaos_channel', $1)", "n" + n)));
    };
    return operation;
  }

  private static byte[] copyRows(int count) {
    var rows = new StringBuilder();
    for (int i = 0; i < count; i++) {
      rows.append(i).append("\trow ").append(i).append('\n');
    }
    return rows.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a row stream, cancelling the subscription after {@code cancelAfter} rows (unless negative). */
  private static CompletableFuture<Long> consume(Flow.Publisher<Row> rows, int cancelAfter, Operation operation, Figures figures) {
    var done = new CompletableFuture<Long>();
    rows.subscribe(new Flow.Subscriber<>() {
      private Flow.Subscription subscription;
      private long count;

      @Override
      public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        subscription.request(64);
      }

      @Override
      public void onNext(Row row) {
        count++;
        if (count == cancelAfter) {
          operation.cancelledByCaller.set(true);
          figures.streamsCancelled.increment();
          subscription.cancel();
          done.complete(count);
        } else if (count % 64 == 0) {
          subscription.request(64);
        }
      }

      @Override
      public void onError(Throwable failure) {
        done.completeExceptionally(failure);
      }

      @Override
      public void onComplete() {
        done.complete(count);
      }
    });
    return done;
  }

  /**
   * Sorts a failure. The one that must never happen: the server's own 57014 (query_canceled) on an
   * operation whose caller never cancelled it — someone else's cancel request hit it.
   */
  private static void classify(Operation operation, Throwable failure, Figures figures) {
    if (!(failure instanceof PgException pg)) {
      figures.count(figures.failures, "untyped " + failure.getClass().getSimpleName());
      return;
    }
    if (pg instanceof PgTimeoutException) {
      figures.timeoutsFired.increment();
    }
    if (pg.isServerError() && pg.isQueryCanceled() && !operation.cancelledByCaller.get()) {
      figures.misdirected.increment();
      System.out.println("chaos: misdirected cancel on a " + operation.kind + ": " + pg.getMessage());
    }
    figures.count(figures.failures, pg.sqlState() + (pg.isServerError() ? " (server)" : ""));
  }

  /** {@return the chaos connections the server holds, with their state and last statement, for a failure message} */
  private static String activity(PgConnection observer) {
    var text = new StringBuilder();
    for (Row row : await(observer.query("SELECT pid, state, query FROM pg_stat_activity WHERE application_name = $1", APPLICATION))) {
      text.append("\n  ").append(row.getInt(0)).append(' ').append(row.getString(1)).append(": ").append(row.getString(2));
    }
    return text.toString();
  }

  /** Borrows every connection at once and counts the LISTEN registrations a previous borrower left behind. */
  private static long listeningChannels(PgPool pool, int size) {
    List<PooledConnection> all = new ArrayList<>();
    try {
      for (int i = 0; i < size; i++) {
        all.add(await(pool.acquire()));
      }
      long listening = 0;
      for (PooledConnection connection : all) {
        listening += await(connection.query("SELECT count(*) FROM pg_listening_channels()")).one().getLong(0);
      }
      return listening;
    } finally {
      all.forEach(connection -> await(connection.release()));
    }
  }
}
