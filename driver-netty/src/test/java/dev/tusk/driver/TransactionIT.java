package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Transactions and savepoints on one connection, async and blocking. */
@ExtendWith(PostgresExtension.class)
class TransactionIT {
  private final PostgresServer server;
  private PgConnection connection;

  TransactionIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    connection = TestConnections.connect(options(server));
    await(connection.simpleQuery("CREATE TEMP TABLE ledger (id int PRIMARY KEY, note text)"));
  }

  @AfterEach
  void close() {
    await(connection.close());
  }

  private long count() {
    return await(connection.query("SELECT count(*) FROM ledger")).one().getLong(0);
  }

  @Test
  void withTransactionCommitsOnSuccessAndRollsBackOnFailure() {
    await(connection.withTransaction(tx -> tx.execute("INSERT INTO ledger VALUES (1, 'kept')")));
    assertEquals(1, count());
    var boom = new IllegalStateException("boom");
    var failure = assertThrows(IllegalStateException.class, () -> await(connection.withTransaction(tx ->
        tx.execute("INSERT INTO ledger VALUES (2, 'lost')").thenCompose(n -> CompletableFuture.failedFuture(boom)))));
    assertSame(boom, failure);
    assertEquals(1, count());
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  @Test
  void nestedTransactionsAreSavepointsAndAnInnerFailureRollsBackOnlyItself() {
    await(connection.withTransaction(outer -> outer.execute("INSERT INTO ledger VALUES (1, 'outer')")
        .thenCompose(n -> outer.withTransaction(inner -> inner.execute("INSERT INTO ledger VALUES (2, 'inner')")
            .thenCompose(m -> inner.execute("INSERT INTO ledger VALUES (1, 'duplicate')")))
            .handle((ok, failure) -> {
              assertNotNull(failure, "the inner transaction failed");
              return 0L;
            }))
        .thenCompose(n -> outer.execute("INSERT INTO ledger VALUES (3, 'after')"))));
    assertEquals(2, count(), "outer rows committed, the inner savepoint's row rolled back");
    assertEquals(0, await(connection.query("SELECT count(*) FROM ledger WHERE id = 2")).one().getLong(0));
  }

  @Test
  void blockingNestedTransactionsBehaveTheSame() {
    BlockingConnection blocking = connection.blocking();
    blocking.inTransaction(tx -> {
      tx.execute("INSERT INTO ledger VALUES (1, 'outer')");
      assertThrows(PgException.class, () -> tx.inTransaction(inner -> {
        inner.execute("INSERT INTO ledger VALUES (2, 'inner')");
        return inner.execute("INSERT INTO ledger VALUES (1, 'duplicate')");
      }));
      tx.execute("INSERT INTO ledger VALUES (3, 'after')");
      return null;
    });
    assertEquals(2, count());
  }

  @Test
  void aFailureAtCommitReachesTheCaller() {
    await(connection.simpleQuery("CREATE TEMP TABLE parent (id int PRIMARY KEY); "
        + "CREATE TEMP TABLE child (parent int REFERENCES parent DEFERRABLE INITIALLY DEFERRED)"));
    PgException failure = failure(connection.withTransaction(tx -> tx.execute("INSERT INTO child VALUES (42)")));
    assertTrue(failure.isForeignKeyViolation(), failure.getMessage());
    assertTrue(failure.transactionRolledBack());
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  /**
   * Write skew under SERIALIZABLE: each transaction reads what the other writes. Both statements
   * succeed; the conflict is found when the second commits, and that COMMIT's 40001 reaches the
   * caller as a rolled-back transaction (so withRetry would run it again).
   */
  @Test
  void aSerializationFailureAtCommitReachesTheCallerAsRolledBack() {
    String table = "oncall_" + System.nanoTime();
    await(connection.simpleQuery("CREATE TABLE " + table + " (doctor text PRIMARY KEY, on_call boolean NOT NULL); "
        + "INSERT INTO " + table + " VALUES ('alice', true), ('bob', true)"));
    PgConnection other = TestConnections.connect(options(server));
    try {
      TxOptions serializable = TxOptions.isolation(Isolation.SERIALIZABLE);
      PgTransaction first = await(connection.begin(serializable));
      PgTransaction second = await(other.begin(serializable));
      String onCall = "SELECT count(*) FROM " + table + " WHERE on_call";
      assertEquals(2, await(connection.query(onCall)).one().getLong(0));
      assertEquals(2, await(other.query(onCall)).one().getLong(0));
      await(connection.execute("UPDATE " + table + " SET on_call = false WHERE doctor = 'alice'"));
      await(other.execute("UPDATE " + table + " SET on_call = false WHERE doctor = 'bob'"));
      await(first.commit());
      PgException failure = failure(second.commit());
      assertTrue(failure.isSerializationFailure(), failure.toString());
      assertTrue(failure.transactionRolledBack());
      assertTrue(RetryPolicy.serializable(3).shouldRetry(failure, 1), "a retry policy would run it again");
      assertEquals(TransactionStatus.IDLE, other.transactionStatus());
      assertEquals(1, await(connection.query(onCall)).one().getLong(0), "only the first transaction's change is there");
    } finally {
      await(other.close());
      await(connection.execute("DROP TABLE " + table));
    }
  }

  @Test
  void committingATransactionInWhichAStatementFailedIsAnErrorNotASilentRollback() {
    PgException failure = failure(connection.withTransaction(tx -> tx.execute("INSERT INTO ledger VALUES (1, 'x')")
        .thenCompose(n -> tx.execute("SELECT 1/0").handle((ok, ignored) -> 0L))));
    assertEquals(SqlState.TRANSACTION_ROLLBACK, failure.sqlState());
    assertEquals(0, count());
  }

  @Test
  void readOnlyTransactionsRejectWrites() {
    // temporary tables stay writable in a read-only transaction; DDL does not
    PgException failure = failure(connection.withTransaction(TxOptions.readOnly(false),
        tx -> tx.execute("CREATE TABLE read_only_" + System.nanoTime() + " (n int)")));
    assertEquals(SqlState.READ_ONLY_SQL_TRANSACTION, failure.sqlState());
    Row settings = await(connection.withTransaction(TxOptions.readOnly(true),
        tx -> tx.query("SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only'), "
            + "current_setting('transaction_deferrable')"))).one();
    assertEquals("serializable", settings.getString(0));
    assertEquals("on", settings.getString(1));
    assertEquals("on", settings.getString(2));
  }

  @Test
  void beginReadOnlyDeferrableGivesASerializableReadOnlySnapshotThatRefusesWrites() {
    PgTransaction tx = await(connection.beginReadOnly(true));
    Row settings = await(connection.query("SELECT current_setting('transaction_isolation'), "
        + "current_setting('transaction_read_only'), current_setting('transaction_deferrable')")).one();
    assertEquals("serializable", settings.getString(0));
    assertEquals("on", settings.getString(1));
    assertEquals("on", settings.getString(2));
    PgException write = failure(connection.execute("CREATE TABLE read_only_" + System.nanoTime() + " (n int)"));
    assertEquals(SqlState.READ_ONLY_SQL_TRANSACTION, write.sqlState());
    await(tx.rollback());
    PgTransaction plain = await(connection.beginReadOnly(false));
    Row plainSettings = await(connection.query("SELECT current_setting('transaction_read_only'), "
        + "current_setting('transaction_deferrable')")).one();
    assertEquals("on", plainSettings.getString(0));
    assertEquals("off", plainSettings.getString(1));
    await(plain.commit());
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  @Test
  void isolationLevelsAreApplied() {
    for (Isolation level : Isolation.values()) {
      String actual = await(connection.withTransaction(TxOptions.isolation(level),
          tx -> tx.query("SELECT current_setting('transaction_isolation')"))).one().getString(0);
      assertEquals(level.sql().toLowerCase(), actual);
    }
  }

  @Test
  void misuseIsATypedErrorNeverAHang() {
    PgTransaction tx = await(connection.begin(TxOptions.defaults()));
    PgException secondBegin = failure(connection.begin(TxOptions.defaults()));
    assertEquals(SqlState.ACTIVE_SQL_TRANSACTION, secondBegin.sqlState());
    await(tx.commit());
    PgException twice = failure(tx.commit());
    assertEquals(SqlState.INVALID_TRANSACTION_STATE, twice.sqlState());
    assertEquals(SqlState.INVALID_TRANSACTION_STATE, failure(tx.rollback()).sqlState());
    await(connection.execute("BEGIN"));
    PgException overRaw = failure(connection.withTransaction(c -> c.execute("SELECT 1")));
    assertEquals(SqlState.ACTIVE_SQL_TRANSACTION, overRaw.sqlState(), "never a silent join with a raw BEGIN");
    await(connection.execute("ROLLBACK"));
  }

  @Test
  void cancellingATransactionRollsItBackAndLeavesTheConnectionIdle() throws Exception {
    var running = connection.withTransaction(tx -> tx.execute("INSERT INTO ledger VALUES (1, 'x')")
        .thenCompose(n -> tx.query("SELECT pg_sleep(30)")));
    Thread.sleep(300);
    assertTrue(running.cancel(true));
    assertThrows(CancellationException.class, running::join);
    assertEquals(0, count(), "rolled back");
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  @Test
  void blockingCallsOnTheEventLoopAreRefused() {
    // the sleep makes sure the callback runs on the event loop, not on this thread after the fact
    PgException refused = failure(connection.query("SELECT pg_sleep(0.05)").thenApply(rows -> connection.blocking().query("SELECT 2")));
    assertEquals(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, refused.sqlState());
    assertTrue(refused.getMessage().contains("event-loop"), refused.getMessage());
  }

  /**
   * When the connection dies under a transaction, the body's statement and the ROLLBACK fail with
   * the same exception: the transaction must still end with it (adding it to itself as suppressed
   * threw inside a callback, and the transaction's future never completed).
   */
  @Test
  void aTransactionWhoseConnectionDiesEndsWithAConnectionFailureInsteadOfHanging() {
    PgConnection doomed = TestConnections.connect(options(server));
    var ending = doomed.withTransaction(tx -> {
      tx.query("SELECT pg_terminate_backend(pg_backend_pid())");
      return tx.query("SELECT 1");
    });
    PgException failure = failure(ending);
    assertTrue(failure.isConnectionFailure(), failure.toString());
    assertTrue(failure.transactionRolledBack());
    assertFalse(doomed.isOpen());
  }
}
