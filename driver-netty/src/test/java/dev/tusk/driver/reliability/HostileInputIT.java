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
 * can tell — and the connection must stay usable wherever the server allows it.
 */
@ExtendWith(PostgresExtension.class)
class HostileInputIT {
  /** A password that must never appear in an error. */
  private static final String SECRET = "Hostile-s3cret";

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
    PgException failure = assertThrows(PgException.class, () -> PgConnectOptions.parse(connectionString));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure.sqlState(), failure.getMessage());
    assertNoSecret(failure);
    PgException viaConnect = assertThrows(PgException.class, () -> PgConnection.connect(connectionString));
    assertNoSecret(viaConnect);
  }

  @ParameterizedTest
  @EnumSource(value = TestRole.class, names = {"PASSWORD", "MD5", "SCRAM"})
  void aWrongPasswordIsInvalidPasswordAndNeverEchoed(TestRole role) {
    assumeTrue(server.supports(role));
    PgException failure = failure(PgConnection.connect(options(server, role).withPassword(SECRET)));
    assertEquals(SqlState.INVALID_PASSWORD, failure.sqlState(), failure.getMessage());
    assertTrue(failure.isServerError());
    assertNoSecret(failure);
  }

  @Test
  void anUnknownDatabaseOrRoleIsATypedError() {
    assertEquals(SqlState.INVALID_CATALOG_NAME, failure(PgConnection.connect(options(server).withDatabase("no_such_db"))).sqlState());
    PgException role = failure(PgConnection.connect(options(server).withUser("no_such_role")));
    assertTrue(role.isAuthenticationFailure(), role.sqlState() + " " + role.getMessage());
  }

  // ---- NUL bytes

  @Test
  void aNulInAParameterIsRefusedByTheServerAndTheConnectionStaysUsable() {
    PgException failure = failure(connection.query("SELECT $1::text", "a\0b"));
    assertEquals(SqlState.CHARACTER_NOT_IN_REPERTOIRE, failure.sqlState(), failure.getMessage());
    stillUsable();
  }

  /**
   * A NUL inside the SQL text cuts the protocol's C string short; the server rejects the message
   * as malformed (an ERROR with 08P01, not FATAL) and goes on.
   */
  @Test
  void aNulInTheSqlTextIsAProtocolErrorOfThatStatementOnly() {
    for (var attempt : List.<CompletableFuture<?>>of(connection.query("SELECT 'a\0b'"), connection.simpleQuery("SELECT 'a\0b'"),
        connection.batch(List.of(Query.of("SELECT 1"), Query.of("SELECT '\0'"))))) {
      PgException failure = failure(attempt);
      assertTrue(failure.isServerError(), failure.getMessage());
      assertEquals(SqlState.PROTOCOL_VIOLATION, failure.sqlState(), failure.getMessage());
      stillUsable();
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
    PgException user = failure(PgConnection.connect(options(server).withUser("postgres\0database\0postgres")));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, user.sqlState(), user.getMessage());
  }

  @Test
  void aNulInAChannelNameIsRefusedWithAFailedFuture() {
    PgException failure = failsAtOnce(connection.listen("chan\0nel"));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure.sqlState());
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failsAtOnce(connection.unlisten("chan\0nel")).sqlState());
    stillUsable();
  }

  // ---- encodings

  @Test
  void invalidUtf8IsRefusedByTheServerAndTheConnectionStaysUsable() {
    PgException failure = failure(connection.query("SELECT convert_from('\\xc328'::bytea, 'UTF8')"));
    assertEquals(SqlState.CHARACTER_NOT_IN_REPERTOIRE, failure.sqlState(), failure.getMessage());
    stillUsable();
    PgException bytes = failure(connection.query("SELECT convert_from($1, 'UTF8')", new byte[] {(byte) 0xff, (byte) 0xfe}));
    assertEquals(SqlState.CHARACTER_NOT_IN_REPERTOIRE, bytes.sqlState(), bytes.getMessage());
    stillUsable();
  }

  // ---- limits

  @Test
  void exactlyTheProtocolsLimitOfParametersWorksAndOneMoreIsRefusedAtOnce() {
    Object[] most = new Object[ProtocolConstants.MAX_PARAMETERS];
    Arrays.fill(most, 7);
    assertEquals(7, await(connection.query("SELECT $65535::int", most)).one().getInt(0));
    PgException failure = failsAtOnce(connection.query("SELECT 1", new Object[ProtocolConstants.MAX_PARAMETERS + 1]));
    assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, failure.sqlState());
    stillUsable();
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
    PgException bytes = failsAtOnce(connection.query("SELECT length($1)", (Object) tooBig));
    assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, bytes.sqlState(), bytes.getMessage());
    tooBig = null;
    String tooLong = "x".repeat(ProtocolConstants.MAX_FIELD_LENGTH + 1);
    assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, failsAtOnce(connection.query("SELECT length($1)", tooLong)).sqlState());
    tooLong = null;
    byte[] half = new byte[600 << 20];
    PgException together = failsAtOnce(connection.query("SELECT length($1) + length($2)", half, half));
    assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, together.sqlState(), together.getMessage());
    half = null;
    System.out.printf("hostile input: 1 GB values refused in %d ms%n", Outcomes.millisSince(start));
    stillUsable();
  }

  // ---- wrong types

  @Test
  void wrongParameterTypesAreTypedErrorsAndTheConnectionStaysUsable() {
    assertEquals("22P02", failure(connection.query("SELECT $1::int", "forty-two")).sqlState());
    stillUsable();
    assertEquals("22003", failure(connection.query("SELECT $1::int", Long.MAX_VALUE)).sqlState());
    stillUsable();
    await(connection.simpleQuery("CREATE TEMP TABLE typed (n int, s text)"));
    PgException mismatch = failure(connection.execute("INSERT INTO typed (n) VALUES ($1)", Boolean.TRUE));
    assertTrue(mismatch.isSyntaxErrorOrAccessRuleViolation(), mismatch.sqlState() + " " + mismatch.getMessage());
    stillUsable();
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failsAtOnce(connection.query("SELECT $1", new Object())).sqlState());
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failsAtOnce(connection.query("SELECT $1", List.of(1, "one"))).sqlState());
    stillUsable();
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
      PgException failure = failsAtOnce(withCodec.query("SELECT $1::text", new Fragile("this")));
      assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure.sqlState(), failure.getMessage());
      assertTrue(failure.getMessage().contains("cannot encode"), failure.getMessage());
      assertEquals(1, await(pipelined).one().getInt(1));
      assertEquals(2, await(withCodec.query("SELECT 2")).one().getInt(0));
    } finally {
      await(withCodec.close());
    }
  }

  @Test
  void aBadParameterInAPipelineFailsOnlyItsOwnStatement() {
    var before = connection.query("SELECT pg_sleep(0.1), 1");
    var bad = connection.query("SELECT $1", List.of(1, "one"));
    var after = connection.query("SELECT 3");
    assertEquals(1, await(before).one().getInt(1));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure(bad).sqlState());
    assertEquals(3, await(after).one().getInt(0));
  }

  @Test
  void anErrorInsideATransactionRollsItBackAndTheConnectionGoesOn() {
    PgException failure = failure(connection.withTransaction(c -> c.query("SELECT $1::int", "x")));
    assertEquals("22P02", failure.sqlState());
    assertTrue(failure.transactionRolledBack());
    stillUsable();
  }
}
