package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-connection prepared-statement cache and its transparent recovery. */
@ExtendWith(PostgresExtension.class)
class StatementCacheIT {
  private final PostgresServer server;
  private PgConnection connection;
  private PgConnection other;
  private String table;

  StatementCacheIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    connection = TestConnections.connect(options(server));
    other = TestConnections.connect(options(server));
    table = "cached_" + System.nanoTime();
    await(other.simpleQuery("CREATE TABLE " + table + " (id int, name text); INSERT INTO " + table + " VALUES (1, 'one')"));
  }

  @AfterEach
  void close() {
    await(other.simpleQuery("DROP TABLE IF EXISTS " + table));
    await(connection.close());
    await(other.close());
  }

  private long preparedOnServer() {
    return await(connection.query("SELECT count(*) FROM pg_prepared_statements")).one().getLong(0);
  }

  @Test
  void aCachedSelectStarSurvivesAddColumnFromAnotherConnection() {
    String select = "SELECT * FROM " + table + " WHERE id = $1";
    assertEquals(2, await(connection.query(select, 1)).one().size());
    assertEquals(2, await(connection.query(select, 1)).one().size(), "now cached and described");
    await(other.execute("ALTER TABLE " + table + " ADD COLUMN extra int DEFAULT 7"));
    Row row = await(connection.query(select, 1)).one();
    assertEquals(3, row.size(), "re-prepared transparently, with the new column");
    assertEquals(7, row.getInt("extra"));
  }

  @Test
  void insideATransactionAStaleStatementIsATypedErrorThatSaysRetry() {
    String select = "SELECT * FROM " + table + " WHERE id = $1";
    await(connection.query(select, 1));
    await(connection.query(select, 1));
    await(other.execute("ALTER TABLE " + table + " ADD COLUMN extra int"));
    await(connection.execute("BEGIN"));
    PgException failure = failure(connection.query(select, 1));
    assertInstanceOf(PgStaleStatementException.class, failure);
    assertEquals(SqlState.FEATURE_NOT_SUPPORTED, failure.sqlState());
    await(connection.execute("ROLLBACK"));
    assertEquals(3, await(connection.query(select, 1)).one().size(), "after the rollback the statement is prepared anew");
  }

  @Test
  void deallocateAllByTheUserInvalidatesTheCache() {
    String select = "SELECT name FROM " + table + " WHERE id = $1";
    await(connection.query(select, 1));
    assertTrue(preparedOnServer() >= 1);
    await(connection.simpleQuery("DEALLOCATE ALL"));
    assertEquals("one", await(connection.query(select, 1)).one().getString(0));
    await(connection.simpleQuery("DISCARD ALL"));
    assertEquals("one", await(connection.query(select, 1)).one().getString(0));
  }

  /**
   * Inside a transaction a stale statement cannot be retried transparently (PgStaleStatementException),
   * so this passes only if the driver saw the DEALLOCATE and forgot its statements.
   */
  @Test
  void deallocateAllInsideATransactionInvalidatesTheCacheBeforeTheNextUse() {
    String select = "SELECT name FROM " + table + " WHERE id = $1";
    await(connection.query(select, 1));
    await(connection.execute("BEGIN"));
    await(connection.simpleQuery("DEALLOCATE ALL"));
    assertEquals("one", await(connection.query(select, 1)).one().getString(0));
    await(connection.execute("COMMIT"));
  }

  @Test
  void aStatementDeallocatedBehindTheCachesBackIsReprepared() {
    String select = "SELECT name FROM " + table + " WHERE id = $1";
    await(connection.query(select, 1));
    String name = await(connection.query("SELECT name FROM pg_prepared_statements WHERE statement = $1", select)).one().getString(0);
    // a plain query with a DEALLOCATE tag would clear the cache; a function call hides it from the driver
    await(connection.query("SELECT 1 FROM (SELECT set_config('x.y', 'z', false)) s"));
    await(connection.simpleQuery("DO $$ BEGIN EXECUTE 'DEALLOCATE " + name + "'; END $$"));
    assertEquals("one", await(connection.query(select, 1)).one().getString(0), "26000 is recovered from transparently");
  }

  @Test
  void theCacheIsBoundedAndEvictedStatementsAreClosedOnTheServer() {
    PgConnection small = TestConnections.connect(options(server).withStatementCacheSize(5));
    try {
      for (int i = 0; i < 20; i++) {
        await(small.query("SELECT " + i + " + $1::int", i));
      }
      long prepared = await(small.query("SELECT count(*) FROM pg_prepared_statements")).one().getLong(0);
      assertTrue(prepared <= 6, "at most the cache size (plus the counting statement): " + prepared);
    } finally {
      await(small.close());
    }
  }

  /**
   * The same SQL bound with an int and with a string (sent untyped, so the server infers text) is
   * two statements on the server, each typed as bound, and each reused.
   */
  @Test
  void theSameSqlWithOtherParameterTypesIsAnotherStatement() {
    String select = "SELECT $1::text AS v";
    assertEquals("42", await(connection.query(select, 42)).one().getString(0));
    assertEquals("forty-two", await(connection.query(select, "forty-two")).one().getString(0));
    assertEquals("43", await(connection.query(select, 43)).one().getString(0));
    assertEquals("forty-three", await(connection.query(select, "forty-three")).one().getString(0));
    var typings = await(connection.query(
        "SELECT parameter_types::text FROM pg_prepared_statements WHERE statement = $1 ORDER BY 1", select));
    assertEquals(List.of("{integer}", "{text}"), typings.stream().map(row -> row.getString(0)).toList(),
        "one statement per parameter typing, each reused");
  }

  @Test
  void unnamedStatementModeKeepsNothingOnTheServer() {
    PgConnection bouncer = TestConnections.connect(options(server).withNamedStatements(false));
    try {
      for (int i = 0; i < 5; i++) {
        assertEquals(i, await(bouncer.query("SELECT $1::int", i)).one().getInt(0));
      }
      assertEquals(0, await(bouncer.query("SELECT count(*) FROM pg_prepared_statements")).one().getLong(0));
    } finally {
      await(bouncer.close());
    }
  }
}
