package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The explicit atomic batch: one Sync for many statements. */
@ExtendWith(PostgresExtension.class)
class BatchIT {
  private final PostgresServer server;
  private PgConnection connection;

  BatchIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    connection = TestConnections.connect(options(server));
    await(connection.simpleQuery("CREATE TEMP TABLE accounts (id int PRIMARY KEY, balance int CHECK (balance >= 0))"));
  }

  @AfterEach
  void close() {
    await(connection.close());
  }

  @Test
  void allStatementsTakeEffectTogether() {
    List<RowSet> results = await(connection.batch(List.of(
        Query.of("INSERT INTO accounts VALUES ($1, $2)", 1, 100),
        Query.of("INSERT INTO accounts VALUES ($1, $2)", 2, 50),
        Query.of("SELECT sum(balance) FROM accounts"))));
    assertEquals(3, results.size());
    assertEquals(1, results.get(0).rowsAffected());
    assertEquals(150, results.get(2).one().getLong(0));
  }

  @Test
  void oneFailureUndoesTheWholeBatch() {
    await(connection.execute("INSERT INTO accounts VALUES (1, 100), (2, 0)"));
    PgException failure = failure(connection.batch(List.of(
        Query.of("UPDATE accounts SET balance = balance + $1 WHERE id = $2", 10, 2),
        Query.of("UPDATE accounts SET balance = balance - $1 WHERE id = $2", 500, 1),
        Query.of("SELECT 1"))));
    assertTrue(failure.isCheckViolation(), failure.getMessage());
    assertEquals(0, await(connection.query("SELECT balance FROM accounts WHERE id = 2")).one().getInt(0),
        "the first update was rolled back with the failing one");
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  /** A batch is one unit: its statements' timeouts add up to the batch's, which cancels it on the server. */
  @Test
  void aBatchRunsUnderTheSumOfItsStatementsTimeouts() {
    long start = System.nanoTime();
    PgException failure = failure(connection.batch(List.of(
        Query.of("INSERT INTO accounts VALUES (7, 70)").timeout(java.time.Duration.ofMillis(150)),
        Query.of("SELECT pg_sleep(30)").timeout(java.time.Duration.ofMillis(150)))));
    assertInstanceOf(PgTimeoutException.class, failure);
    assertEquals(java.time.Duration.ofMillis(300), ((PgTimeoutException) failure).timeout());
    assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(10), "cancelled on the server");
    assertEquals(0, await(connection.query("SELECT count(*) FROM accounts WHERE id = 7")).one().getLong(0),
        "the batch was undone as a whole");
  }

  @Test
  void executeManyInsertsEveryParameterSet() {
    List<List<?>> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rows.add(List.of(i, i * 2));
    }
    assertEquals(1000L, await(connection.executeMany("INSERT INTO accounts VALUES ($1, $2)", rows)));
    assertEquals(999_000L, await(connection.query("SELECT sum(balance) FROM accounts")).one().getLong(0));
  }

  @Test
  void aBatchWithAStatementThatFailsToParseLeavesTheCacheConsistent() {
    PgException failure = failure(connection.batch(List.of(
        Query.of("SELECT $1::int", 1),
        Query.of("SELEC broken"),
        Query.of("SELECT $1::text", "never parsed"))));
    assertEquals(SqlState.SYNTAX_ERROR, failure.sqlState());
    assertEquals("now", await(connection.query("SELECT $1::text", "now")).one().getString(0));
    assertEquals(1, await(connection.query("SELECT $1::int", 1)).one().getInt(0));
  }
}
