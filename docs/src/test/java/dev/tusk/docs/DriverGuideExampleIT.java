package dev.tusk.docs;

import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.CopyRows;
import dev.tusk.driver.Isolation;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.Query;
import dev.tusk.driver.RetryPolicy;
import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.TxOptions;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The examples of docs/driver.md and docs/pool-and-transactions.md, run against a real server so
 * the guide cannot drift from the code. Each method is one section of the guide.
 */
@ExtendWith(PostgresExtension.class)
class DriverGuideExampleIT {
  private final String url;

  DriverGuideExampleIT(PostgresServer server) {
    this.url = server.url() + "?sslmode=disable";
  }

  @Test
  void connectingAndQuerying() {
    // --- guide: connecting
    PgConnection conn = PgConnection.connect(url).join();
    RowSet rows = conn.query("SELECT $1::int AS id, $2 AS name", 7, "tusk").join();
    Row row = rows.one();
    assertEquals(7, row.getInt("id"));
    assertEquals("tusk", row.getString("name"));
    List<RowSet> script = conn.simpleQuery("CREATE TEMP TABLE t (v text); INSERT INTO t VALUES ('a'), ('b')").join();
    assertEquals(2, script.get(1).rowsAffected());
    // --- end
    conn.close().join();
  }

  @Test
  void pipeliningCancellationAndTimeouts() {
    PgConnection conn = PgConnection.connect(url).join();
    // --- guide: pipelining
    List<CompletableFuture<RowSet>> futures = IntStream.range(0, 100)
        .mapToObj(id -> conn.query("SELECT $1::int * 2", id))
        .toList();                                   // all 100 go out in one flush
    int sum = futures.stream().mapToInt(f -> f.join().one().getInt(0)).sum();
    // --- end
    assertEquals(9900, sum);
    // --- guide: cancellation
    var slow = conn.query("SELECT pg_sleep(10)");
    slow.cancel(true);                               // CancelRequest sent; the caller sees CancellationException
    assertThrows(CancellationException.class, slow::join);
    var limited = conn.query(Query.of("SELECT pg_sleep(10)").timeout(Duration.ofMillis(200)));
    PgException timeout = assertThrows(PgException.class, () -> join(limited));
    assertTrue(timeout.isQueryCanceled());
    assertEquals(1, conn.query("SELECT 1").join().one().getInt(0));   // still usable
    // --- end
    conn.close().join();
  }

  @Test
  void streamingCopyAndNotifications() {
    PgConnection conn = PgConnection.connect(url).join();
    // --- guide: streaming
    try (Stream<Row> rows = conn.stream("SELECT n FROM generate_series(1, 1000000) n").stream()) {
      long total = rows.mapToLong(row -> row.getLong(0)).sum();
      assertEquals(500_000_500_000L, total);
    }
    // --- guide: copy
    conn.simpleQuery("CREATE TEMP TABLE points (x int, label text)").join();
    long copied = conn.copyIn("COPY points FROM STDIN",
        CopyRows.text(List.of(List.of(1, "one"), List.of(2, "two")))).join();
    assertEquals(2, copied);
    // --- end
    conn.close().join();
  }

  @Test
  void poolTransactionsRetryAndVirtualThreads() throws Exception {
    // --- guide: pool
    PgPool pool = PgPool.create(url, PoolOptions.defaults().maxSize(10));
    pool.withTransaction(conn -> conn.execute("CREATE TABLE IF NOT EXISTS tbl (id serial, val text)")
            .thenCompose(done -> conn.execute("INSERT INTO tbl (val) VALUES ($1)", "abc")))
        .thenCompose(done -> pool.query("SELECT id, val FROM tbl"))
        .thenAccept(rows -> rows.forEach(r -> System.out.println(r.getInt("id") + " " + r.getString("val"))))
        .join();
    // --- guide: blocking on virtual threads
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var future = executor.submit(() -> pool.inTransaction(tx -> {
        tx.execute("UPDATE tbl SET val = $1 WHERE val = $2", "ABC", "abc");
        return tx.query("SELECT count(*) FROM tbl WHERE val = $1", "ABC").one().getLong(0);
      }));
      assertTrue(future.get() >= 1);
    }
    // --- guide: retry
    long updated = pool.inTransactionWithRetry(RetryPolicy.serializable(10), TxOptions.isolation(Isolation.SERIALIZABLE),
        tx -> tx.execute("UPDATE tbl SET val = lower(val)"));
    assertTrue(updated >= 1);
    // --- guide: advisory locks
    String result = pool.advisoryLock(42L, conn -> conn.query("SELECT 'only one at a time'")
        .thenApply(rows -> rows.one().getString(0))).join();
    assertEquals("only one at a time", result);
    // --- end
    pool.withConnection(conn -> conn.execute("DROP TABLE tbl")).join();
    pool.close().join();
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw (RuntimeException) e.getCause();
    }
  }
}
