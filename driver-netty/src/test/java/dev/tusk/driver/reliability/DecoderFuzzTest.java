package dev.tusk.driver.reliability;

import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgException;
import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.message.BackendDecoder;
import dev.tusk.driver.protocol.ScriptedConnection;
import dev.tusk.driver.reliability.FuzzScripts.Exchange;
import dev.tusk.driver.reliability.FuzzScripts.Script;
import dev.tusk.driver.reliability.StreamMutator.Mutated;
import dev.tusk.driver.reliability.StreamMutator.Mutation;
import dev.tusk.driver.types.DecodingException;
import dev.tusk.driver.wire.FrameDecoder;
import dev.tusk.driver.wire.ProtocolConstants;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Decoder fuzzing: valid server conversations, damaged at random ({@link StreamMutator}), fed to the
 * real frame decoder, message decoder, connection handler, queue and flows — in random splits, as
 * a socket would deliver them. Whatever the bytes, every command must end, with a result or a
 * {@link PgException}; a damaged value must fail with a typed error when read; nothing may hang,
 * throw anything untyped, or allocate more than a small bound per case. Netty's leak detector
 * (paranoid) checks every buffer was released.
 *
 * <p>{@value #CASES_PROPERTY} sets the number of cases per test (10,000 by default; 1,000,000 for
 * the long run in {@code docs/reliability.md}) and {@value #SEED_PROPERTY} the first seed. A failure
 * names the case's seed: rerun with that seed and {@code -Dtusk.fuzz.cases=1} to replay it alone.
 */
class DecoderFuzzTest {
  static final String CASES_PROPERTY = "tusk.fuzz.cases";
  static final String SEED_PROPERTY = "tusk.fuzz.seed";
  private static final int CASES = Integer.getInteger(CASES_PROPERTY, 10_000);
  private static final long FIRST_SEED = Long.getLong(SEED_PROPERTY, 20_260_801L);
  /** What the connector allows: one field of 1 GB plus the message's own fields. */
  private static final int MAX_MESSAGE_LENGTH = ProtocolConstants.MAX_FIELD_LENGTH + 1024;
  /** Generous: a case's input is at most a few KB, so anything near this is a runaway allocation. */
  private static final long ALLOCATION_BOUND_PER_CASE = 32L << 20;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** What one run saw, for the report. */
  private static final class Tally {
    final Map<Mutation, Integer> mutations = new EnumMap<>(Mutation.class);
    final Map<String, Integer> outcomes = new TreeMap<>();
    long commands;
    long bytes;
    long maxAllocated;

    void outcome(String outcome) {
      outcomes.merge(outcome, 1, Integer::sum);
    }

    String report(String name, long cases, long millis) {
      return String.format("%s: %,d cases (%,d commands, %,d bytes) in %,d ms; max allocation per case %,d bytes;%n"
          + "  mutations %s%n  outcomes %s", name, cases, commands, bytes, millis, maxAllocated, mutations, outcomes);
    }
  }

  @Test
  void damagedFramesDecodeToMessagesOrFailWithAProtocolViolation() {
    var tally = new Tally();
    var frames = new FrameDecoder(MAX_MESSAGE_LENGTH);
    long started = System.nanoTime();
    int cases = CASES * 3;
    for (int i = 0; i < cases; i++) {
      long seed = FIRST_SEED + i;
      var random = new Random(seed);
      Script script = FuzzScripts.random(random);
      List<byte[]> valid = new ArrayList<>(script.startup().frames());
      if (script.target() != null) {
        valid.addAll(script.target().answer().frames());
      }
      Mutated input = StreamMutator.mutate(valid, random);
      tally.mutations.merge(input.mutation(), 1, Integer::sum);
      tally.bytes += input.bytes().length;
      long before = THREADS.getCurrentThreadAllocatedBytes();
      var buffer = Unpooled.wrappedBuffer(input.bytes());
      try {
        while (true) {
          int length = frames.completeFrameLength(buffer);
          if (length < 0) {
            tally.outcome(buffer.isReadable() ? "incomplete frame at the end" : "decoded");
            break;
          }
          byte tag = buffer.getByte(buffer.readerIndex());
          if (tag != ProtocolConstants.TAG_DATA_ROW) {
            BackendDecoder.decode(tag, buffer.slice(buffer.readerIndex() + 5, length - 5));
          }
          buffer.skipBytes(length);
        }
      } catch (ProtocolViolation expected) {
        tally.outcome("protocol violation");
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + input + " threw an untyped " + e, e);
      } finally {
        buffer.release();
      }
      long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
      tally.maxAllocated = Math.max(tally.maxAllocated, allocated);
      assertTrue(allocated < ALLOCATION_BOUND_PER_CASE, "seed " + seed + " allocated " + allocated + " bytes: " + input);
    }
    System.out.println(tally.report("frame and message decoder", cases, Duration.ofNanos(System.nanoTime() - started).toMillis()));
    assertTrue(tally.outcomes.getOrDefault("protocol violation", 0) > cases / 10, "the fuzzer reaches the error paths");
  }

  @Test
  void damagedServerStreamsEndEveryCommandWithAResultOrATypedError() {
    var tally = new Tally();
    long started = System.nanoTime();
    // distinct failures by where they arose, each with the first seed that showed it
    Map<String, AssertionError> failures = new TreeMap<>();
    for (int i = 0; i < CASES; i++) {
      try {
        runCase(FIRST_SEED + i, tally);
      } catch (AssertionError failure) {
        failures.putIfAbsent(signature(failure), failure);
      }
    }
    if (!failures.isEmpty()) {
      var summary = new AssertionError(failures.size() + " distinct failures; the first of each kind:\n"
          + String.join("\n", failures.entrySet().stream().map(entry -> "  " + entry.getKey() + "\n    first in "
              + entry.getValue().getMessage().substring(0, Math.min(200, entry.getValue().getMessage().length()))).toList()));
      failures.values().forEach(summary::addSuppressed);
      throw summary;
    }
    System.out.println(tally.report("connection handler and flows", CASES, Duration.ofNanos(System.nanoTime() - started).toMillis()));
    assertTrue(tally.outcomes.getOrDefault("result", 0) > CASES / 20, "undamaged and harmlessly damaged cases succeed");
    assertTrue(tally.outcomes.getOrDefault("08P01 protocol violation", 0) > CASES / 20, "the fuzzer reaches the error paths");
  }

  /** Where a failure arose: the deepest cause's type and the driver frame it was thrown from. */
  private static String signature(AssertionError failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root == failure) {
      String message = String.valueOf(failure.getMessage());
      return message.substring(message.lastIndexOf(':') + 1);
    }
    for (StackTraceElement frame : root.getStackTrace()) {
      if (frame.getClassName().startsWith("dev.tusk.driver") && !frame.getClassName().contains("reliability")) {
        return root.getClass().getName() + " at " + frame;
      }
    }
    return root.getClass().getName();
  }

  private static void runCase(long seed, Tally tally) {
    var random = new Random(seed);
    Script script = FuzzScripts.random(random);
    List<byte[]> damagedFrames = script.startupIsTarget() ? script.startup().frames() : script.target().answer().frames();
    Mutated input = StreamMutator.mutate(damagedFrames, random);
    tally.mutations.merge(input.mutation(), 1, Integer::sum);
    tally.bytes += input.bytes().length;
    String context = "seed " + seed + ", " + script.kind() + ": " + input;
    var options = PgConnectOptions.defaults().withPassword(FuzzScripts.PASSWORD);
    long before = THREADS.getCurrentThreadAllocatedBytes();
    try (ScriptedConnection connection = ScriptedConnection.open(options, MAX_MESSAGE_LENGTH)) {
      CompletableFuture<Void> startup = connection.startup();
      List<CompletableFuture<?>> commands = new ArrayList<>();
      if (script.startupIsTarget()) {
        commands.add(startup);
        deliver(connection, input.bytes(), random);
      } else {
        deliver(connection, script.startup().toByteArray(), random);
        assertTrue(startup.isDone() && !startup.isCompletedExceptionally(), context + ": the valid startup succeeded");
        for (Exchange warmUp : script.warmUp()) {
          var futures = issue(connection, warmUp);
          deliver(connection, warmUp.answer().toByteArray(), random);
          for (var future : futures) {
            assertTrue(future.isDone() && !future.isCompletedExceptionally(), context + ": the warm-up succeeded");
          }
        }
        commands.addAll(issue(connection, script.target()));
        deliver(connection, input.bytes(), random);
      }
      boolean allDoneBeforeClose = commands.stream().allMatch(CompletableFuture::isDone);
      connection.serverCloses();
      connection.drainSent();
      tally.commands += commands.size();
      for (var command : commands) {
        String outcome = check(command, context);
        tally.outcome(outcome);
        if (input.mutation() == Mutation.NONE && script.validSucceeds()) {
          assertTrue(outcome.equals("result") || outcome.equals("server error"),
              context + ": an undamaged stream ends as the server said, not in " + outcome);
          assertTrue(allDoneBeforeClose, context + ": an undamaged stream completes without the server closing");
        }
      }
    }
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    tally.maxAllocated = Math.max(tally.maxAllocated, allocated);
    assertTrue(allocated < ALLOCATION_BOUND_PER_CASE, context + ": allocated " + allocated + " bytes");
  }

  private static List<CompletableFuture<?>> issue(ScriptedConnection connection, Exchange exchange) {
    var futures = exchange.issue().apply(connection.connection());
    connection.runPendingTasks();
    connection.drainSent();
    return futures;
  }

  /** Delivers bytes in random splits, as socket reads would: whole, byte by byte, or in between. */
  private static void deliver(ScriptedConnection connection, byte[] bytes, Random random) {
    // byte by byte is the slowest under the paranoid leak detector (every read is tracked): 1 case in 16
    int maxChunk = switch (random.nextInt(16)) {
      case 0 -> 1;
      case 1, 2, 3, 4, 5, 6, 7 -> Integer.MAX_VALUE;
      default -> 1 + random.nextInt(128);
    };
    int position = 0;
    while (position < bytes.length) {
      int chunk = Math.min(bytes.length - position, maxChunk == 1 ? 1 : 1 + random.nextInt(Math.min(maxChunk, bytes.length - position)));
      connection.receive(bytes, position, chunk);
      connection.drainSent();
      position += chunk;
    }
  }

  /**
   * The command must have ended: with a result whose every value reads or fails with a typed
   * error, or with a {@link PgException} that wraps nothing untyped.
   *
   * @return the outcome, for the tally
   */
  private static String check(CompletableFuture<?> command, String context) {
    if (!command.isDone()) {
      fail(context + ": a command was still waiting after the server closed the connection (a hang)");
    }
    Object result;
    try {
      result = command.join();
    } catch (CancellationException e) {
      throw new AssertionError(context + ": nobody cancelled this command", e);
    } catch (CompletionException e) {
      Throwable failure = e.getCause();
      if (!(failure instanceof PgException pg)) {
        throw new AssertionError(context + ": failed with an untyped " + failure, failure);
      }
      requireTypedCauses(pg, context);
      if (pg.isServerError()) {
        return "server error";
      }
      return switch (pg.sqlState()) {
        case SqlState.PROTOCOL_VIOLATION -> "08P01 protocol violation";
        case SqlState.CONNECTION_FAILURE -> "08006 connection closed";
        default -> pg.sqlState() + " client-side error";
      };
    }
    readEveryValue(result, context);
    return "result";
  }

  /**
   * A typed failure may wrap what went wrong: a violation found by a check, or a checked exception
   * of a library (a SCRAM parse error). An unchecked exception underneath means code crashed on the
   * input and a catch-all turned the crash into a protocol error: that is a bug the fuzzer reports.
   */
  private static void requireTypedCauses(PgException failure, String context) {
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof RuntimeException && !(cause instanceof ProtocolViolation || cause instanceof PgException)) {
        throw new AssertionError(context + ": the failure hides a crash: " + cause, failure);
      }
    }
  }

  private static void readEveryValue(Object result, String context) {
    List<RowSet> results = switch (result) {
      case null -> List.of();
      case RowSet rows -> List.of(rows);
      case List<?> list -> list.stream().map(RowSet.class::cast).toList();
      default -> List.of();
    };
    for (RowSet rows : results) {
      for (Row row : rows) {
        for (int column = 0; column < row.size(); column++) {
          try {
            row.get(column);
            row.getString(column);
          } catch (DecodingException expected) {
            // a damaged value: a typed error on access is the contract
          } catch (PgException e) {
            requireTypedCauses(e, context);
          } catch (RuntimeException e) {
            throw new AssertionError(context + ": reading column " + column + " threw an untyped " + e, e);
          }
        }
      }
    }
  }
}
