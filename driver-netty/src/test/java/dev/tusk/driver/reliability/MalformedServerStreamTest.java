package dev.tusk.driver.reliability;

import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgException;
import dev.tusk.driver.Query;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.reliability.BackendFrames.Column;
import dev.tusk.driver.types.DecodingException;
import dev.tusk.driver.wire.ProtocolConstants;
import dev.tusk.driver.wire.ProtocolViolation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The decoder fuzzer's findings, one deterministic case each: server streams that once crashed a
 * flow or a codec (a NullPointerException or a parser's exception, hidden behind a generic
 * protocol error or thrown at the caller) and now end in a typed error that says what was wrong.
 */
class MalformedServerStreamTest {
  private dev.tusk.driver.protocol.ScriptedConnection connection;

  @BeforeEach
  void open() {
    connection = dev.tusk.driver.protocol.ScriptedConnection.open(PgConnectOptions.defaults(),
        ProtocolConstants.MAX_FIELD_LENGTH + 1024);
    var startup = connection.startup();
    byte[] ready = FuzzScripts.validStartup(new Random(1)).toByteArray();
    connection.receive(ready, 0, ready.length);
    assertTrue(startup.isDone() && !startup.isCompletedExceptionally());
    connection.drainSent();
  }

  @AfterEach
  void close() {
    connection.close();
  }

  private void serverSends(BackendFrames frames) {
    connection.runPendingTasks();
    connection.drainSent();
    byte[] bytes = frames.toByteArray();
    connection.receive(bytes, 0, bytes.length);
  }

  private static PgException failure(CompletableFuture<?> future) {
    assertTrue(future.isDone(), "the command ended");
    var failure = assertThrows(CompletionException.class, future::join).getCause();
    return assertInstanceOf(PgException.class, failure);
  }

  private static void assertProtocolViolation(PgException failure, String expectedMessagePart) {
    assertEquals(SqlState.PROTOCOL_VIOLATION, failure.sqlState(), failure.getMessage());
    assertInstanceOf(ProtocolViolation.class, failure.getCause(), "found by a check, not by a crash: " + failure.getCause());
    assertTrue(failure.getMessage().contains(expectedMessagePart), failure.getMessage());
  }

  @Test
  void aReadyForQueryWithoutCommandCompleteIsAProtocolViolationNotACrash() {
    var count = connection.connection().execute("UPDATE t SET x = $1", 1);
    serverSends(BackendFrames.create().parseComplete().parameterDescription(23).noData().bindComplete().readyForQuery('I'));
    assertProtocolViolation(failure(count), "ReadyForQuery before the statement's CommandComplete");
    assertFalse(connection.isOpen(), "nothing more from this stream can be trusted");
  }

  @Test
  void aBatchWhoseReadyForQueryComesAfterOnlyPartOfItsResultsIsAProtocolViolation() {
    var batch = connection.connection().batch(List.of(Query.of("SELECT 1"), Query.of("SELECT 2")));
    serverSends(BackendFrames.create()
        .parseComplete().parameterDescription().noData().bindComplete().commandComplete("SELECT 0")
        .parseComplete().parameterDescription().noData().bindComplete()
        .readyForQuery('I'));
    assertProtocolViolation(failure(batch), "ReadyForQuery before the statement's CommandComplete");
  }

  @Test
  void aDataRowBeforeBindCompleteIsAProtocolViolationEvenAfterTheRowDescription() {
    var rows = connection.connection().query("SELECT $1::text", "x");
    serverSends(BackendFrames.create().parseComplete().parameterDescription(25)
        .rowDescription(List.of(Column.text("c", 25)))
        .dataRow(List.of("x".getBytes(StandardCharsets.UTF_8)))
        .bindComplete().commandComplete("SELECT 1").readyForQuery('I'));
    assertProtocolViolation(failure(rows), "DataRow before BindComplete");
  }

  @Test
  void damagedTextValuesFailWithADecodingExceptionWhenRead() {
    var result = connection.connection().simpleQuery("SELECT …");
    serverSends(BackendFrames.create()
        .rowDescription(List.of(Column.text("f8", 701), Column.text("f4", 700), Column.text("bytes", 17)))
        .dataRow(Arrays.asList(bytes("1.5x"), bytes("two"), bytes("\\xzz")))
        .commandComplete("SELECT 1").readyForQuery('I'));
    RowSet rows = result.join().get(0);
    for (int column = 0; column < 3; column++) {
      int index = column;
      var failure = assertThrows(DecodingException.class, () -> rows.get(0).get(index));
      assertEquals(SqlState.DATA_EXCEPTION, failure.sqlState());
      assertTrue(failure.getMessage().contains(rows.columns().get(index).name()), failure.getMessage());
    }
    assertEquals("1.5x", rows.get(0).getString(0), "the raw text stays readable");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
