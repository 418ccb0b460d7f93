package dev.tusk.driver.protocol;

import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgException;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.driver.message.BackendBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the real handler, queue and flows with scripted server bytes and no socket: the same
 * stream fed whole, one byte at a time and in random splits must give the same results.
 */
class ScriptedServerTest {
  private EmbeddedChannel channel;
  private CommandQueue queue;
  private ConnectionContext context;

  @BeforeEach
  void open() {
    channel = new EmbeddedChannel();
    context = new ConnectionContext(channel, PgConnectOptions.defaults());
    queue = new CommandQueue(channel, context, 256, 16);
    channel.pipeline().addLast(new ConnectionHandler(queue, context, 1 << 20));
  }

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private <T> T submit(ResultFlow<T> flow, byte[] serverBytes, int maxChunk, long seed) throws Exception {
    queue.submit(flow);
    channel.runPendingTasks();
    releaseOutbound();
    var random = new Random(seed);
    int position = 0;
    while (position < serverBytes.length) {
      int chunk = maxChunk <= 1 ? 1 : 1 + random.nextInt(Math.min(maxChunk, serverBytes.length - position));
      chunk = Math.min(chunk, serverBytes.length - position);
      channel.writeInbound(Unpooled.wrappedBuffer(serverBytes, position, chunk));
      position += chunk;
    }
    channel.runPendingTasks();
    return flow.future().get(1, TimeUnit.SECONDS);
  }

  private void releaseOutbound() {
    for (Object written; (written = channel.readOutbound()) != null; ) {
      ((ByteBuf) written).release();
    }
  }

  private static byte[] threeRowsThenReady() {
    return BackendBytes.create()
        .parameterStatus("TimeZone", "UTC")
        .rowDescription("id", "name")
        .dataRow("1", "one")
        .notice("a notice between rows")
        .dataRow("2", null)
        .dataRow("3", "tröis")
        .commandComplete("SELECT 3")
        .readyForQuery('T')
        .toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MAX_VALUE, 1, 2, 3, 7, 64})
  void simpleQueryResultIsTheSameForEverySplitOfTheStream(int maxChunk) throws Exception {
    for (long seed = 0; seed < 20; seed++) {
      open();
      List<RowSet> results = submit(new SimpleQueryFlow("SELECT id, name FROM t"), threeRowsThenReady(), maxChunk, seed);
      RowSet rows = results.get(0);
      assertEquals(3, rows.size());
      assertEquals("1", rows.get(0).getString("id"));
      assertNull(rows.get(1).getString("name"));
      assertEquals("tröis", rows.get(2).getString(1));
      assertEquals("SELECT 3", rows.commandTag());
      assertEquals(TransactionStatus.IN_TRANSACTION, context.session().transactionStatus());
      assertEquals("UTC", context.session().parameters().get("TimeZone"));
      close();
    }
  }

  @Test
  void extendedQueryReadsItsPrepareAndRowsInOneFlight() throws Exception {
    byte[] bytes = BackendBytes.create()
        .parseComplete()
        .parameterDescription(23)
        .rowDescription("v")
        .bindComplete()
        .dataRow("x")
        .commandComplete("SELECT 1")
        .readyForQuery('I')
        .toByteArray();
    var flow = new ExtendedQueryFlow<>("SELECT v FROM t WHERE id = $1", Parameters.of(new Object[] {1}, context.types()),
        new BufferedRows(), rows -> rows);
    RowSet rows = submit(flow, bytes, 3, 42);
    assertEquals("x", rows.one().getString("v"));
    assertEquals(1, context.statements().size(), "the statement is cached under its name");
  }

  @Test
  void anErrorFailsOnlyItsOwnCommandAndTheNextOneRuns() throws Exception {
    var failing = new SimpleQueryFlow("SELECT boom");
    var next = new SimpleQueryFlow("SELECT 1");
    queue.submit(failing);
    queue.submit(next);
    channel.runPendingTasks();
    releaseOutbound();
    channel.writeInbound(Unpooled.wrappedBuffer(BackendBytes.create()
        .error("42703", "column \"boom\" does not exist").readyForQuery('I')
        .rowDescription("n").dataRow("1").commandComplete("SELECT 1").readyForQuery('I').toByteArray()));
    var failure = assertThrows(ExecutionException.class, () -> failing.future().get(1, TimeUnit.SECONDS));
    assertEquals("42703", ((PgException) failure.getCause()).sqlState());
    assertEquals("1", next.future().get(1, TimeUnit.SECONDS).get(0).one().getString(0));
  }

  @Test
  void aDataRowWithACorruptLengthClosesTheConnectionWithAProtocolViolation() {
    var flow = new SimpleQueryFlow("SELECT 1");
    queue.submit(flow);
    channel.runPendingTasks();
    releaseOutbound();
    byte[] header = BackendBytes.create().rowDescription("n").toByteArray();
    // DataRow with one column whose declared length (1000) runs past the message
    byte[] corrupt = {'D', 0, 0, 0, 11, 0, 1, 0, 0, 0x03, (byte) 0xe8, 'x'};
    channel.writeInbound(Unpooled.wrappedBuffer(header), Unpooled.wrappedBuffer(corrupt));
    var failure = assertThrows(ExecutionException.class, () -> flow.future().get(1, TimeUnit.SECONDS));
    assertEquals(SqlState.PROTOCOL_VIOLATION, ((PgException) failure.getCause()).sqlState());
    assertFalse(channel.isOpen());
    var later = new SimpleQueryFlow("SELECT 2");
    queue.submit(later);
    assertTrue(later.future().isCompletedExceptionally(), "a broken connection fails later commands at once");
  }

  @Test
  void anUnknownTagOrAGiantLengthIsAProtocolViolationNotAnAllocation() {
    for (byte[] bad : List.of(new byte[] {'?', 0, 0, 0, 4}, new byte[] {'D', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
        new byte[] {'Z', 0, 0, 0, 2})) {
      open();
      var flow = new SimpleQueryFlow("SELECT 1");
      queue.submit(flow);
      channel.runPendingTasks();
      releaseOutbound();
      channel.writeInbound(Unpooled.wrappedBuffer(bad));
      var failure = assertThrows(ExecutionException.class, () -> flow.future().get(1, TimeUnit.SECONDS));
      assertEquals(SqlState.PROTOCOL_VIOLATION, ((PgException) failure.getCause()).sqlState());
      close();
    }
  }

  @Test
  void messagesWithNoCommandInFlightAreAProtocolViolation() {
    channel.writeInbound(Unpooled.wrappedBuffer(BackendBytes.create().readyForQuery('I').toByteArray()));
    assertFalse(channel.isOpen());
  }

  @Test
  void closingTheChannelFailsEveryPendingCommand() {
    var inFlight = new SimpleQueryFlow("SELECT pg_sleep(10)");
    var waiting = new SimpleQueryFlow("SELECT 1");
    queue.submit(inFlight);
    queue.submit(waiting);
    channel.runPendingTasks();
    channel.close();
    for (var flow : List.of(inFlight, waiting)) {
      var failure = assertThrows(ExecutionException.class, () -> flow.future().get(1, TimeUnit.SECONDS));
      assertEquals(SqlState.CONNECTION_FAILURE, ((PgException) failure.getCause()).sqlState());
    }
  }

  @Test
  void pipelineDepthBoundsTheCommandsOnTheWire() {
    queue = new CommandQueue(channel, context, 2, 16);
    channel.pipeline().removeFirst();
    channel.pipeline().addLast(new ConnectionHandler(queue, context, 1 << 20));
    for (int i = 0; i < 5; i++) {
      queue.submit(new SimpleQueryFlow("SELECT " + i));
    }
    channel.runPendingTasks();
    ByteBuf written = channel.readOutbound();
    int queries = 0;
    for (int i = written.readerIndex(); i < written.writerIndex(); ) {
      queries += written.getByte(i) == 'Q' ? 1 : 0;
      i += 1 + written.getInt(i + 1);
    }
    written.release();
    assertEquals(2, queries, "two in flight, three waiting, all in one flush");
    assertNull(channel.readOutbound());
  }

  /** Backpressure that bounds memory: past the waiting room a submission fails at once, typed, and the rest still run. */
  @Test
  void aSubmissionBeyondTheQueueBoundFailsAtOnceAndTheOthersStillRun() throws Exception {
    queue = new CommandQueue(channel, context, 1, 3);
    channel.pipeline().removeFirst();
    channel.pipeline().addLast(new ConnectionHandler(queue, context, 1 << 20));
    var flows = new ArrayList<SimpleQueryFlow>();
    for (int i = 0; i < 6; i++) {
      var flow = new SimpleQueryFlow("SELECT " + i);
      flows.add(flow);
      queue.submit(flow);
    }
    // nothing was written yet (the write runs as a task): three wait, the other three are refused
    for (var refused : flows.subList(3, 6)) {
      var failure = assertThrows(ExecutionException.class, () -> refused.future().get(0, TimeUnit.SECONDS));
      var cause = (PgException) failure.getCause();
      assertEquals(SqlState.CONFIGURATION_LIMIT_EXCEEDED, cause.sqlState());
      assertTrue(cause.getMessage().contains("max_queued_commands"), cause.getMessage());
    }
    for (int i = 0; i < 3; i++) {
      channel.runPendingTasks();
      releaseOutbound();
      channel.writeInbound(Unpooled.wrappedBuffer(BackendBytes.create()
          .rowDescription("v").dataRow("x").commandComplete("SELECT 1").readyForQuery('I').toByteArray()));
      channel.runPendingTasks();
      assertEquals("x", flows.get(i).future().get(1, TimeUnit.SECONDS).get(0).get(0).getString(0));
    }
    // room again
    var later = new SimpleQueryFlow("SELECT 9");
    queue.submit(later);
    assertFalse(later.future().isDone());
  }
}
