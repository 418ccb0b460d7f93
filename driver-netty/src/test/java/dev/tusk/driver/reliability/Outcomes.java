package dev.tusk.driver.reliability;

import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Assertions the fault tests share: a future ends with a typed error by a deadline; no thread of
 * the driver or the proxy outlives its test; the server holds no connection a test forgot.
 */
final class Outcomes {
  private Outcomes() {}

  /**
   * Waits for {@code future} to fail, at most {@code deadline} from {@code startNanos}, and returns
   * its failure, which must be a {@link PgException}.
   */
  static PgException failsBy(CompletableFuture<?> future, long startNanos, Duration deadline, String what) {
    long left = startNanos + deadline.toNanos() - System.nanoTime();
    try {
      Object value = future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
      throw new AssertionError(what + ": expected a failure, got " + value);
    } catch (ExecutionException e) {
      return assertInstanceOf(PgException.class, e.getCause(), what + ": a typed error");
    } catch (TimeoutException e) {
      throw new AssertionError(what + ": no outcome within " + deadline + " (a hang)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** {@link #failsBy} with a class 08 (connection) error. */
  static PgException connectionFailureBy(CompletableFuture<?> future, long startNanos, Duration deadline, String what) {
    PgException failure = failsBy(future, startNanos, deadline, what);
    assertTrue(failure.isConnectionFailure(), what + ": a connection error (class 08), got " + failure.sqlState() + " " + failure.getMessage());
    return failure;
  }

  static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** Polls {@code condition} until it holds or {@code timeout} passes; {@return whether it held} */
  static boolean eventually(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** {@return the live threads whose name starts with {@code prefix}} */
  static List<String> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .sorted()
        .toList();
  }

  /**
   * Asserts that no more threads named {@code prefix…} are alive than {@code before} (what other
   * tests in this JVM still hold), allowing their graceful shutdown a few seconds.
   */
  static void noThreadsLeft(String prefix, int before) {
    boolean settled = eventually(Duration.ofSeconds(10), () -> threadsNamed(prefix).size() <= before);
    assertTrue(settled, "threads left behind: " + threadsNamed(prefix) + " (there were " + before + " before)");
  }

  /** {@return how many backends with {@code applicationName} the server has, as seen by {@code observer}} */
  static long serverConnections(PgConnection observer, String applicationName) {
    return dev.tusk.driver.TestConnections.await(observer.query(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()", applicationName))
        .one().getLong(0);
  }

  /** Asserts the server drops to {@code expected} backends of {@code applicationName} within a few seconds. */
  static void serverConnectionsSettleAt(PgConnection observer, String applicationName, long expected) {
    boolean settled = eventually(Duration.ofSeconds(10), () -> serverConnections(observer, applicationName) == expected);
    assertTrue(settled, "the server still has " + serverConnections(observer, applicationName) + " connections of "
        + applicationName + ", expected " + expected);
  }
}
