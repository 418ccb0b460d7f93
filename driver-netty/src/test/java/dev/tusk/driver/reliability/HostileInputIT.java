package dev.tusk.driver.reliability;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.Query;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TestConnections;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.driver.wire.ProtocolConstants;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import dev.tusk.testkit.TestRole;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input: malformed connection strings, wrong credentials, NUL bytes, invalid UTF-8, too many
 * parameters, values over the server's 1 GB limit, wrong parameter types. Each must end in a clear
 * {@link PgException} with the right SQLSTATE — at once, without a round trip, wherever the driver
 * can tell — and the connection must stay usable wherever the server allows it. Each case's
 * SQLSTATE, what it left behind and its time are printed after the class (the figures of
 * {@code docs/reliability.md}).
 */
@ExtendWith(PostgresExtension.class)
class HostileInputIT {
  /** A password that must never appear in an error. */
  private static final String SECRET = "Hostile-s3cret";

  private static final String USABLE = "connection usable";
  private static final CaseFigures FIGURES = new CaseFigures("hostile input");

  private final PostgresServer server;
  private PgConnection connection;

  HostileInputIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    connection = TestConnections.connect(server);
  }

  @AfterEach
  void close() {
    await(connection.close());
  }

  @AfterAll
  static void printFigures() {
    FIGURES.print();
  }

  /** The connection answers, and is not left in a transaction. */
  private void stillUsable() {
    assertEquals(42, await(connection.query("SELECT $1::int", 42)).one().getInt(0), "the connection is still usable");
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  private static PgException failsAtOnce(CompletableFuture<?> future) {
    assertTrue(future.isCompletedExceptionally(), "refused before anything was sent");
    return failure(future);
  }

  private static void assertNoSecret(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(SECRET), "the password appears in: " + t);
      assertFalse(t.toString().contains(SECRET), "the password appears in: " + t);
    }
  }

  // ---- connection strings and credentials

  @ParameterizedTest
  @ValueSource(strings = {
      "postgresql://user:" + SECRET + "@localhost:notaport/db",
      "postgresql://user:" + SECRET + "@localhost:99999/db",
      "postgresql://user:" + SECRET + "@[::1/db",
      "postgresql://user:" + SECRET + "@localhost/db?sslmode=bogus",
      "postgresql://user:" + SECRET + "@localhost/db?connect_timeout=soon",
      "postgresql://user:" + SECRET + "%zz@localhost/db",
      "postgresql://user:" + SECRET + "@localhost/db?application_name=a%00b",
      "host=localhost password=" + SECRET + " port=abc",
      "host=localhost password='" + SECRET,
      "host=localhost password=" + SECRET + " sslmode",
      "password=" + SECRET + " channel_binding=sometimes"})
  void aMalformedConnectionStringIsRefusedAtOnceWithoutQuotingThePassword(String connectionString) {
    long start = System.nanoTime();
    PgException failure = assertThrows(PgException.class, () -> PgConnectOptions.parse(connectionString));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure.sqlState(), failure.getMessage());
    assertNoSecret(failure);
    PgException viaConnect = assertThrows(PgException.class, () -> PgConnection.connect(connectionString));
    assertNoSecret(viaConnect);
    FIGURES.recordSince("malformed connection string (parse and connect)", failure.sqlState(),
        "refused before connecting, password not quoted", start);
  }

  @ParameterizedTest
  @EnumSource(value = TestRole.class, names = {"PASSWORD", "MD5", "SCRAM"})
  void aWrongPasswordIsInvalidPasswordAndNeverEchoed(TestRole role) {
    assumeTrue(server.supports(role));
    long start = System.nanoTime();
    PgException failure = failure(PgConnection.connect(options(server, role).withPassword(SECRET)));
    assertEquals(SqlState.INVALID_PASSWORD, failure.sqlState(), failure.getMessage());
    assertTrue(failure.isServerError());
    assertNoSecret(failure);
    FIGURES.recordSince("wrong password (password, md5, SCRAM)", failure.sqlState(), "connect refused by the server, password not echoed",
        start);
  }

  @Test
  void anUnknownDatabaseOrRoleIsATypedError() {
    long start = System.nanoTime();
    PgException database = failure(PgConnection.connect(options(server).withDatabase("no_such_db")));
    assertEquals(SqlState.INVALID_CATALOG_NAME, database.sqlState());
    FIGURES.recordSince("unknown database, unknown role", database.sqlState(), "connect refused by the server", start);
    start = System.nanoTime();
    PgException role = failure(PgConnection.connect(options(server).withUser("no_such_role")));
    assertTrue(role.isAuthenticationFailure(), role.sqlState() + " " + role.getMessage());
    FIGURES.recordSince("unknown database, unknown role", role.sqlState(), "connect refused by the server", start);
  }

  // ---- NUL bytes

  @Test
  void aNulInAParameterIsRefusedByTheServerAndTheConnectionStaysUsable() {
    long start = System.nanoTime();
    PgException failure = failure(connection.query("SELECT $1::text", "a\0b"));
    long nanos = System.nanoTime() - start;
    assertEquals(SqlState.CHARACTER_NOT_IN_REPERTOIRE, failure.sqlState(), failure.getMessage());
    stillUsable();
    FIGURES.record("NUL in a text parameter", failure.sqlState(), USABLE, nanos);
  }

  /**
   * A NUL inside the SQL text cuts the protocol's C string short; the server rejects the message
   * as malformed (an ERROR with 08P01, not FATAL) and goes on.
   */
  @Test
  void aNulInTheSqlTextIsAProtocolErrorOfThatStatementOnly() {
    List<java.util.function.Supplier<CompletableFuture<?>>> attempts = List.of(() -> connection.query("SELECT 'a\0b'"),
        () -> connection.simpleQuery("SELECT 'a\0b'"), () -> connection.batch(List.of(Query.of("SELECT 1"), Query.of("SELECT '\0'"))));
    for (var attempt : attempts) {
      long start = System.nanoTime();
      PgException failure = failure(attempt.get());
      long nanos = System.nanoTime() - start;
      assertTrue(failure.isServerError(), failure.getMessage());
      assertEquals(SqlState.PROTOCOL_VIOLATION, failure.sqlState(), failure.getMessage());
      stillUsable();
      FIGURES.record("NUL in the SQL text (extended, simple, batch)", failure.sqlState() + " (server ERROR)", USABLE, nanos);
    }
  }

  /**
   * Before the fix, {@code x\0options\0-c search_path=evil} as application_name set the server's
   * search_path. The refusal happens as the StartupMessage is written, on the connection's thread:
   * that a flow failing there fails its caller (rather than leaving the connect to its timeout) was
   * a second fix.
   */
  @Test
  void aNulInAStartupParameterCannotInjectAnotherParameter() {
    var injected = options(server).withServerSetting("application_name", "x\0options\0-c search_path=evil");
    long start = System.nanoTime();
    PgException failure = failure(PgConnection.connect(injected));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure.sqlState(), failure.getMessage());
    assertTrue(Outcomes.millisSince(start) < 5_000, "refused at once, not at the connect timeout");
    FIGURES.recordSince("NUL in a startup parameter (application_name, user)", failure.sqlState(), "refused as the startup packet is written",
        start);
    start = System.nanoTime();
    PgException user = failure(PgConnection.connect(options(server).withUser("postgres\0database\0postgres")));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, user.sqlState(), user.getMessage());
    FIGURES.recordSince("NUL in a startup parameter (application_name, user)", user.sqlState(), "refused as the startup packet is written",
        start);
  }

  @Test
  void aNulInAChannelNameIsRefusedWithAFailedFuture() {
    long start = System.nanoTime();
    PgException failure = failsAtOnce(connection.listen("chan\0nel"));
    long listenNanos = System.nanoTime() - start;
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure.sqlState());
    start = System.nanoTime();
    PgException unlisten = failsAtOnce(connection.unlisten("chan\0nel"));
    long unlistenNanos = System.nanoTime() - start;
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, unlisten.sqlState());
    stillUsable();
    FIGURES.record("NUL in a channel name (LISTEN, UNLISTEN)", failure.sqlState() + " (at once)", USABLE, listenNanos);
    FIGURES.record("NUL in a channel name (LISTEN, UNLISTEN)", unlisten.sqlState() + " (at once)", USABLE, unlistenNanos);
  }

  // ---- encodings

  @Test
  void invalidUtf8IsRefusedByTheServerAndTheConnectionStaysUsable() {
    long start = System.nanoTime();
    PgException failure = failure(connection.query("SELECT convert_from('\\xc328'::bytea, 'UTF8')"));
    long nanos = System.nanoTime() - start;
    assertEquals(SqlState.CHARACTER_NOT_IN_REPERTOIRE, failure.sqlState(), failure.getMessage());
    stillUsable();
    FIGURES.record("invalid UTF-8 (literal, parameter)", failure.sqlState(), USABLE, nanos);
    start = System.nanoTime();
    PgException bytes = failure(connection.query("SELECT convert_from($1, 'UTF8')", new byte[] {(byte) 0xff, (byte) 0xfe}));
    nanos = System.nanoTime() - start;
    assertEquals(SqlState.CHARACTER_NOT_IN_REPERTOIRE, bytes.sqlState(), bytes.getMessage());
    stillUsable();
    FIGURES.record("invalid UTF-8 (literal, parameter)", bytes.sqlState(), USABLE, nanos);
  }

  // ---- limits

  @Test
  void exactlyTheProtocolsLimitOfParametersWorksAndOneMoreIsRefusedAtOnce() {
    Object[] most = new Object[ProtocolConstants.MAX_PARAMETERS];
    Arrays.fill(most, 7);
    long start = System.nanoTime();
    assertEquals(7, await(connection.query("SELECT $65535::int", most)).one().getInt(0));
    FIGURES.recordSince("65,535 parameters (the protocol's limit)", "works", USABLE, start);
    start = System.nanoTime();
    PgException failure = failsAtOnce(connection.query("SELECT 1", new Object[ProtocolConstants.MAX_PARAMETERS + 1]));
    long nanos = System.nanoTime() - start;
    assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, failure.sqlState());
    stillUsable();
    FIGURES.record("65,536 parameters", failure.sqlState() + " (at once, nothing sent)", USABLE, nanos);
  }

  /**
   * Over the server's 1 GB limit the server would answer FATAL and close the connection, after
   * receiving all of it; the driver refuses first. Needs a heap that holds 1 GB arrays.
   */
  @Test
  void valuesOverTheServersOneGigabyteLimitAreRefusedAtOnce() {
    assumeTrue(Runtime.getRuntime().maxMemory() > (3L << 30), "needs a heap of more than 3 GB");
    long start = System.nanoTime();
    byte[] tooBig = new byte[ProtocolConstants.MAX_FIELD_LENGTH + 1];
    long call = System.nanoTime();
    PgException bytes = failsAtOnce(connection.query("SELECT length($1)", (Object) tooBig));
    long bytesNanos = System.nanoTime() - call;
    assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, bytes.sqlState(), bytes.getMessage());
    tooBig = null;
    String tooLong = "x".repeat(ProtocolConstants.MAX_FIELD_LENGTH + 1);
    call = System.nanoTime();
    PgException text = failsAtOnce(connection.query("SELECT length($1)", tooLong));
    long textNanos = System.nanoTime() - call;
    assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, text.sqlState());
    tooLong = null;
    byte[] half = new byte[600 << 20];
    call = System.nanoTime();
    PgException together = failsAtOnce(connection.query("SELECT length($1) + length($2)", half, half));
    long togetherNanos = System.nanoTime() - call;
    assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, together.sqlState(), together.getMessage());
    half = null;
    System.out.printf("hostile input: 1 GB values refused in %d ms%n", Outcomes.millisSince(start));
    stillUsable();
    String group = "values over 1 GB (bytes, text, two of 600 MB)";
    FIGURES.record(group, bytes.sqlState() + " (at once, nothing copied)", USABLE, bytesNanos);
    FIGURES.record(group, text.sqlState() + " (at once, nothing copied)", USABLE, textNanos);
    FIGURES.record(group, together.sqlState() + " (at once, nothing copied)", USABLE, togetherNanos);
  }

  // ---- wrong types

  @Test
  void wrongParameterTypesAreTypedErrorsAndTheConnectionStaysUsable() {
    String group = "wrong parameter types (text for int, overflow, boolean for int, unknown class, mixed list)";
    long start = System.nanoTime();
    PgException text = failure(connection.query("SELECT $1::int", "forty-two"));
    long nanos = System.nanoTime() - start;
    assertEquals("22P02", text.sqlState());
    stillUsable();
    FIGURES.record(group, text.sqlState(), USABLE, nanos);
    start = System.nanoTime();
    PgException overflow = failure(connection.query("SELECT $1::int", Long.MAX_VALUE));
    nanos = System.nanoTime() - start;
    assertEquals("22003", overflow.sqlState());
    stillUsable();
    FIGURES.record(group, overflow.sqlState(), USABLE, nanos);
    await(connection.simpleQuery("CREATE TEMP TABLE typed (n int, s text)"));
    start = System.nanoTime();
    PgException mismatch = failure(connection.execute("INSERT INTO typed (n) VALUES ($1)", Boolean.TRUE));
    nanos = System.nanoTime() - start;
    assertTrue(mismatch.isSyntaxErrorOrAccessRuleViolation(), mismatch.sqlState() + " " + mismatch.getMessage());
    stillUsable();
    FIGURES.record(group, mismatch.sqlState(), USABLE, nanos);
    for (Object unencodable : List.of(new Object(), List.of(1, "one"))) {
      start = System.nanoTime();
      PgException refused = failsAtOnce(connection.query("SELECT $1", unencodable));
      nanos = System.nanoTime() - start;
      assertEquals(SqlState.INVALID_PARAMETER_VALUE, refused.sqlState());
      stillUsable();
      FIGURES.record(group, refused.sqlState() + " (at once)", USABLE, nanos);
    }
  }

  /** A value only a user codec can encode, with a codec that fails on it. */
  private record Fragile(String text) {}

  private static final class FragileCodec implements dev.tusk.driver.types.PgCodec<Fragile> {
    @Override
    public String typeName() {
      return "point";
    }

    @Override
    public Class<Fragile> javaType() {
      return Fragile.class;
    }

    @Override
    public String encodeText(Fragile value) {
      throw new IllegalStateException("this codec cannot encode " + value.text());
    }

    @Override
    public Fragile decodeText(String text) {
      return new Fragile(text);
    }
  }

  /** A user codec runs on the caller's thread: its failure fails the call at once, and nothing is sent. */
  @Test
  void aCodecThatFailsOnAValueFailsTheCallAtOnceAndTheConnectionStaysUsable() {
    PgConnection withCodec = TestConnections.connect(options(server).withCodecs(new FragileCodec()));
    try {
      var pipelined = withCodec.query("SELECT pg_sleep(0.05), 1");
      long start = System.nanoTime();
      PgException failure = failsAtOnce(withCodec.query("SELECT $1::text", new Fragile("this")));
      long nanos = System.nanoTime() - start;
      assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure.sqlState(), failure.getMessage());
      assertTrue(failure.getMessage().contains("cannot encode"), failure.getMessage());
      assertEquals(1, await(pipelined).one().getInt(1));
      assertEquals(2, await(withCodec.query("SELECT 2")).one().getInt(0));
      FIGURES.record("a user codec failing on a value", failure.sqlState() + " (at once)", USABLE + ", pipelined statement unharmed", nanos);
    } finally {
      await(withCodec.close());
    }
  }

  @Test
  void aBadParameterInAPipelineFailsOnlyItsOwnStatement() {
    var before = connection.query("SELECT pg_sleep(0.1), 1");
    long start = System.nanoTime();
    var bad = connection.query("SELECT $1", List.of(1, "one"));
    PgException failure = failure(bad);
    long nanos = System.nanoTime() - start;
    var after = connection.query("SELECT 3");
    assertEquals(1, await(before).one().getInt(1));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure.sqlState());
    assertEquals(3, await(after).one().getInt(0));
    FIGURES.record("a bad parameter mid-pipeline", failure.sqlState() + " (that statement only)",
        USABLE + ", statements before and after answered", nanos);
  }

  @Test
  void anErrorInsideATransactionRollsItBackAndTheConnectionGoesOn() {
    long start = System.nanoTime();
    PgException failure = failure(connection.withTransaction(c -> c.query("SELECT $1::int", "x")));
    long nanos = System.nanoTime() - start;
    assertEquals("22P02", failure.sqlState());
    assertTrue(failure.transactionRolledBack());
    stillUsable();
    FIGURES.record("an error inside a transaction", failure.sqlState() + " (rolled back)", USABLE + ", no transaction open", nanos);
  }
}
