package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Streaming results with backpressure. */
@ExtendWith(PostgresExtension.class)
class StreamingIT {
  private final PostgresServer server;
  private PgConnection connection;

  StreamingIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    connection = TestConnections.connect(options(server));
  }

  @AfterEach
  void close() {
    await(connection.close());
  }

  @Test
  void streamsEveryRowInOrderThroughTheBlockingFacade() {
    try (Stream<Row> rows = connection.stream("SELECT n, 'row ' || n AS label FROM generate_series(1, $1::int) n", 20_000).stream()) {
      long[] expected = {1};
      rows.forEach(row -> {
        assertEquals(expected[0], row.getLong("n"));
        assertEquals("row " + expected[0], row.getString("label"));
        expected[0]++;
      });
      assertEquals(20_001, expected[0]);
    }
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0));
  }

  @Test
  void theSubscriberGetsNoMoreRowsThanItRequested() throws Exception {
    var received = new AtomicLong();
    var done = new CountDownLatch(1);
    var subscription = new CompletableFuture<Flow.Subscription>();
    connection.stream("SELECT generate_series(1, 100000)").subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { subscription.complete(s); s.request(10); }
      @Override public void onNext(Row item) { received.incrementAndGet(); }
      @Override public void onError(Throwable throwable) { done.countDown(); }
      @Override public void onComplete() { done.countDown(); }
    });
    Thread.sleep(500);
    assertEquals(10, received.get(), "exactly the demand");
    subscription.get().request(Long.MAX_VALUE);
    assertTrue(done.await(30, TimeUnit.SECONDS));
    assertEquals(100_000, received.get());
  }

  /** Inside a transaction the stream sees the transaction's own writes, and the transaction goes on after it. */
  @Test
  void streamsInsideATransactionAndTheTransactionContinues() {
    await(connection.execute("BEGIN"));
    await(connection.execute("CREATE TEMP TABLE streamed (n int)"));
    await(connection.execute("INSERT INTO streamed SELECT generate_series(1, 5000)"));
    long sum;
    try (Stream<Row> rows = connection.stream("SELECT n FROM streamed ORDER BY n").stream()) {
      sum = rows.mapToLong(row -> row.getLong(0)).sum();
    }
    assertEquals(5000L * 5001 / 2, sum, "the uncommitted rows of this transaction were streamed");
    assertEquals(TransactionStatus.IN_TRANSACTION, connection.transactionStatus());
    await(connection.execute("INSERT INTO streamed VALUES (0)"));
    await(connection.execute("COMMIT"));
    assertEquals(5001, await(connection.query("SELECT count(*) FROM streamed")).one().getLong(0));
  }

  /** Closing a stream early inside a transaction stops the query; ROLLBACK then ends the transaction cleanly. */
  @Test
  void closingAStreamEarlyInsideATransactionLeavesARollbackableSession() {
    await(connection.execute("BEGIN"));
    try (Stream<Row> rows = connection.stream("SELECT generate_series(1, 50000000) AS n").stream()) {
      assertEquals(1000, rows.limit(1000).count());
    }
    assertNotEquals(TransactionStatus.IDLE, connection.transactionStatus(), "still inside the transaction the caller began");
    await(connection.execute("ROLLBACK"));
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
    assertEquals(3, await(connection.query("SELECT 3")).one().getInt(0));
  }

  @Test
  void cancellingMidStreamStopsTheQueryAndLeavesTheConnectionUsable() {
    long start = System.nanoTime();
    try (Stream<Row> rows = connection.stream("SELECT generate_series(1, 50000000) AS n").stream()) {
      Iterator<Row> iterator = rows.iterator();
      for (int i = 0; i < 1000; i++) {
        assertEquals(i + 1, iterator.next().getLong(0));
      }
    }
    assertEquals(2, await(connection.query("SELECT 2")).one().getInt(0));
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "the 50-million-row query did not run to its end");
  }

  @Test
  void anErrorMidStreamReachesTheSubscriber() {
    var rows = connection.stream("SELECT 10 / (5000 - n) FROM generate_series(1, 10000) n").stream();
    PgException failure = assertThrows(PgException.class, () -> rows.forEach(row -> { }));
    assertEquals("22012", failure.sqlState());
    assertEquals(3, await(connection.query("SELECT 3")).one().getInt(0));
  }

  @Test
  void aStreamRunsOnceForOneSubscriber() {
    RowStream stream = connection.stream("SELECT 1");
    assertEquals(1, stream.stream().count());
    assertThrows(IllegalStateException.class, () -> stream.stream().count());
  }

  @Test
  void aSlowConsumerDoesNotHoldUpOtherConnectionsOnTheSameEventLoop() throws Exception {
    // more connections than event-loop threads: some share a loop with the slow one
    int others = Runtime.getRuntime().availableProcessors() * 2;
    List<PgConnection> connections = new ArrayList<>();
    for (int i = 0; i < others; i++) {
      connections.add(TestConnections.connect(options(server)));
    }
    var slowStarted = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    connection.stream("SELECT generate_series(1, 100000)").subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
      @Override public void onNext(Row item) {
        slowStarted.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      @Override public void onError(Throwable throwable) { }
      @Override public void onComplete() { }
    });
    assertTrue(slowStarted.await(10, TimeUnit.SECONDS));
    try {
      for (PgConnection other : connections) {
        assertEquals(5, other.query("SELECT 5").get(5, TimeUnit.SECONDS).one().getInt(0));
      }
    } finally {
      release.countDown();
      for (PgConnection other : connections) {
        await(other.close());
      }
    }
  }
}
