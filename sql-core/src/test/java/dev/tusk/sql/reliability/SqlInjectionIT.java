package dev.tusk.sql.reliability;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.types.PgTypes.TEXT;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.sql.Column;
import dev.tusk.sql.Table;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.cache.StatementCache;
import dev.tusk.sql.compile.BoundSql;
import dev.tusk.sql.compile.DdlCompiler;
import dev.tusk.sql.compile.SqlCompiler;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SQL injection: hostile values and hostile identifiers — quotes, semicolons, comments,
 * backslashes, dollar quotes, Unicode escapes and look-alikes — pushed through sql-core's compiler
 * and statement cache and executed by the driver against the real server. A canary table must never
 * be touched, values must come back exactly as they went in, and a hostile name must name exactly
 * the table or column it spells, nothing more.
 *
 * <p>Every statement is compiled by sql-core ({@link StatementCache#prepare}, {@link SqlCompiler},
 * {@link DdlCompiler}) and run with the SQL and parameters it produced, as an executor would.
 */
@ExtendWith(PostgresExtension.class)
class SqlInjectionIT {
  private static final String SCHEMA = "sql_injection";
  private static final String CANARY_SECRET = "the canary is alive";

  /** Strings an attacker would try, as values and as names. */
  static final List<String> HOSTILE = List.of(
      "'", "''", "\"", "\\", "\\'", "\\\"", "'; DROP TABLE canary; --", "\"; DROP TABLE canary; --",
      "Robert'); DROP TABLE canary;--", "' OR '1'='1", "1 OR 1=1", "x' OR canary.secret IS NOT NULL --",
      "/* comment */", "*/ DROP TABLE canary; /*", "-- trailing comment", "a--b", "$$; DROP TABLE canary; $$", "$tag$ x $tag$",
      "E'\\''", "\\x27; DELETE FROM canary; --", "U&'\\0027'", "U&\"\\0041\"", "\\u0027", "\u2019; DROP TABLE canary; --",
      "\uFF07; DROP TABLE canary; --", "\u02BC", ";", "; ; ;", "\r\nDELETE FROM canary;\r\n", "\t\n\u000b\f",
      "$1", "$2::text", "?", ":name", "%s%n", "{0}", "NULL", "null", "TRUE", "DEFAULT", "😀 emoji", "é",
      "canary", "CANARY", "pg_catalog.pg_class", "public.canary", "x\u200Bcanary", "a\"b\"\"c", "'''''''''");

  private static final java.util.concurrent.atomic.AtomicInteger STATEMENTS = new java.util.concurrent.atomic.AtomicInteger();
  private static PgConnection connection;
  /** The canary row's ctid and xmin when it was written. */
  private static String canaryTuple;
  private final StatementCache cache = new StatementCache();

  /** A table whose name and column name are chosen at run time. */
  static class Hostile extends Table {
    final Column<Integer> id;
    final Column<String> value;

    Hostile(String tableName, String columnName) {
      super(tableName);
      id = column("id", dev.tusk.sql.types.PgTypes.INTEGER);
      value = column(columnName, TEXT);
    }
  }

  /** The fixed table values are stored in. */
  static final class Victims extends Table {
    final Column<Integer> id = column("id", dev.tusk.sql.types.PgTypes.INTEGER);
    final Column<String> v = column("v", TEXT);

    Victims() {
      super("victims");
    }
  }

  private static final Victims VICTIMS = new Victims();

  @BeforeAll
  static void createSchema(PostgresServer server) {
    String url = server.externalUrl() != null ? server.externalUrl() : server.url() + "?sslmode=disable";
    connection = await(PgConnection.connect(PgConnectOptions.parse(url).withServerSetting("search_path", SCHEMA)));
    await(connection.simpleQuery("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE; CREATE SCHEMA " + SCHEMA
        + "; CREATE TABLE canary (id int PRIMARY KEY, secret text NOT NULL)"));
    await(connection.query("INSERT INTO canary VALUES (1, $1)", CANARY_SECRET));
    Row tuple = await(connection.query("SELECT ctid::text, xmin::text FROM canary")).one();
    canaryTuple = tuple.getString(0) + "/" + tuple.getString(1);
    for (String ddl : DdlCompiler.createAll(List.of(VICTIMS.definition()), List.of(), false)) {
      await(connection.simpleQuery(ddl));
    }
  }

  @AfterAll
  static void dropSchema() {
    System.out.printf("sql injection: %d hostile strings, %d statements compiled by sql-core and executed; canary untouched%n",
        HOSTILE.size(), STATEMENTS.get());
    await(connection.simpleQuery("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE"));
    await(connection.close());
  }

  @BeforeEach
  void emptyVictims() {
    await(connection.simpleQuery("TRUNCATE victims"));
  }

  /**
   * The canary is there with its one row, the very same tuple as when it was written: an UPDATE, or
   * a DELETE and INSERT of the same values, would give it a new {@code ctid} and {@code xmin}.
   */
  private static void canaryUntouched() {
    RowSet rows = await(connection.query("SELECT id, secret, ctid::text, xmin::text FROM canary"));
    assertEquals(1, rows.size(), "the canary has its one row");
    assertEquals(CANARY_SECRET, rows.one().getString("secret"));
    assertEquals(canaryTuple, rows.one().getString(2) + "/" + rows.one().getString(3), "the canary row was never rewritten");
  }

  private RowSet run(Statement statement) {
    STATEMENTS.incrementAndGet();
    BoundSql bound = cache.prepare(statement);
    return await(connection.query(bound.sql(), bound.parameters().toArray()));
  }

  // ---- values

  @Test
  void hostileValuesRoundTripExactlyThroughInsertSelectUpdateAndDelete() {
    for (int i = 0; i < HOSTILE.size(); i++) {
      String value = HOSTILE.get(i);
      run(insert(VICTIMS).values(VICTIMS.id, i).values(VICTIMS.v, value));
      RowSet found = run(select(VICTIMS.id, VICTIMS.v).from(VICTIMS).where(VICTIMS.v.eq(value)));
      assertEquals(1, found.size(), "exactly the row holding " + value);
      assertEquals(value, found.one().getString(1), "the value comes back exactly");
      assertEquals(i, found.one().getInt(0));
      run(update(VICTIMS).set(VICTIMS.v, updated(value)).where(VICTIMS.v.eq(value)));
      assertEquals(updated(value), run(select(VICTIMS.v).from(VICTIMS).where(VICTIMS.id.eq(i))).one().getString(0));
    }
    // in lists, LIKE patterns and concatenation carry them as values too
    List<String> updated = HOSTILE.stream().map(SqlInjectionIT::updated).toList();
    RowSet all = run(select(VICTIMS.id).from(VICTIMS).where(VICTIMS.v.in(updated)));
    assertEquals(HOSTILE.size(), all.size(), "an IN list of hostile values matches each once");
    for (String value : HOSTILE) {
      RowSet echoed = run(select(value(value).concat(VICTIMS.v.concat(value))).from(VICTIMS).limit(1));
      assertTrue(echoed.one().getString(0).startsWith(value), value);
      likeOrEscapeError(select(VICTIMS.id).from(VICTIMS).where(VICTIMS.v.like(value)));
    }
    run(delete(VICTIMS).where(VICTIMS.v.in(updated)));
    assertEquals(0, run(select(VICTIMS.id).from(VICTIMS)).size());
    canaryUntouched();
  }

  /**
   * Runs a statement with a hostile LIKE pattern. A pattern is data with a meaning of its own: one
   * that ends in the escape character (a backslash) is refused by the server (22025), as it should be.
   */
  private void likeOrEscapeError(Statement statement) {
    try {
      run(statement);
    } catch (PgException e) {
      assertEquals("22025", e.sqlState(), e.getMessage());
    }
  }

  /** An updated value no other hostile value equals. */
  private static String updated(String value) {
    return "updated\u0001" + value;
  }

  @Test
  void aNulInAValueIsRefusedByTheServerNotCutShort() {
    BoundSql bound = cache.prepare(insert(VICTIMS).values(VICTIMS.id, 1).values(VICTIMS.v, "before\0'; DROP TABLE canary; --"));
    PgException failure = failure(connection.query(bound.sql(), bound.parameters().toArray()));
    assertEquals("22021", failure.sqlState(), failure.getMessage());
    assertEquals(0, run(select(VICTIMS.id).from(VICTIMS)).size());
    canaryUntouched();
  }

  // ---- identifiers

  @Test
  void hostileTableAndColumnNamesNameExactlyWhatTheySpell() {
    java.util.Set<String> expected = new java.util.TreeSet<>(tables());
    for (String name : HOSTILE) {
      if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 60) {
        continue; // PostgreSQL truncates names to 63 bytes; see identifiersLongerThanPostgresAllows…
      }
      var table = new Hostile(name, name);
      List<String> ddl = DdlCompiler.createAll(List.of(table.definition()), List.of(), false);
      if (name.equals("canary")) {
        // it names the canary itself: the server refuses to create it twice, and nothing changes
        assertEquals("42P07", failure(connection.simpleQuery(ddl.get(0))).sqlState());
        canaryUntouched();
        continue;
      }
      for (String statement : ddl) {
        await(connection.simpleQuery(statement));
      }
      expected.add(name);
      long exists = await(connection.query("SELECT count(*) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
          + "WHERE c.relnamespace = $1::regnamespace AND c.relname = $2 AND a.attname = $2", SCHEMA, name)).one().getLong(0);
      assertEquals(1, exists, "a table named exactly " + name + " with a column named exactly so");
      run(insert(table).values(table.id, 1).values(table.value, name));
      RowSet rows = run(select(table.value, table.id.as(name)).from(table).where(table.value.eq(name)).orderBy(table.value));
      assertEquals(name, rows.one().getString(0));
      assertEquals(name, rows.columns().get(1).name(), "an alias spelled like an attack is just a name");
      Victims aliased = alias(VICTIMS, "alias " + name);
      run(select(aliased.v, table.value).from(aliased).join(table, aliased.id.eq(table.id)));
      run(update(table).set(table.value, "updated").where(table.id.eq(1)));
      run(delete(table).where(table.value.eq("updated")));
      assertEquals(0, run(select(table.id).from(table)).size());
      canaryUntouched();
    }
    assertEquals(expected, new java.util.TreeSet<>(tables()),
        "one table per hostile name: nothing else was created, nothing dropped");
  }

  private static List<String> tables() {
    return await(connection.query("SELECT relname FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'r'",
        SCHEMA)).stream().map(row -> row.getString(0)).toList();
  }

  @Test
  void aNulInAnIdentifierIsRefusedBeforeAnythingIsSent() {
    var table = new Hostile("nul\0; DROP TABLE canary", "v");
    assertThrows(IllegalArgumentException.class, () -> cache.prepare(select(table.value).from(table)));
    assertThrows(IllegalArgumentException.class, () -> DdlCompiler.createAll(List.of(table.definition()), List.of(), false));
    canaryUntouched();
  }

  /**
   * PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1), with a NOTICE: two names that
   * differ only after that byte name the same table. sql-core passes such names on unchanged, so
   * this test records the server's behaviour as it is; it cannot reach any table whose name is not
   * the first 63 bytes of the one written.
   */
  @Test
  void identifiersLongerThanPostgresAllowsAreTruncatedByTheServerNotInterpreted() {
    String prefix = "l".repeat(63);
    var first = new Hostile(prefix + "'; DROP TABLE canary; --", "v");
    for (String ddl : DdlCompiler.createAll(List.of(first.definition()), List.of(), false)) {
      await(connection.simpleQuery(ddl));
    }
    var second = new Hostile(prefix + "\"; DELETE FROM canary; --", "v");
    run(insert(second).values(second.id, 7).values(second.value, "through the truncated name"));
    assertEquals("through the truncated name", run(select(first.value).from(first).where(first.id.eq(7))).one().getString(0));
    assertEquals(1, await(connection.query("SELECT count(*) FROM pg_class WHERE relname = $1", prefix)).one().getLong(0));
    canaryUntouched();
  }

  // ---- DDL literals

  @Test
  void hostileCommentsAreStoredAsTextNotRunAsStatements() {
    List<String> comments = new ArrayList<>();
    for (String text : HOSTILE) {
      var table = new Hostile("commented", "v") {
        @Override
        protected String comment() {
          return text;
        }
      };
      await(connection.simpleQuery("DROP TABLE IF EXISTS commented"));
      for (String ddl : DdlCompiler.createAll(List.of(table.definition()), List.of(), false)) {
        await(connection.simpleQuery(ddl));
      }
      comments.add(await(connection.query("SELECT obj_description($1::regclass, 'pg_class')", SCHEMA + ".commented"))
          .one().getString(0));
    }
    assertEquals(HOSTILE, comments, "each comment reads back exactly as written");
    canaryUntouched();
  }

  @Test
  void renderedStatementsCarryHostileValuesOnlyAsParameters() {
    java.util.Set<String> sql = new java.util.HashSet<>();
    for (String value : HOSTILE) {
      BoundSql bound = SqlCompiler.render(select(VICTIMS.v).from(VICTIMS).where(or(VICTIMS.v.eq(value), VICTIMS.v.like(value))));
      sql.add(bound.sql());
      assertEquals(List.of(value, value), bound.parameters());
      likeOrEscapeError(select(VICTIMS.v).from(VICTIMS).where(or(VICTIMS.v.eq(value), VICTIMS.v.like(value))));
    }
    assertEquals(1, sql.size(), "every value gave the same SQL text: values never reach it " + sql);
    canaryUntouched();
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static PgException failure(CompletableFuture<?> future) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return assertInstanceOf(PgException.class, e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }
}
