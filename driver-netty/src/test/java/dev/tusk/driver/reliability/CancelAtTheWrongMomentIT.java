package dev.tusk.driver.reliability;

import static dev.tusk.driver.TestConnections.*;
import static dev.tusk.driver.reliability.Outcomes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.TestConnections;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import dev.tusk.testkit.fault.Fault;
import dev.tusk.testkit.fault.FaultProxy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cancellation chaos test's findings, one deterministic case each: a cancel that lands in the
 * gap between two protocol steps. A latency on the route holds the gap open long enough to hit it
 * every time.
 */
@ExtendWith(PostgresExtension.class)
class CancelAtTheWrongMomentIT {
  private static final Duration LATENCY = Duration.ofMillis(100);
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final PostgresServer server;
  private FaultProxy proxy;
  private PgConnection connection;

  CancelAtTheWrongMomentIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    proxy = FaultProxy.start(server.host(), server.port());
    connection = TestConnections.connect(options(server).withHost(proxy.host(), proxy.port()));
    await(connection.simpleQuery("CREATE TEMP TABLE copied (n int)"));
    proxy.set(Fault.latency(LATENCY));
  }

  @AfterEach
  void close() {
    await(connection.close());
    proxy.close();
  }

  /** A source whose closing is observed. */
  private static final class Rows extends ByteArrayInputStream {
    final AtomicBoolean closed = new AtomicBoolean();

    Rows() {
      super("1\n2\n3\n".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void aCopyCancelledBeforeTheServerEntersCopyModeDoesNotLeaveTheConnectionStuckInIt() {
    var rows = new Rows();
    var copy = connection.copyIn("COPY copied FROM STDIN", rows);
    try {
      Thread.sleep(LATENCY.toMillis() / 4);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // the COPY is on the wire; the server's CopyInResponse is still on its way back
    assertTrue(copy.cancel(true));
    assertThrows(CancellationException.class, copy::join);
    long start = System.nanoTime();
    var next = connection.query("SELECT count(*) FROM copied");
    assertEquals(0, failsOrValue(next, start), "the copy was rolled back and the connection answers again");
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
    assertTrue(eventually(DEADLINE, rows.closed::get), "the unread source was closed");
  }

  @Test
  void aCopyThatFailsBeforeCopyModeClosesItsUnreadSource() {
    var rows = new Rows();
    PgException failure = failure(connection.copyIn("COPY no_such_table FROM STDIN", rows));
    assertTrue(failure.isSyntaxErrorOrAccessRuleViolation(), failure.getMessage());
    assertTrue(eventually(DEADLINE, rows.closed::get), "the source was closed although it was never read");
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0));
  }

  @Test
  void cancellingALoanWhileThePoolCleansTheConnectionUpKeepsTheConnection() {
    PgPool pool = PgPool.create(options(server).withHost(proxy.host(), proxy.port()), PoolOptions.defaults().maxSize(1));
    try {
      await(pool.query("SELECT 1"));
      // the body ends with a transaction open: the pool's ROLLBACK then takes a round trip (200 ms)
      var begun = new AtomicBoolean();
      var loan = pool.withConnection(c -> c.execute("BEGIN").thenApply(count -> {
        begun.set(true);
        return count;
      }));
      assertTrue(eventually(DEADLINE, begun::get), "the body ran");
      try {
        Thread.sleep(LATENCY.toMillis() / 2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      // the body is done and the pool is rolling back: this cancel must not cancel the pool's ROLLBACK
      assertTrue(loan.cancel(true));
      assertTrue(eventually(DEADLINE, () -> pool.stats().inUse() == 0), pool.stats().toString());
      assertEquals(0, pool.stats().discarded(), "a healthy connection is kept: " + pool.stats());
      assertEquals(2, await(pool.query("SELECT 2")).one().getInt(0));
    } finally {
      await(pool.close());
    }
  }

  private static long failsOrValue(java.util.concurrent.CompletableFuture<dev.tusk.driver.RowSet> future, long start) {
    try {
      return future.get(DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).one().getLong(0);
    } catch (Exception e) {
      throw new AssertionError("the next command did not complete within " + DEADLINE + " (" + millisSince(start) + " ms)", e);
    }
  }
}
