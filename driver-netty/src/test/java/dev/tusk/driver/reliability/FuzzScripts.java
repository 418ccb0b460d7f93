package dev.tusk.driver.reliability;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.Query;
import dev.tusk.driver.reliability.BackendFrames.Column;
import dev.tusk.driver.types.TypeRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * Valid conversations between the driver and a scripted server, for the decoder fuzzer to damage:
 * what the client issues, and the frames a PostgreSQL server would answer with. Each script is
 * chosen at random from a seed, so a failing case can be replayed from its seed alone.
 */
final class FuzzScripts {
  /** One column type with a value in both formats, as a server would send it. */
  record Value(int oid, String text, byte[] binary) {
    byte[] inFormat(boolean binaryFormat) {
      return binaryFormat ? binary : text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Commands issued on an open connection and the server's answer to them. */
  record Exchange(Function<PgConnection, List<CompletableFuture<?>>> issue, BackendFrames answer) {}

  /**
   * One case: the startup answer (damaged itself when {@code startupIsTarget}), exchanges that run
   * undamaged first (to get statements prepared and described), then the exchange that is damaged.
   */
  record Script(String kind, BackendFrames startup, boolean startupIsTarget, List<Exchange> warmUp, Exchange target,
      boolean validSucceeds) {}

  static final String PASSWORD = "fuzz-password";
  private static final TypeRegistry TYPES = TypeRegistry.builtins();

  static final List<Value> VALUES = List.of(
      new Value(23, "42", int32(42)),
      new Value(21, "-7", new byte[] {(byte) 0xff, (byte) 0xf9}),
      new Value(20, "9000000000", int64(9_000_000_000L)),
      new Value(25, "héllo, wörld", "héllo, wörld".getBytes(StandardCharsets.UTF_8)),
      new Value(1043, "varchar", "varchar".getBytes(StandardCharsets.UTF_8)),
      new Value(16, "t", new byte[] {1}),
      new Value(701, "1.5", int64(Double.doubleToLongBits(1.5))),
      new Value(700, "2.25", int32(Float.floatToIntBits(2.25f))),
      new Value(2950, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
          java.util.HexFormat.of().parseHex("a0eebc999c0b4ef8bb6d6bb9bd380a11")),
      new Value(17, "\\x0102ff", new byte[] {1, 2, (byte) 0xff}),
      new Value(1700, "12.5", new BackendFrames.Body().int16(2).int16(0).int16(0).int16(1).int16(12).int16(5000).bytes()),
      // 2024-01-02 03:04:05 UTC: 8767 days and 11045 seconds after 2000-01-01
      new Value(1184, "2024-01-02 03:04:05+00", int64((8767L * 86_400 + 11_045) * 1_000_000)),
      new Value(1114, "2024-01-02 03:04:05", int64((8767L * 86_400 + 11_045) * 1_000_000)),
      new Value(1082, "2024-01-02", int32(8767)),
      new Value(1083, "03:04:05", int64(11_045L * 1_000_000)),
      new Value(1186, "1 day 02:00:00", new BackendFrames.Body().int64(7_200_000_000L).int32(1).int32(0).bytes()),
      new Value(1007, "{1,2,3}", new BackendFrames.Body().int32(1).int32(0).int32(23).int32(3).int32(1)
          .int32(4).int32(1).int32(4).int32(2).int32(4).int32(3).bytes()),
      new Value(1009, "{a,NULL,\"b c\"}", new BackendFrames.Body().int32(1).int32(1).int32(25).int32(3).int32(1)
          .int32(1).bytes(new byte[] {'a'}).int32(-1).int32(3).bytes("b c".getBytes(StandardCharsets.UTF_8)).bytes()),
      new Value(3802, "{\"a\": 1}", concat(new byte[] {1}, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8))),
      new Value(114, "[1, 2]", "[1, 2]".getBytes(StandardCharsets.UTF_8)),
      new Value(869, "192.168.0.1/24", new byte[] {2, 24, 0, 4, (byte) 192, (byte) 168, 0, 1}),
      new Value(3904, "[1,5)", new BackendFrames.Body().int8(0x02).int32(4).int32(1).int32(4).int32(5).bytes()),
      new Value(705, "unknown type", "unknown type".getBytes(StandardCharsets.UTF_8)));

  private FuzzScripts() {}

  static Script random(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> startup(random);
      case 1 -> simpleQuery(random);
      case 2 -> firstExecution(random);
      case 3 -> preparedExecution(random);
      case 4 -> batch(random);
      case 5 -> copyIn(random);
      default -> pipeline(random);
    };
  }

  // ---- startup

  static BackendFrames validStartup(Random random) {
    var frames = BackendFrames.create().authenticationOk();
    asyncNoise(frames, random);
    return frames.parameterStatus("server_version", "17.0").parameterStatus("TimeZone", "UTC")
        .parameterStatus("integer_datetimes", "on").backendKeyData(4242, 0x1234_5678).readyForQuery('I');
  }

  private static Script startup(Random random) {
    var frames = BackendFrames.create();
    boolean validSucceeds = true;
    switch (random.nextInt(5)) {
      case 0 -> frames.authentication(3);
      case 1 -> frames.authentication(5, new byte[] {1, 2, 3, 4});
      case 2 -> frames.negotiateProtocolVersion(0, "_pq_.fuzz");
      case 3 -> {
        // SCRAM with a server-first-message that cannot be right: ends in a typed authentication error
        frames.authenticationSasl("SCRAM-SHA-256").authentication(11, "r=abc,s=c2FsdA==,i=4096".getBytes(StandardCharsets.UTF_8));
        validSucceeds = false;
      }
      default -> { }
    }
    frames.frames().addAll(validStartup(random).frames());
    return new Script("startup", frames, true, List.of(), null, validSucceeds);
  }

  // ---- query results

  private static List<Value> columns(Random random) {
    int count = 1 + random.nextInt(4);
    List<Value> columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      columns.add(VALUES.get(random.nextInt(VALUES.size())));
    }
    return columns;
  }

  private static List<Column> description(List<Value> columns, boolean binary) {
    List<Column> described = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Value value = columns.get(i);
      boolean asBinary = binary && TYPES.codec(value.oid()).decodesBinary();
      described.add(new Column("c" + i, value.oid(), (short) (asBinary ? 1 : 0)));
    }
    return described;
  }

  /** Rows of the columns' values (some NULL), in the format a Bind asked for. */
  private static int rows(BackendFrames frames, List<Value> columns, boolean binary, Random random) {
    int rows = random.nextInt(4);
    for (int r = 0; r < rows; r++) {
      List<byte[]> values = new ArrayList<>();
      for (Value value : columns) {
        boolean asBinary = binary && TYPES.codec(value.oid()).decodesBinary();
        values.add(random.nextInt(8) == 0 ? null : value.inFormat(asBinary));
      }
      frames.dataRow(values);
      if (random.nextInt(6) == 0) {
        asyncNoise(frames, random);
      }
    }
    return rows;
  }

  /** Messages that may arrive at any time: ParameterStatus, NoticeResponse, NotificationResponse. */
  private static void asyncNoise(BackendFrames frames, Random random) {
    switch (random.nextInt(4)) {
      case 0 -> frames.parameterStatus("application_name", "fuzz");
      case 1 -> frames.notice("a notice");
      case 2 -> frames.notification(4242, "channel", "payload");
      default -> { }
    }
  }

  private static Script simpleQuery(Random random) {
    var frames = BackendFrames.create();
    int statements = 1 + random.nextInt(3);
    for (int s = 0; s < statements; s++) {
      switch (random.nextInt(5)) {
        case 0 -> frames.emptyQueryResponse();
        case 1 -> frames.commandComplete("INSERT 0 " + random.nextInt(3));
        default -> {
          List<Value> columns = columns(random);
          frames.rowDescription(description(columns, false));
          int rows = rows(frames, columns, false, random);
          frames.commandComplete("SELECT " + rows);
        }
      }
    }
    if (random.nextInt(4) == 0) {
      frames.error("ERROR", "42P01", "relation \"fuzz\" does not exist");
    }
    frames.readyForQuery(random.nextInt(5) == 0 ? 'T' : 'I');
    return new Script("simple query", validStartup(random), false, List.of(),
        new Exchange(connection -> List.of(connection.simpleQuery("SELECT 1; SELECT 2; SELECT 3")), frames), true);
  }

  /** An uncached statement: Parse, Describe, Bind with text results, Execute, Sync. */
  private static BackendFrames firstAnswer(List<Value> columns, Random random, boolean error) {
    var frames = BackendFrames.create().parseComplete().parameterDescription(23);
    if (error) {
      return frames.error("ERROR", "22012", "division by zero").readyForQuery('I');
    }
    if (columns.isEmpty()) {
      frames.noData().bindComplete().commandComplete("UPDATE " + random.nextInt(5));
    } else {
      frames.rowDescription(description(columns, false)).bindComplete();
      int rows = rows(frames, columns, false, random);
      frames.commandComplete("SELECT " + rows);
    }
    return frames.readyForQuery('I');
  }

  private static Script firstExecution(Random random) {
    List<Value> columns = random.nextInt(5) == 0 ? List.of() : columns(random);
    boolean error = random.nextInt(6) == 0;
    return new Script("first execution", validStartup(random), false, List.of(),
        new Exchange(connection -> List.of(connection.query("SELECT fuzz($1)", 1)), firstAnswer(columns, random, error)), true);
  }

  /** A described statement again: Bind asking for binary where decodable, Execute, Sync. */
  private static Script preparedExecution(Random random) {
    List<Value> columns = columns(random);
    var warmUp = new Exchange(connection -> List.of(connection.query("SELECT fuzz($1)", 1)), firstAnswer(columns, random, false));
    var frames = BackendFrames.create().bindComplete();
    int rows = rows(frames, columns, true, random);
    frames.commandComplete("SELECT " + rows).readyForQuery('I');
    return new Script("prepared execution", validStartup(random), false, List.of(warmUp),
        new Exchange(connection -> List.of(connection.query(Query.of("SELECT fuzz($1)", 2))), frames), true);
  }

  private static Script batch(Random random) {
    List<Value> first = columns(random);
    var frames = BackendFrames.create().parseComplete().parameterDescription(23).rowDescription(description(first, false))
        .bindComplete();
    frames.commandComplete("SELECT " + rows(frames, first, false, random));
    frames.parseComplete().parameterDescription(25).noData().bindComplete().commandComplete("INSERT 0 1").readyForQuery('I');
    return new Script("batch", validStartup(random), false, List.of(), new Exchange(connection -> List.of(connection.batch(List.of(
        Query.of("SELECT batch_one($1)", 1), Query.of("INSERT INTO t VALUES ($1)", "x")))), frames), true);
  }

  private static Script copyIn(Random random) {
    var frames = BackendFrames.create().copyInResponse(2);
    if (random.nextInt(4) == 0) {
      frames.error("ERROR", "22P04", "bad copy data");
    } else {
      frames.commandComplete("COPY 2");
    }
    frames.readyForQuery('I');
    return new Script("copy in", validStartup(random), false, List.of(), new Exchange(connection -> List.of(
        connection.copyIn("COPY t FROM STDIN", new ChunkPublisher(List.of("1\ta\n", "2\tb\n")))), frames), true);
  }

  private static Script pipeline(Random random) {
    List<Value> columns = columns(random);
    var frames = BackendFrames.create().rowDescription(description(columns, false));
    frames.commandComplete("SELECT " + rows(frames, columns, false, random)).readyForQuery('I');
    frames.frames().addAll(firstAnswer(columns(random), random, random.nextInt(4) == 0).frames());
    frames.frames().addAll(firstAnswer(List.of(), random, false).frames());
    return new Script("pipeline", validStartup(random), false, List.of(), new Exchange(connection -> List.of(
        connection.simpleQuery("SELECT 1"), connection.query("SELECT pipelined($1)", 1L),
        connection.execute("UPDATE t SET x = $1", "y")), frames), true);
  }

  // ---- helpers

  private static byte[] int32(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }

  private static byte[] int64(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }

  /**
   * A synchronous COPY source: each requested chunk is emitted on the requesting thread, so a
   * scripted connection stays on the test's thread.
   */
  static final class ChunkPublisher implements Flow.Publisher<byte[]> {
    private final List<String> chunks;

    ChunkPublisher(List<String> chunks) {
      this.chunks = chunks;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
      subscriber.onSubscribe(new Flow.Subscription() {
        private int next;
        private boolean done;
        private boolean emitting;
        private long demand;

        @Override
        public void request(long n) {
          demand += n;
          if (emitting) {
            return;
          }
          emitting = true;
          while (demand > 0 && !done) {
            if (next == chunks.size()) {
              done = true;
              subscriber.onComplete();
              break;
            }
            demand--;
            subscriber.onNext(chunks.get(next++).getBytes(StandardCharsets.UTF_8));
          }
          emitting = false;
        }

        @Override
        public void cancel() {
          done = true;
        }
      });
    }
  }
}
