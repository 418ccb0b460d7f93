package dev.tusk.sql.exec;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.exec.ExecSchema.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.Isolation;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.RetryPolicy;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TxOptions;
import dev.tusk.sql.AsyncConnection;
import dev.tusk.sql.AsyncEngine;
import dev.tusk.sql.Engine;
import dev.tusk.sql.Result;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.cache.StatementCache;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine's future-returning face ({@link Engine#async()}): statements, transactions with
 * savepoints, read-only transactions (as the blocking API's), a retried transaction, an advisory lock, streaming with backpressure, and a pipelined
 * burst of 1,000 statements of one shape on one connection that compiles once.
 */
@ExtendWith(PostgresExtension.class)
class AsyncEngineIT {
  private static final String SCHEMA = "exec_async";
  private static final long WAIT_SECONDS = 30;
  private static Engine engine;
  private static AsyncEngine async;

  @BeforeAll
  static void createAndFill(PostgresServer server) {
    engine = TestEngines.inFreshSchema(server, SCHEMA, PoolOptions.defaults().maxSize(4));
    async = engine.async();
    engine.begin(conn -> METADATA.createAll(conn));
  }

  @BeforeEach
  void refill() {
    engine.begin(conn -> {
      ExecSchema.truncate(conn);
      ExecSchema.fill(conn);
    });
  }

  @AfterAll
  static void dropSchema() {
    TestEngines.dropSchemaAndClose(engine, SCHEMA);
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static List<String> counterKeys() {
    return engine.withConnection(conn -> conn.all(select(COUNTERS.key).from(COUNTERS).orderBy(COUNTERS.key)))
        .stream().map(row -> row.get(COUNTERS.key)).toList();
  }

  @Test
  void statementsCompleteWithTypedResults() throws Exception {
    List<String> names = await(async.execute(select(PEOPLE.name).from(PEOPLE).where(PEOPLE.mood.eq(Mood.HAPPY))
        .orderBy(PEOPLE.id)).thenApply(result -> result.stream().map(row -> row.get(PEOPLE.name)).toList()));
    assertEquals(List.of("alice", "dave"), names);
    Result inserted = await(async.execute(insert(PEOPLE).values(PEOPLE.name, "async").returning(PEOPLE.id)));
    assertEquals(100L, inserted.one().get(PEOPLE.id));
    var failed = assertThrows(ExecutionException.class, () -> await(async.execute(insert(PEOPLE).values(PEOPLE.name, "alice"))));
    assertInstanceOf(PgException.class, failed.getCause());
    assertTrue(((PgException) failed.getCause()).isUniqueViolation());
  }

  @Test
  void transactionsCommitOrRollBackAndNestAsSavepoints() throws Exception {
    await(async.withTransaction(conn -> conn.execute(insert(COUNTERS).values(COUNTERS.key, "committed").values(COUNTERS.hits, 1))
        .thenCompose(done -> conn.withTransaction(TxOptions.defaults(), inner ->
            inner.execute(insert(COUNTERS).values(COUNTERS.key, "rolled back").values(COUNTERS.hits, 1))
                .thenCompose(ignored -> inner.execute(insert(COUNTERS).values(COUNTERS.key, "committed").values(COUNTERS.hits, 2))))
            .handle((result, failure) -> failure != null ? "inner failed" : "inner committed"))
        .thenCompose(inner -> {
          assertEquals("inner failed", inner);
          return conn.execute(insert(COUNTERS).values(COUNTERS.key, "after").values(COUNTERS.hits, 1));
        })));
    assertEquals(List.of("after", "committed"), counterKeys(), "the failed savepoint took its own insert only");

    assertThrows(ExecutionException.class, () -> await(async.withTransaction(conn ->
        conn.execute(insert(COUNTERS).values(COUNTERS.key, "doomed").values(COUNTERS.hits, 1))
            .thenCompose(done -> conn.execute(text("SELECT 1/0"))))));
    assertEquals(List.of("after", "committed"), counterKeys(), "the whole failed transaction rolled back");
  }

  /** {@return the current transaction's isolation level, read-only and deferrable settings, as the server reports them} */
  private static CompletableFuture<List<Object>> transactionSettings(AsyncConnection conn) {
    return conn.execute(text("SELECT current_setting('transaction_isolation') AS isolation, "
            + "current_setting('transaction_read_only') AS read_only, "
            + "current_setting('transaction_deferrable') AS deferrable"))
        .thenApply(result -> {
          SqlRow row = result.one();
          return List.of(row.get("isolation"), row.get("read_only"), row.get("deferrable"));
        });
  }

  private static String sqlStateOf(ExecutionException failure) {
    return assertInstanceOf(PgException.class, failure.getCause()).sqlState();
  }

  @Test
  void beginReadOnlyMirrorsTheBlockingOneAndRejectsWrites() throws Exception {
    assertEquals(List.of("serializable", "on", "on"), await(async.beginReadOnly(AsyncEngineIT::transactionSettings)),
        "SERIALIZABLE READ ONLY DEFERRABLE, as Engine.beginReadOnly");
    assertEquals(5L, (long) await(async.beginReadOnly(conn -> conn.execute(select(count()).from(PEOPLE))
        .thenApply(result -> result.<Long>scalar()))), "reads are fine");
    var insert = assertThrows(ExecutionException.class, () -> await(async.beginReadOnly(conn ->
        conn.execute(insert(COUNTERS).values(COUNTERS.key, "nope").values(COUNTERS.hits, 1)))));
    assertEquals(SqlState.READ_ONLY_SQL_TRANSACTION, sqlStateOf(insert));
    var update = assertThrows(ExecutionException.class, () -> await(async.beginReadOnly(conn ->
        conn.execute(update(PEOPLE).set(PEOPLE.age, 1).where(PEOPLE.id.eq(1L))))));
    assertEquals(SqlState.READ_ONLY_SQL_TRANSACTION, sqlStateOf(update));
    assertEquals(List.of(), counterKeys(), "nothing was written");
    assertEquals(30, (int) engine.<Integer>withConnection(conn -> conn.scalar(select(PEOPLE.age).from(PEOPLE)
        .where(PEOPLE.id.eq(1L)))));
  }

  @Test
  void readOnlyAndIsolationOptionsReachTheServerAndHoldInSavepoints() throws Exception {
    assertEquals(List.of("read committed", "on", "off"),
        await(async.withTransaction(TxOptions.readOnly(false), AsyncEngineIT::transactionSettings)),
        "READ ONLY alone, at the default isolation level");
    assertEquals(List.of("repeatable read", "off", "off"),
        await(async.withTransaction(Isolation.REPEATABLE_READ, AsyncEngineIT::transactionSettings)));
    var nested = assertThrows(ExecutionException.class, () -> await(async.withTransaction(TxOptions.readOnly(false),
        conn -> conn.withTransaction(TxOptions.defaults(), savepoint -> savepoint.execute(
            insert(COUNTERS).values(COUNTERS.key, "nope").values(COUNTERS.hits, 1))))));
    assertEquals(SqlState.READ_ONLY_SQL_TRANSACTION, sqlStateOf(nested), "a savepoint stays in the read-only transaction");
    assertEquals(List.of(), counterKeys());
  }

  @Test
  void aPipelinedBurstOfAThousandStatementsOfOneShapeCompilesOnce() throws Exception {
    var fresh = Engine.of(engine.pool(), new StatementCache());
    List<Long> returned = await(fresh.async().withConnection(conn -> {
      // every execute() returns at once; the statements queue up and go out pipelined
      var futures = new ArrayList<CompletableFuture<Result>>(1000);
      for (int i = 0; i < 1000; i++) {
        futures.add(conn.execute(insert(COUNTERS).values(COUNTERS.key, "k" + i).values(COUNTERS.hits, i)
            .returning(COUNTERS.hits)));
      }
      return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(done -> futures.stream()
          .map(future -> (long) future.join().one().get(COUNTERS.hits)).toList());
    }));
    assertEquals(LongStream.range(0, 1000).boxed().toList(), returned,
        "every statement ran, and results come back in the order the statements were issued");
    var stats = fresh.statementCache().stats();
    assertEquals(List.of(999L, 1L, 1), List.of(stats.hits(), stats.misses(), stats.size()), stats.toString());
    assertEquals(1000L, (long) engine.<Long>withConnection(conn -> conn.scalar(select(count()).from(COUNTERS))));
  }

  @Test
  void executeManyIsOneAtomicRoundTrip() throws Exception {
    long affected = await(async.withConnection(conn -> conn.executeMany(List.of(
        insert(COUNTERS).values(COUNTERS.key, "a").values(COUNTERS.hits, 1),
        insert(COUNTERS).values(COUNTERS.key, "b").values(COUNTERS.hits, 1),
        delete(COUNTERS).where(COUNTERS.key.eq("a"))))));
    assertEquals(3, affected);
    assertEquals(List.of("b"), counterKeys());
    assertThrows(ExecutionException.class, () -> await(async.withConnection(conn -> conn.executeMany(List.of(
        insert(COUNTERS).values(COUNTERS.key, "c").values(COUNTERS.hits, 1),
        insert(COUNTERS).values(COUNTERS.key, "b").values(COUNTERS.hits, 1))))));
    assertEquals(List.of("b"), counterKeys());
  }

  @Test
  void streamingDeliversRowsAsRequested() throws Exception {
    var series = functionTable(func("generate_series", BIGINT, value(1L), value(5000L)), "g", "n");
    var n = series.column("n", BIGINT);
    var done = new CompletableFuture<Long>();
    var received = new AtomicInteger();
    var outstanding = new AtomicInteger();
    var exceeded = new AtomicInteger();
    await(async.withConnection(conn -> {
      conn.stream(select(n).from(series)).subscribe(new Flow.Subscriber<>() {
        private Flow.Subscription subscription;
        private long sum;

        @Override public void onSubscribe(Flow.Subscription s) {
          subscription = s;
          outstanding.set(10);
          s.request(10);
        }

        @Override public void onNext(SqlRow row) {
          if (outstanding.decrementAndGet() < 0) {
            exceeded.incrementAndGet();
          }
          sum += row.get(n);
          if (received.incrementAndGet() % 10 == 0) {
            outstanding.addAndGet(10);
            subscription.request(10);
          }
        }

        @Override public void onError(Throwable failure) { done.completeExceptionally(failure); }
        @Override public void onComplete() { done.complete(sum); }
      });
      return done;
    }));
    assertEquals(5000, received.get());
    assertEquals(5000L * 5001 / 2, done.join());
    assertEquals(0, exceeded.get(), "never more rows than requested");
  }

  @Test
  void withRetryRunsTheTransactionAgain() throws Exception {
    var attempts = new AtomicInteger();
    String outcome = await(async.withRetry(RetryPolicy.serializable(5), TxOptions.isolation(Isolation.SERIALIZABLE),
        conn -> {
          int attempt = attempts.incrementAndGet();
          var work = conn.execute(insert(COUNTERS).values(COUNTERS.key, "try " + attempt).values(COUNTERS.hits, attempt));
          return attempt < 3
              ? work.thenCompose(done -> conn.execute(text(
                  "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END $$"))).thenApply(r -> "unreachable")
              : work.thenApply(done -> "attempt " + attempt);
        }));
    assertEquals("attempt 3", outcome);
    assertEquals(List.of("try 3"), counterKeys(), "the failed attempts rolled back");
  }

  @Test
  void advisoryLockIsHeldDuringTheWorkAndReleasedAfter() throws Exception {
    long held = await(async.advisoryLock(4242L, conn -> conn.execute(text(
            "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid::bigint = :key AND granted")
        .bind("key", 4242L)).thenApply(result -> (Long) result.one().get("n"))));
    assertEquals(1, held);
    long after = engine.withConnection(conn -> conn.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid::bigint = $1", 4242L).one().get(0, Long.class));
    assertEquals(0, after);
  }

  @Test
  void aFailureWhileBindingIsAFailedFutureNotAThrow() {
    var future = async.execute(text("SELECT :missing"));
    var failure = assertThrows(CompletionException.class, future::join);
    assertInstanceOf(IllegalStateException.class, failure.getCause());
  }
}
