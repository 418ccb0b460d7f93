package dev.tusk.driver.reliability;

import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgException;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.protocol.ScriptedConnection;
import dev.tusk.driver.reliability.BackendFrames.Column;
import dev.tusk.driver.wire.ProtocolConstants;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two ends of a connection's life against a scripted server: authentication methods the driver
 * does not implement end the startup with a typed error that names the method, and close() ends
 * with a Terminate message once everything issued before it has run.
 */
class StartupAndTerminateScriptTest {
  private static final String PASSWORD = "never-sent";

  private ScriptedConnection connection;

  @AfterEach
  void close() {
    if (connection != null) {
      connection.close();
    }
  }

  private CompletableFuture<Void> startup() {
    connection = ScriptedConnection.open(PgConnectOptions.defaults().withPassword(PASSWORD), ProtocolConstants.MAX_FIELD_LENGTH + 1024);
    return connection.startup();
  }

  private void serverSends(BackendFrames frames) {
    byte[] bytes = frames.toByteArray();
    connection.receive(bytes, 0, bytes.length);
  }

  /** {@return the tags of the tagged frontend messages in {@code sent}} (all of them but the StartupMessage have one) */
  private static List<Character> tags(byte[] sent) {
    var tags = new ArrayList<Character>();
    var in = ByteBuffer.wrap(sent);
    while (in.hasRemaining()) {
      tags.add((char) in.get());
      int length = in.getInt();
      in.position(in.position() + length - 4);
    }
    return tags;
  }

  @ParameterizedTest(name = "code {0}")
  @CsvSource(delimiter = '|', value = {
      "2 | Kerberos V5",
      "7 | GSSAPI",
      "8 | GSSAPI",
      "9 | SSPI",
      "99 | authentication method 99"})
  void anUnsupportedAuthenticationMethodFailsTheStartupWithATypedErrorNamingIt(int code, String named) {
    var started = startup();
    byte[] startupMessage = connection.drainSentBytes();
    assertTrue(startupMessage.length > 8, "the StartupMessage went out");

    serverSends(BackendFrames.create().authentication(code, new byte[] {1, 2, 3}));

    assertTrue(started.isDone(), "the startup ends at once, without waiting for a timeout");
    PgException failure = assertInstanceOf(PgException.class, assertThrows(CompletionException.class, started::join).getCause());
    assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, failure.sqlState(), failure.getMessage());
    assertTrue(failure.isAuthenticationFailure());
    assertFalse(failure.isServerError(), "the driver refused, not the server");
    assertTrue(failure.getMessage().contains(named), failure.getMessage());
    assertEquals(0, connection.drainSentBytes().length, "no answer to the request, and no password, is sent");
    assertFalse(connection.isOpen(), "the connection is closed: the server waits for an answer that will not come");
  }

  @Test
  void closeSendsTerminateOnlyAfterTheCommandsIssuedBeforeIt() {
    var started = startup();
    serverSends(FuzzScripts.validStartup(new Random(3)));
    assertDoesNotThrow(started::join);
    connection.drainSentBytes();

    var query = connection.connection().simpleQuery("SELECT 1");
    var closed = connection.connection().close();
    connection.runPendingTasks();
    assertEquals(List.of('Q'), tags(connection.drainSentBytes()), "Terminate waits for the query in flight");
    assertFalse(closed.isDone());
    assertFalse(connection.connection().isOpen(), "a closing connection takes no new commands");

    serverSends(BackendFrames.create().rowDescription(List.of(Column.text("n", 23)))
        .dataRow(List.of("1".getBytes(StandardCharsets.UTF_8))).commandComplete("SELECT 1").readyForQuery('I'));

    List<RowSet> results = query.join();
    assertEquals(1, results.get(0).one().getInt(0), "the query issued before close() still ran");
    assertArrayEquals(new byte[] {'X', 0, 0, 0, 4}, connection.drainSentBytes(), "exactly one Terminate, and nothing after it");
    assertTrue(closed.isDone() && !closed.isCompletedExceptionally(), "close() completes once the socket is closed");
    assertFalse(connection.isOpen());
    var later = connection.connection().simpleQuery("SELECT 2");
    connection.runPendingTasks();
    PgException refused = assertInstanceOf(PgException.class, assertThrows(CompletionException.class, later::join).getCause());
    assertEquals(SqlState.CONNECTION_DOES_NOT_EXIST, refused.sqlState());
    assertEquals(0, connection.drainSentBytes().length);
  }

  @Test
  void closingAnIdleConnectionSendsTerminateAtOnce() {
    var started = startup();
    serverSends(FuzzScripts.validStartup(new Random(4)));
    assertDoesNotThrow(started::join);
    connection.drainSentBytes();

    var closed = connection.connection().close();
    connection.runPendingTasks();
    assertArrayEquals(new byte[] {'X', 0, 0, 0, 4}, connection.drainSentBytes());
    assertTrue(closed.isDone());
    assertFalse(connection.isOpen());
    assertSame(closed, connection.connection().close(), "a second close() is the same close");
    connection.runPendingTasks();
    assertEquals(0, connection.drainSentBytes().length, "and sends nothing more");
  }
}
