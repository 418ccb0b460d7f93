package dev.tusk.driver.pool;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.PoolStats;
import dev.tusk.driver.Query;
import dev.tusk.driver.Row;
import dev.tusk.driver.TestConnections;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ten thousand operations through a pool of 8, cancelled or timed out at every point of a
 * transaction: while acquiring the connection, during BEGIN, mid-query, during COMMIT. Nothing
 * may hang, leak, or leave a transaction open.
 *
 * <p>Most operations are transactions, {@code pool.withConnection(c -> c.withTransaction(body))} —
 * exactly what {@code pool.withTransaction(body)} does — observed at each step: the acquire ends
 * when the pool calls the outer function, BEGIN when {@code withTransaction} calls the body, the
 * body's statements when its future completes (COMMIT is sent then), COMMIT when the transaction's
 * future completes. A transaction given a target phase is cancelled once it enters that phase,
 * after a random part of that phase's mean duration, measured from the transactions nobody
 * cancels while the storm runs. Where a cancel landed is known exactly: the phase is read before
 * the cancel and frozen right after it, and a cancel counts for a phase only when both agree. The
 * rest of the operations are shared statements with short timeouts, plain ones, and loans that
 * leave a transaction open for the pool to roll back, some cancelled at a random moment.
 *
 * <p>Asserted: every future completed; each of the four phases got cancels; a transaction whose
 * cancel landed before its COMMIT never committed, and every transaction that succeeded did;
 * nobody's operation was hit by someone else's cancel; the pool's counts add up, with every
 * connection back and idle; the server has exactly the pool's connections, none idle in a
 * transaction, and none once the pool is closed. {@value #OPERATIONS_PROPERTY} sets the number of
 * operations, {@value #SEED_PROPERTY} the seed.
 */
@ExtendWith(PostgresExtension.class)
class CancellationStormIT {
  static final String OPERATIONS_PROPERTY = "tusk.storm.operations";
  static final String SEED_PROPERTY = "tusk.storm.seed";
  private static final int OPERATIONS = Integer.getInteger(OPERATIONS_PROPERTY, 10_000);
  private static final long SEED = Long.getLong(SEED_PROPERTY, 2026L);
  private static final String APPLICATION = "storm";
  private static final int POOL_SIZE = 8;
  private static final int IN_FLIGHT = 64;
  private static final Duration HANG = Duration.ofSeconds(60);

  /** The points of a transaction, in order; RELEASE is after COMMIT's answer, while the pool takes the connection back. */
  enum Phase { ACQUIRE, BEGIN, QUERY, COMMIT, RELEASE }

  /** The phases a cancel is aimed at. */
  private static final List<Phase> TARGETS = List.of(Phase.ACQUIRE, Phase.BEGIN, Phase.QUERY, Phase.COMMIT);

  private enum Kind { TRANSACTION, TIMED_QUERY, LEFT_OPEN, QUERY }

  /**
   * One operation. Its phase only moves forward, and stops moving once {@link #freeze()} is called:
   * the phase a cancel is attributed to is then the phase the operation was in when it was cancelled.
   */
  static final class Operation {
    private static final int FROZEN = 1 << 8;

    final int n;
    final Kind kind;
    /** The phase to cancel in; null: none (TRANSACTION), or not phase-aimed (the other kinds). */
    final Phase target;
    /** Where in the target phase: this fraction of its mean duration after entering it. */
    final double delayFraction;
    final boolean timedQuery;
    final long startNanos = System.nanoTime();
    final long[] enteredAt = new long[Phase.values().length];
    private final AtomicInteger phase = new AtomicInteger(Phase.ACQUIRE.ordinal());
    volatile CompletableFuture<?> future;
    /** Set before this test cancels the operation: a server 57014 on an operation without it is misdirected. */
    volatile boolean cancelIssued;

    Operation(int n, Kind kind, Phase target, double delayFraction, boolean timedQuery) {
      this.n = n;
      this.kind = kind;
      this.target = target;
      this.delayFraction = delayFraction;
      this.timedQuery = timedQuery;
      enteredAt[Phase.ACQUIRE.ordinal()] = startNanos;
    }

    /** Moves to {@code next} unless frozen; {@return whether it moved} */
    boolean enter(Phase next) {
      while (true) {
        int current = phase.get();
        if ((current & FROZEN) != 0) {
          return false;
        }
        if (phase.compareAndSet(current, next.ordinal())) {
          enteredAt[next.ordinal()] = System.nanoTime();
          return true;
        }
      }
    }

    Phase phase() {
      return Phase.values()[phase.get() & ~FROZEN];
    }

    /** Stops the phase where it is; {@return that phase} */
    Phase freeze() {
      return Phase.values()[phase.getAndUpdate(current -> current | FROZEN) & ~FROZEN];
    }
  }

  /** Mean phase durations of the transactions nobody cancels, as the storm goes. */
  static final class PhaseDurations {
    /** Until enough transactions have been measured: rough guesses for a busy 2-core machine. */
    private static final long[] INITIAL_NANOS = {
        TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(2),
        TimeUnit.MILLISECONDS.toNanos(1)};
    private static final int MIN_SAMPLES = 20;
    private final LongAdder[] sums = new LongAdder[TARGETS.size()];
    private final LongAdder[] counts = new LongAdder[TARGETS.size()];

    PhaseDurations() {
      for (int i = 0; i < sums.length; i++) {
        sums[i] = new LongAdder();
        counts[i] = new LongAdder();
      }
    }

    /** Records the phases of a transaction that went through all of them. */
    void record(Operation operation) {
      for (Phase phase : TARGETS) {
        long duration = operation.enteredAt[phase.ordinal() + 1] - operation.enteredAt[phase.ordinal()];
        sums[phase.ordinal()].add(duration);
        counts[phase.ordinal()].increment();
      }
    }

    long meanNanos(Phase phase) {
      long count = counts[phase.ordinal()].sum();
      return count < MIN_SAMPLES ? INITIAL_NANOS[phase.ordinal()] : sums[phase.ordinal()].sum() / count;
    }

    long samples(Phase phase) {
      return counts[phase.ordinal()].sum();
    }
  }

  /** What the storm did, counted as it goes. */
  static final class Figures {
    final Map<Phase, LongAdder> aimed = counters();
    final Map<Phase, LongAdder> landed = counters();
    /** Cancels whose phase changed while they were issued: they count for no phase. */
    final LongAdder straddled = new LongAdder();
    /** Cancels that came after the operation had ended. */
    final LongAdder tooLate = new LongAdder();
    final LongAdder randomCancels = new LongAdder();
    final LongAdder randomCancelsEffective = new LongAdder();
    final LongAdder timeoutsArmed = new LongAdder();
    final LongAdder timeoutsFired = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder failedTyped = new LongAdder();
    final LongAdder untyped = new LongAdder();
    final LongAdder misdirected = new LongAdder();

    private static Map<Phase, LongAdder> counters() {
      Map<Phase, LongAdder> map = new EnumMap<>(Phase.class);
      for (Phase phase : Phase.values()) {
        map.put(phase, new LongAdder());
      }
      return map;
    }
  }

  @Test
  void tenThousandCancelsAndTimeoutsAtEveryPhaseLeaveThePoolAndTheServerClean(PostgresServer server) throws Exception {
    var connectOptions = options(server).withServerSetting("application_name", APPLICATION);
    PgPool pool = PgPool.create(connectOptions, PoolOptions.defaults().maxSize(POOL_SIZE));
    PgConnection observer = TestConnections.connect(options(server));
    await(observer.simpleQuery("DROP TABLE IF EXISTS storm; CREATE TABLE storm (n int)"));
    ScheduledExecutorService canceller = Executors.newScheduledThreadPool(2);
    var random = new Random(SEED);
    var permits = new Semaphore(IN_FLIGHT);
    var durations = new PhaseDurations();
    var figures = new Figures();
    Map<Operation, Phase> landedAt = new java.util.concurrent.ConcurrentHashMap<>();
    List<Operation> operations = new ArrayList<>(OPERATIONS);
    long start = System.nanoTime();
    try {
      for (int i = 1; i <= OPERATIONS; i++) {
        permits.acquire();
        Operation operation = newOperation(i, random, figures);
        operations.add(operation);
        // the cancel of an operation aimed at a phase, scheduled when it enters that phase
        Runnable aimedCancel = () -> cancelInPhase(operation, canceller, figures, landedAt);
        Runnable scheduleAimed = () -> canceller.schedule(aimedCancel,
            (long) (operation.delayFraction * durations.meanNanos(operation.target)), TimeUnit.NANOSECONDS);
        operation.future = start(pool, operation, scheduleAimed, durations);
        operation.future.whenComplete((result, failure) -> permits.release());
        if (operation.target == Phase.ACQUIRE) {
          scheduleAimed.run();
        } else if (operation.kind != Kind.TRANSACTION && random.nextInt(3) == 0) {
          // the shared statements and the loans left open: cancelled at a random moment, as before
          long delayMicros = random.nextInt(3000);
          figures.randomCancels.increment();
          canceller.schedule(() -> {
            operation.cancelIssued = true;
            if (operation.future.cancel(true)) {
              figures.randomCancelsEffective.increment();
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
          figures.cancelled.increment();
        } catch (ExecutionException e) {
          classify(operation, e.getCause(), figures);
        } catch (TimeoutException e) {
          hangs++;
        }
      }
      long stormMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(0, hangs, "operations that never completed");
      assertTrue(operations.stream().allMatch(operation -> operation.future.isDone()), "every operation completed");

      // the pool settles: every connection back and idle, none lost, the counts adding up
      boolean settled = eventually(Duration.ofSeconds(20), () -> {
        PoolStats stats = pool.stats();
        return stats.inUse() == 0 && stats.waiting() == 0 && stats.connecting() == 0 && stats.idle() == stats.size();
      });
      PoolStats stats = pool.stats();
      assertTrue(settled, "the pool settled: " + stats);
      assertTrue(stats.size() >= 1 && stats.size() <= POOL_SIZE, stats.toString());
      assertEquals(stats.created() - stats.closed() - stats.discarded(), stats.size(), "every connection opened is open or accounted for: " + stats);
      long serverConnections = await(observer.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
          APPLICATION)).one().getLong(0);
      assertEquals(stats.size(), serverConnections, "no connection leaked on the server side");
      long idleInTransaction = await(observer.query("SELECT count(*) FROM pg_stat_activity "
          + "WHERE application_name = $1 AND state LIKE 'idle in transaction%'", APPLICATION)).one().getLong(0);
      assertEquals(0, idleInTransaction, "sessions left idle in a transaction");
      long unbalanced = await(observer.query("SELECT coalesce(sum(n), 0) FROM storm")).one().getLong(0);
      assertEquals(0, unbalanced, "each transaction's two inserts committed together or not at all");

      // which transactions committed, against where their cancel landed
      Set<Integer> committed = new HashSet<>();
      for (Row row : await(observer.query("SELECT n FROM storm WHERE n > 0"))) {
        committed.add(row.getInt(0));
      }
      Map<Phase, Long> landedCommitted = new EnumMap<>(Phase.class);
      long succeededNotCommitted = 0;
      for (Operation operation : operations) {
        if (operation.kind != Kind.TRANSACTION) {
          continue;
        }
        Phase landed = landedAt.get(operation);
        if (landed != null && committed.contains(operation.n)) {
          landedCommitted.merge(landed, 1L, Long::sum);
        }
        if (!operation.future.isCompletedExceptionally() && !committed.contains(operation.n)) {
          succeededNotCommitted++;
        }
      }

      System.out.printf("storm: %,d operations in %,d ms (seed %d), pool of %d, %d in flight%n", OPERATIONS, stormMillis, SEED,
          POOL_SIZE, IN_FLIGHT);
      for (Phase phase : TARGETS) {
        System.out.printf("storm:   %-7s mean %6.2f ms (%,d measured): %,d cancels aimed, %,d landed, %,d of those committed%n",
            phase, durations.meanNanos(phase) / 1e6, durations.samples(phase), figures.aimed.get(phase).sum(),
            figures.landed.get(phase).sum(), landedCommitted.getOrDefault(phase, 0L));
      }
      System.out.printf("storm:   after COMMIT (RELEASE) %,d landed; %,d straddled a phase change; %,d too late (already done)%n",
          figures.landed.get(Phase.RELEASE).sum(), figures.straddled.sum(), figures.tooLate.sum());
      System.out.printf("storm: random cancels %,d (%,d effective); timeouts %,d armed, %,d fired; outcomes: %,d succeeded, "
              + "%,d cancelled, %,d failed with a PgException, %,d untyped; misdirected cancels %d; hangs %d; "
              + "successful transactions not committed %d; pool: size %d, created %d, closed %d, discarded %d, cancel requests %,d; "
              + "server connections %d, idle in transaction %d%n",
          figures.randomCancels.sum(), figures.randomCancelsEffective.sum(), figures.timeoutsArmed.sum(), figures.timeoutsFired.sum(),
          figures.succeeded.sum(), figures.cancelled.sum(), figures.failedTyped.sum(), figures.untyped.sum(), figures.misdirected.sum(),
          hangs, succeededNotCommitted, stats.size(), stats.created(), stats.closed(), stats.discarded(), stats.cancelsSent(),
          serverConnections, idleInTransaction);

      for (Phase phase : TARGETS) {
        assertTrue(figures.landed.get(phase).sum() > 0, "cancels landed in " + phase);
      }
      for (Phase phase : List.of(Phase.ACQUIRE, Phase.BEGIN, Phase.QUERY)) {
        assertEquals(0, landedCommitted.getOrDefault(phase, 0L), "transactions cancelled in " + phase + " that committed anyway");
      }
      assertEquals(0, succeededNotCommitted, "transactions reported committed that are not there");
      assertEquals(0, figures.untyped.sum(), "failures that are not a PgException");
      assertEquals(0, figures.misdirected.sum(), "operations nobody cancelled that the server cancelled");
      assertTrue(figures.timeoutsFired.sum() > 0, "timeouts fired");
    } finally {
      canceller.shutdownNow();
      await(pool.close());
      boolean gone = eventually(Duration.ofSeconds(10), () -> await(observer.query(
          "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", APPLICATION)).one().getLong(0) == 0);
      await(observer.simpleQuery("DROP TABLE IF EXISTS storm"));
      await(observer.close());
      assertTrue(gone, "the closed pool's connections are gone from the server");
    }
  }

  private static Operation newOperation(int n, Random random, Figures figures) {
    int kind = random.nextInt(10);
    if (kind < 7) {
      // a quarter left alone (they measure the phases), the rest aimed at one of the four phases
      Phase target = random.nextInt(4) == 0 ? null : TARGETS.get(random.nextInt(TARGETS.size()));
      boolean timed = target == null && random.nextInt(4) == 0;
      if (target != null) {
        figures.aimed.get(target).increment();
      }
      if (timed) {
        figures.timeoutsArmed.increment();
      }
      return new Operation(n, Kind.TRANSACTION, target, random.nextDouble(), timed);
    }
    Kind other = switch (kind) {
      case 7 -> Kind.TIMED_QUERY;
      case 8 -> Kind.LEFT_OPEN;
      default -> Kind.QUERY;
    };
    if (other == Kind.TIMED_QUERY) {
      figures.timeoutsArmed.increment();
    }
    return new Operation(n, other, null, random.nextDouble(), other == Kind.TIMED_QUERY);
  }

  /**
   * Starts an operation. A transaction reports each phase it enters; entering its target phase
   * schedules its cancel ({@code scheduleAimed}).
   */
  private static CompletableFuture<?> start(PgPool pool, Operation operation, Runnable scheduleAimed, PhaseDurations durations) {
    int n = operation.n;
    // a random sleep of 0–4 ms in the statement, and a timeout of 1–4 ms: some fire, some do not
    double sleepSeconds = (int) (operation.delayFraction * 5) / 1000.0;
    Duration timeout = Duration.ofMillis(1 + (int) (operation.delayFraction * 1000) % 4);
    return switch (operation.kind) {
      case TRANSACTION -> pool.withConnection(connection -> {
        enter(operation, Phase.BEGIN, scheduleAimed);
        var transaction = connection.withTransaction(c -> {
          enter(operation, Phase.QUERY, scheduleAimed);
          CompletableFuture<?> first = operation.timedQuery
              ? c.query(Query.of("INSERT INTO storm SELECT $1::int FROM pg_sleep($2::float8)", n, sleepSeconds).timeout(timeout))
              : c.execute("INSERT INTO storm VALUES ($1)", n);
          return first.thenCompose(inserted -> c.execute("INSERT INTO storm VALUES ($1)", -n))
              .thenApply(inserted -> {
                // the body's future completes right after this: COMMIT goes out then
                enter(operation, Phase.COMMIT, scheduleAimed);
                return inserted;
              });
        });
        transaction.whenComplete((result, failure) -> {
          if (failure == null && enter(operation, Phase.RELEASE, scheduleAimed) && operation.target == null && !operation.timedQuery) {
            durations.record(operation);
          }
        });
        // the transaction's own future: the pool cancels it, and waits for its rollback, through it
        return transaction;
      });
      case TIMED_QUERY -> pool.query(Query.of("SELECT pg_sleep($1::float8)", sleepSeconds).timeout(timeout));
      case LEFT_OPEN -> pool.withConnection(c -> c.execute("BEGIN").thenCompose(begun -> c.query("SELECT count(*) FROM storm")));
      case QUERY -> pool.query("SELECT $1::int", n);
    };
  }

  /** Moves the operation to {@code phase}, scheduling its cancel if that is its target; {@return whether it moved} */
  private static boolean enter(Operation operation, Phase phase, Runnable scheduleAimed) {
    if (!operation.enter(phase)) {
      return false;
    }
    if (phase == operation.target) {
      scheduleAimed.run();
    }
    return true;
  }

  /**
   * Cancels an operation in its target phase (or wherever it is by now) and records where the
   * cancel landed: the phase before the cancel and the phase frozen right after it must agree.
   */
  private static void cancelInPhase(Operation operation, ScheduledExecutorService canceller, Figures figures,
      Map<Operation, Phase> landedAt) {
    CompletableFuture<?> future = operation.future;
    if (future == null) {
      // the pool called back before start() returned the future: a moment later it is there
      canceller.schedule(() -> cancelInPhase(operation, canceller, figures, landedAt), 10, TimeUnit.MICROSECONDS);
      return;
    }
    Phase before = operation.phase();
    operation.cancelIssued = true;
    boolean effective = future.cancel(true);
    Phase after = operation.freeze();
    if (!effective) {
      figures.tooLate.increment();
    } else if (before != after) {
      figures.straddled.increment();
    } else {
      figures.landed.get(before).increment();
      landedAt.put(operation, before);
    }
  }

  /** Sorts a failure: typed or not, a fired timeout, and a server 57014 on an operation nobody cancelled. */
  private static void classify(Operation operation, Throwable failure, Figures figures) {
    if (!(failure instanceof PgException pg)) {
      figures.untyped.increment();
      System.out.println("storm: untyped failure of a " + operation.kind + ": " + failure);
      return;
    }
    figures.failedTyped.increment();
    if (pg instanceof PgTimeoutException) {
      figures.timeoutsFired.increment();
    }
    // a timed statement's own cancel is discarded with its statement; a transaction failing on
    // 57014 nobody asked for would be someone else's cancel
    if (pg.isServerError() && pg.isQueryCanceled() && !operation.cancelIssued) {
      figures.misdirected.increment();
      System.out.println("storm: misdirected cancel on a " + operation.kind + ": " + pg.getMessage());
    }
  }

  private static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}
