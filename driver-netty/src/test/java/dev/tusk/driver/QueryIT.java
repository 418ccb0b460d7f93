package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Both query protocols, row access, command tags, and server errors with all their fields. */
@ExtendWith(PostgresExtension.class)
class QueryIT {
  private final PostgresServer server;
  private final List<PgNotice> notices = new CopyOnWriteArrayList<>();
  private PgConnection connection;

  QueryIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    connection = TestConnections.connect(options(server).withNoticeListener(notices::add));
  }

  @AfterEach
  void close() {
    await(connection.close());
  }

  @Test
  void simpleQueryReturnsOneResultPerStatement() {
    List<RowSet> results = await(connection.simpleQuery(
        "CREATE TEMP TABLE t (id int, name text); INSERT INTO t VALUES (1, 'a'), (2, NULL); SELECT * FROM t ORDER BY id;"));
    assertEquals(3, results.size());
    assertEquals("CREATE TABLE", results.get(0).commandTag());
    assertEquals("INSERT 0 2", results.get(1).commandTag());
    assertEquals(2, results.get(1).rowsAffected());
    RowSet rows = results.get(2);
    assertEquals(2, rows.size());
    assertEquals(List.of("id", "name"), rows.columns().stream().map(ColumnDescriptor::name).toList());
    assertEquals(1, rows.get(0).getInt("id"));
    assertEquals("a", rows.get(0).getString(1));
    assertTrue(rows.get(1).isNull("name"));
    assertNull(rows.get(1).getString("name"));
    List<RowSet> empty = await(connection.simpleQuery(""));
    assertEquals(1, empty.size(), "an empty query string gives one empty result");
    assertEquals("", empty.get(0).commandTag());
  }

  @Test
  void simpleQueryStopsAtTheFirstErrorAndReportsIt() {
    PgException failure = failure(connection.simpleQuery("SELECT 1; SELECT * FROM no_such_table; SELECT 3"));
    assertEquals(SqlState.UNDEFINED_TABLE, failure.sqlState());
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0), "the connection stays usable");
  }

  @Test
  void extendedQueryBindsParametersOfEveryScalarKind() {
    Row row = await(connection.query("SELECT $1::int AS i, $2::bigint AS b, $3::smallint AS s, $4::float8 AS d, "
        + "$5::float4 AS f, $6::bool AS t, $7::text AS txt, $8::bytea AS raw, $9::text AS nothing",
        7, 1L << 40, (short) 3, 2.5, 1.5f, true, "héllo ✓", new byte[] {1, 2, (byte) 0xff}, null)).one();
    assertEquals(7, row.getInt("i"));
    assertEquals(1L << 40, row.getLong("b"));
    assertEquals((short) 3, row.get("s"));
    assertEquals(2.5, row.getDouble("d"));
    assertEquals(1.5f, row.get("f", Float.class));
    assertTrue(row.getBoolean("t"));
    assertEquals("héllo ✓", row.getString("txt"));
    assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, row.get("raw", byte[].class));
    assertNull(row.get("nothing"));
  }

  @Test
  void secondExecutionOfAStatementReturnsBinaryResults() {
    String sql = "SELECT $1::int AS n, 'x'::text AS s";
    RowSet first = await(connection.query(sql, 1));
    RowSet second = await(connection.query(sql, 2));
    assertFalse(first.columns().get(0).isBinary(), "the first execution cannot know the types in time");
    assertTrue(second.columns().get(0).isBinary(), "later executions ask for binary");
    assertEquals(1, first.one().getInt("n"));
    assertEquals(2, second.one().getInt("n"));
    assertEquals("x", second.one().getString("s"));
  }

  /** Every execution parses the unnamed statement again, with Bind written before the description: text each time. */
  @Test
  void withoutNamedStatementsResultsAreAlwaysText() {
    for (PgConnectOptions unnamed : List.of(options(server).withNamedStatements(false), options(server).withStatementCacheSize(0),
        PgConnectOptions.parse(server.url() + (server.url().contains("?") ? "&" : "?") + "sslmode=disable&pgbouncer=true"))) {
      PgConnection pgbouncerLike = TestConnections.connect(unnamed);
      try {
        for (int i = 1; i <= 3; i++) {
          RowSet result = await(pgbouncerLike.query("SELECT $1::int AS n, now() AS t", i));
          assertFalse(result.columns().get(0).isBinary(), "execution " + i + " of " + unnamed);
          assertFalse(result.columns().get(1).isBinary());
          assertEquals(i, result.one().getInt("n"));
        }
      } finally {
        await(pgbouncerLike.close());
      }
    }
  }

  @Test
  void stringsBindWithTheTypeTheServerInfers() {
    await(connection.simpleQuery("CREATE TEMP TABLE typed (id uuid, day date, doc jsonb, n int)"));
    long inserted = await(connection.execute("INSERT INTO typed VALUES ($1, $2, $3, $4)",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "2024-02-29", "{\"a\": 1}", "42"));
    assertEquals(1, inserted);
    Row row = await(connection.query("SELECT id::text, day::text, doc::text, n FROM typed")).one();
    assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", row.getString(0));
    assertEquals("2024-02-29", row.getString(1));
    assertEquals("{\"a\": 1}", row.getString(2));
    assertEquals(42, row.getInt(3));
  }

  @Test
  void commandTagsGiveAffectedRowCounts() {
    await(connection.simpleQuery("CREATE TEMP TABLE counted (n int)"));
    assertEquals(3, await(connection.execute("INSERT INTO counted SELECT generate_series(1, 3)")));
    assertEquals(2, await(connection.execute("UPDATE counted SET n = n + 1 WHERE n > $1", 1)));
    assertEquals(3, await(connection.execute("DELETE FROM counted")));
    RowSet select = await(connection.query("SELECT 1 FROM generate_series(1, 5)"));
    assertEquals("SELECT 5", select.commandTag());
    assertEquals(5, select.rowsAffected());
  }

  @Test
  void serverErrorsCarryEveryField() {
    await(connection.simpleQuery("CREATE TEMP TABLE uniq (id int CONSTRAINT uniq_pk PRIMARY KEY)"));
    await(connection.execute("INSERT INTO uniq VALUES ($1)", 1));
    PgException failure = failure(connection.execute("INSERT INTO uniq VALUES ($1)", 1));
    assertTrue(failure.isUniqueViolation());
    assertTrue(failure.isIntegrityConstraintViolation());
    assertTrue(failure.isServerError());
    assertEquals("ERROR", failure.severity());
    assertEquals("uniq_pk", failure.constraint());
    assertEquals("uniq", failure.table());
    assertNotNull(failure.schema());
    assertNotNull(failure.detail());
    assertNotNull(failure.routine());
    assertEquals(SqlState.UNIQUE_VIOLATION, failure.fields().get('C'));
  }

  /** RAISE inside a PL/pgSQL function sets every field the caller can choose, and the server adds WHERE. */
  @Test
  void raisedErrorsCarryHintWhereColumnDataTypeAndTheOtherChosenFields() {
    await(connection.simpleQuery("""
        CREATE FUNCTION pg_temp.refuse(n int) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'refused % items', n USING ERRCODE = '22023', DETAIL = 'the detail', HINT = 'the hint',
            COLUMN = 'the_column', CONSTRAINT = 'the_constraint', DATATYPE = 'the_type', TABLE = 'the_table',
            SCHEMA = 'the_schema';
        END $$"""));
    PgException failure = failure(connection.query("SELECT pg_temp.refuse($1)", 3));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure.sqlState());
    assertEquals("refused 3 items", failure.serverMessage());
    assertEquals("the detail", failure.detail());
    assertEquals("the hint", failure.hint());
    assertEquals("the_column", failure.column());
    assertEquals("the_constraint", failure.constraint());
    assertEquals("the_type", failure.dataType());
    assertEquals("the_table", failure.table());
    assertEquals("the_schema", failure.schema());
    assertNotNull(failure.where());
    assertTrue(failure.where().startsWith("PL/pgSQL function pg_temp") && failure.where().contains("refuse(integer)")
        && failure.where().endsWith("at RAISE"), failure.where());
    assertNull(failure.internalQuery(), "no query of its own failed");
    assertEquals(0, failure.position(), "the error is not at a place in the statement");
    assertTrue(failure.getMessage().contains("refused 3 items") && failure.getMessage().contains("Hint: the hint"),
        failure.getMessage());
  }

  /** A statement run by a function (EXECUTE) fails as the internal query, with its own position. */
  @Test
  void anErrorInSqlRunInsideAFunctionReportsTheInternalQuery() {
    String inner = "SELECT 1 FROMM nowhere";
    await(connection.simpleQuery("CREATE FUNCTION pg_temp.run_inner() RETURNS void LANGUAGE plpgsql AS $$"
        + " BEGIN EXECUTE '" + inner + "'; END $$"));
    PgException failure = failure(connection.query("SELECT pg_temp.run_inner()"));
    assertEquals(SqlState.SYNTAX_ERROR, failure.sqlState());
    assertEquals(inner, failure.internalQuery());
    assertEquals(Integer.toString(inner.indexOf("nowhere") + 1), failure.fields().get('p'), "internal position");
    assertEquals(0, failure.position(), "the outer statement is fine");
    assertTrue(failure.where() != null && failure.where().contains("at EXECUTE"), failure.where());
    assertEquals("syntax error at or near \"nowhere\"", failure.serverMessage());
  }

  @Test
  void notNullAndDomainViolationsNameTheColumnAndTheType() {
    await(connection.simpleQuery("CREATE TEMP TABLE person (id int, name text NOT NULL)"));
    PgException notNull = failure(connection.execute("INSERT INTO person VALUES ($1, $2)", 1, null));
    assertTrue(notNull.isNotNullViolation(), notNull.sqlState());
    assertTrue(notNull.isIntegrityConstraintViolation());
    assertFalse(notNull.isUniqueViolation() || notNull.isCheckViolation() || notNull.isDeadlock());
    assertEquals("name", notNull.column());
    assertEquals("person", notNull.table());
    assertTrue(notNull.schema().startsWith("pg_temp"), notNull.schema());
    assertNull(notNull.dataType());

    // domains cannot be temporary: a name of its own, dropped again
    await(connection.simpleQuery("DROP DOMAIN IF EXISTS query_it_positive; CREATE DOMAIN query_it_positive AS int CHECK (VALUE > 0)"));
    try {
      PgException domain = failure(connection.query("SELECT $1::query_it_positive", -1));
      assertTrue(domain.isCheckViolation(), domain.sqlState());
      assertEquals("query_it_positive", domain.dataType());
      assertEquals("public", domain.schema());
      assertEquals("query_it_positive_check", domain.constraint());
      assertNull(domain.column());
    } finally {
      await(connection.simpleQuery("DROP DOMAIN query_it_positive"));
    }
  }

  /** Two transactions that lock rows in opposite order: the server breaks the cycle, and says so with 40P01. */
  @Test
  void aRealDeadlockIsReportedAsOne() {
    await(connection.simpleQuery("DROP TABLE IF EXISTS query_it_locks; CREATE TABLE query_it_locks (id int PRIMARY KEY);"
        + " INSERT INTO query_it_locks VALUES (1), (2)"));
    PgConnectOptions quickDetection = options(server).withServerSetting("deadlock_timeout", "100ms");
    PgConnection first = TestConnections.connect(quickDetection);
    PgConnection second = TestConnections.connect(quickDetection);
    try {
      await(first.execute("BEGIN"));
      await(second.execute("BEGIN"));
      await(first.execute("UPDATE query_it_locks SET id = id WHERE id = 1"));
      await(second.execute("UPDATE query_it_locks SET id = id WHERE id = 2"));
      var firstWaits = first.execute("UPDATE query_it_locks SET id = id WHERE id = 2");
      var secondWaits = second.execute("UPDATE query_it_locks SET id = id WHERE id = 1");
      List<PgException> failures = new java.util.ArrayList<>();
      for (var waiting : List.of(firstWaits, secondWaits)) {
        try {
          await(waiting);
        } catch (PgException e) {
          failures.add(e);
        }
      }
      assertEquals(1, failures.size(), "the server aborts exactly one of the two: " + failures);
      PgException deadlock = failures.get(0);
      assertTrue(deadlock.isDeadlock(), deadlock.sqlState() + " " + deadlock.getMessage());
      assertTrue(deadlock.isTransientTransactionFailure());
      assertFalse(deadlock.isSerializationFailure());
      assertNotNull(deadlock.detail(), "the server describes the cycle");
    } finally {
      await(first.close());
      await(second.close());
      await(connection.simpleQuery("DROP TABLE query_it_locks"));
    }
  }

  /** RowDescription's source table and column, type size and modifier, in both protocols. */
  @Test
  void columnMetadataDescribesTheSourceColumnAndItsType() {
    await(connection.simpleQuery("CREATE TEMP TABLE described (id int, label varchar(10), price numeric(8, 2), code char(3))"));
    int tableOid = (int) await(connection.query("SELECT 'described'::regclass::oid")).one().getLong(0);
    String sql = "SELECT id, label, price, code, id + 1 AS computed FROM described";
    for (RowSet result : List.of(await(connection.simpleQuery(sql)).get(0), await(connection.query(sql)), await(connection.query(sql)))) {
      List<ColumnDescriptor> columns = result.columns();
      for (int i = 0; i < 4; i++) {
        assertEquals(tableOid, columns.get(i).tableOid(), columns.get(i).name());
        assertEquals(i + 1, columns.get(i).columnNumber(), columns.get(i).name());
      }
      assertEquals(new ColumnDescriptor("id", tableOid, (short) 1, 23, (short) 4, -1, columns.get(0).format()), columns.get(0));
      // a varchar(n)'s and a char(n)'s modifier is n plus the 4-byte header
      assertEquals(1043, columns.get(1).typeOid());
      assertEquals(-1, columns.get(1).typeSize(), "variable width");
      assertEquals(10 + 4, columns.get(1).typeModifier());
      // numeric(p, s): ((p << 16) | s) plus the header
      assertEquals(1700, columns.get(2).typeOid());
      assertEquals(((8 << 16) | 2) + 4, columns.get(2).typeModifier());
      assertEquals(1042, columns.get(3).typeOid());
      assertEquals(3 + 4, columns.get(3).typeModifier());
      ColumnDescriptor computed = columns.get(4);
      assertEquals(0, computed.tableOid(), "an expression has no source table");
      assertEquals(0, computed.columnNumber());
      assertEquals(-1, computed.typeModifier());
      assertEquals(4, computed.typeSize());
    }
  }

  @Test
  void syntaxErrorsReportThePosition() {
    PgException failure = failure(connection.query("SELECT 1 FROMM nowhere"));
    assertEquals(SqlState.SYNTAX_ERROR, failure.sqlState());
    assertTrue(failure.position() > 0);
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0), "the connection stays usable");
  }

  @Test
  void aFailedStatementDoesNotPoisonTheCachedOneAfterIt() {
    PgException failure = failure(connection.query("SELECT $1::int", "not a number"));
    assertEquals("22P02", failure.sqlState());
    assertEquals(5, await(connection.query("SELECT $1::int", "5")).one().getInt(0));
  }

  @Test
  void errorsInsideATransactionBlockReportTheAbortedState() {
    await(connection.execute("BEGIN"));
    failure(connection.query("SELECT 1/0"));
    assertEquals(TransactionStatus.FAILED, connection.transactionStatus());
    PgException aborted = failure(connection.query("SELECT 1"));
    assertTrue(aborted.isInFailedTransaction());
    await(connection.execute("ROLLBACK"));
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  @Test
  void noticesGoToTheListener() {
    await(connection.simpleQuery("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$"));
    assertTrue(notices.stream().anyMatch(notice -> notice.message().equals("hello 42") && notice.severity().equals("NOTICE")),
        notices.toString());
  }

  @Test
  void parameterStatusChangesAreTracked() {
    await(connection.execute("SET application_name = 'tusk-test'"));
    assertEquals("tusk-test", connection.serverParameters().get("application_name"));
    assertNotNull(connection.serverParameters().get("server_version"));
    assertEquals("on", connection.serverParameters().get("integer_datetimes"));
    assertTrue(connection.processId() > 0);
  }

  @Test
  void emptyStatementAndStatementsWithoutRows() {
    RowSet empty = await(connection.query(""));
    assertEquals(0, empty.size());
    RowSet none = await(connection.query("SET search_path = public"));
    assertEquals("SET", none.commandTag());
    assertTrue(none.columns().isEmpty());
  }

  @Test
  void rowAccessErrorsAreClear() {
    Row row = await(connection.query("SELECT NULL::int AS n, 'x' AS s")).one();
    PgException nullInt = assertThrows(PgException.class, () -> row.getInt("n"));
    assertTrue(nullInt.getMessage().contains("NULL"));
    PgException missing = assertThrows(PgException.class, () -> row.get("nope"));
    assertEquals(SqlState.UNDEFINED_COLUMN, missing.sqlState());
    assertThrows(PgException.class, () -> row.get("s", Integer.class));
    assertEquals("x", row.get("S", String.class), "labels match case-insensitively when no exact match exists");
    assertThrows(PgException.class, () -> await(connection.query("SELECT 1 UNION SELECT 2")).one());
  }

  @Test
  void copyThroughAPlainQueryFailsInsteadOfHanging() {
    await(connection.simpleQuery("CREATE TEMP TABLE copied (n int)"));
    PgException viaExtended = failure(connection.query("COPY copied FROM STDIN"));
    assertEquals("57014", viaExtended.sqlState(), viaExtended.getMessage());
    PgException viaSimple = failure(connection.simpleQuery("COPY copied FROM STDIN"));
    assertEquals("57014", viaSimple.sqlState(), viaSimple.getMessage());
    PgException out = failure(connection.query("COPY (SELECT 1) TO STDOUT"));
    assertEquals(SqlState.FEATURE_NOT_SUPPORTED, out.sqlState());
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0));
  }

  @Test
  void unsupportedParameterTypesFailFastWithoutTouchingTheConnection() {
    PgException failure = failure(connection.query("SELECT $1", new Object()));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure.sqlState());
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0));
  }

  @Test
  void tooManyParametersIsATypedError() {
    Object[] parameters = new Object[70_000];
    java.util.Arrays.fill(parameters, 1);
    PgException failure = failure(connection.query("SELECT 1", parameters));
    assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, failure.sqlState());
  }

  @Test
  void closedConnectionRejectsNewCommands() {
    await(connection.close());
    assertFalse(connection.isOpen());
    PgException failure = failure(connection.query("SELECT 1"));
    assertEquals(SqlState.CONNECTION_DOES_NOT_EXIST, failure.sqlState());
    connection = TestConnections.connect(options(server));
  }
}
