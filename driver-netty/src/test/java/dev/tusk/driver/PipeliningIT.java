package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Automatic pipelining: many commands in flight on one connection, each with its own outcome. */
@ExtendWith(PostgresExtension.class)
class PipeliningIT {
  private final PostgresServer server;
  private PgConnection connection;

  PipeliningIT(PostgresServer server) {
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
  void tenThousandPipelinedStatementsWithFailuresInterleavedEachGetTheirOwnOutcome() throws Exception {
    var random = new Random(7);
    int count = 10_000;
    List<CompletableFuture<RowSet>> futures = new ArrayList<>(count);
    boolean[] failing = new boolean[count];
    for (int i = 0; i < count; i++) {
      failing[i] = random.nextInt(10) == 0;
      // a failing statement divides by zero; its neighbours must not notice
      futures.add(connection.query("SELECT $1::int AS n, 100 / $2::int AS q", i, failing[i] ? 0 : 1));
    }
    for (int i = 0; i < count; i++) {
      if (failing[i]) {
        var failure = assertThrows(ExecutionException.class, futures.get(i)::get, "statement " + i);
        assertEquals("22012", ((PgException) failure.getCause()).sqlState());
      } else {
        Row row = futures.get(i).get().one();
        assertEquals(i, row.getInt("n"), "statement " + i + " got its own result");
        assertEquals(100, row.getInt("q"));
      }
    }
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  @Test
  void differentStatementsMixedInOnePipelineKeepTheirOrder() throws Exception {
    await(connection.simpleQuery("CREATE TEMP TABLE ordered (n int)"));
    List<CompletableFuture<Long>> inserts = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      inserts.add(connection.execute("INSERT INTO ordered VALUES ($1)", i));
    }
    CompletableFuture<RowSet> count = connection.query("SELECT count(*) AS c, max(n) AS m FROM ordered");
    for (var insert : inserts) {
      assertEquals(1, insert.get());
    }
    assertEquals(500, count.get().one().getLong("c"), "the select ran after every insert before it");
    assertEquals(499, count.get().one().getInt("m"));
  }

  @Test
  void insideATransactionBlockAnErrorAbortsTheRestAsTheServerDoes() throws Exception {
    var begin = connection.execute("BEGIN");
    var ok = connection.query("SELECT 1");
    var bad = connection.query("SELECT 1/0");
    var after = connection.query("SELECT 2");
    var rollback = connection.execute("ROLLBACK");
    begin.get();
    assertEquals(1, ok.get().one().getInt(0));
    assertEquals("22012", ((PgException) assertThrows(ExecutionException.class, bad::get).getCause()).sqlState());
    PgException aborted = (PgException) assertThrows(ExecutionException.class, after::get).getCause();
    assertTrue(aborted.isInFailedTransaction(), aborted.getMessage());
    rollback.get();
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  @Test
  void aStatementParsedByACommandStillInFlightIsReusedWithoutWaiting() throws Exception {
    String sql = "SELECT $1::text || '!' AS shout";
    List<CompletableFuture<RowSet>> futures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      futures.add(connection.query(sql, "hey" + i));
    }
    for (int i = 0; i < 50; i++) {
      assertEquals("hey" + i + "!", futures.get(i).get().one().getString("shout"));
    }
  }

  @Test
  void aFailedParseDoesNotBreakTheCommandsPipelinedBehindIt() throws Exception {
    String broken = "SELECT * FROM missing_table_" + System.nanoTime();
    var first = connection.query(broken);
    var second = connection.query(broken);
    var fine = connection.query("SELECT 3");
    assertEquals(SqlState.UNDEFINED_TABLE, ((PgException) assertThrows(ExecutionException.class, first::get).getCause()).sqlState());
    assertEquals(SqlState.UNDEFINED_TABLE, ((PgException) assertThrows(ExecutionException.class, second::get).getCause()).sqlState(),
        "the second use re-prepares and gets the real error, not 'prepared statement does not exist'");
    assertEquals(3, fine.get().one().getInt(0));
  }

  @Test
  void pipelineDepthOfOneStillCompletesEverything() throws Exception {
    PgConnection narrow = TestConnections.connect(options(server).withPipelineDepth(1));
    try {
      List<CompletableFuture<RowSet>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(narrow.query("SELECT $1::int", i));
      }
      for (int i = 0; i < 200; i++) {
        assertEquals(i, futures.get(i).get().one().getInt(0));
      }
    } finally {
      await(narrow.close());
    }
  }

  /**
   * A producer that never waits for results: past max_queued_commands its commands fail at once,
   * typed, while those already queued run, and the connection stays usable.
   */
  @Test
  void aProducerThatNeverWaitsIsStoppedAtTheQueueBoundNotByTheHeap() throws Exception {
    PgConnection bounded = TestConnections.connect(options(server).withPipelineDepth(1).withMaxQueuedCommands(8));
    try {
      var slow = bounded.query("SELECT pg_sleep(0.3)");
      List<CompletableFuture<RowSet>> burst = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        burst.add(bounded.query("SELECT $1::int", i));
      }
      await(slow);
      int refused = 0;
      int answered = 0;
      for (int i = 0; i < burst.size(); i++) {
        try {
          assertEquals(i, burst.get(i).get(5, java.util.concurrent.TimeUnit.SECONDS).one().getInt(0));
          answered++;
        } catch (ExecutionException e) {
          assertEquals(SqlState.CONFIGURATION_LIMIT_EXCEEDED, ((PgException) e.getCause()).sqlState());
          refused++;
        }
      }
      // the slow one is in flight; at most 8 wait behind it, the rest of the burst is refused
      assertTrue(answered <= 8 && answered >= 1, "answered " + answered);
      assertEquals(50 - answered, refused);
      assertEquals(1, await(bounded.query("SELECT 1")).one().getInt(0));
    } finally {
      await(bounded.close());
    }
  }
}
