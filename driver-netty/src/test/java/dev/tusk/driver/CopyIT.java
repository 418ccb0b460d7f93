package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** COPY in and out, including failures midway. */
@ExtendWith(PostgresExtension.class)
class CopyIT {
  private final PostgresServer server;
  private PgConnection connection;

  CopyIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    connection = TestConnections.connect(options(server));
    await(connection.simpleQuery("CREATE TEMP TABLE items (id bigint, name text, price numeric, tags text[])"));
  }

  @AfterEach
  void close() {
    await(connection.close());
  }

  private static Iterable<List<Object>> rows(int count) {
    return () -> IntStream.range(0, count)
        .mapToObj(i -> Arrays.<Object>asList((long) i, i % 7 == 0 ? null : "item\t" + i + "\n\\", new java.math.BigDecimal(i + ".50"),
            List.of("a", "b,\"c\"")))
        .iterator();
  }

  @Test
  void copiesAMillionRowsInAndOut() {
    assertEquals(1_000_000L, await(connection.copyIn("COPY items FROM STDIN", CopyRows.text(rows(1_000_000)))));
    Row summary = await(connection.query("SELECT count(*), count(name), sum(id), max(price) FROM items")).one();
    assertEquals(1_000_000L, summary.getLong(0));
    assertEquals(1_000_000L - 142_858, summary.getLong(1), "every 7th name is NULL");
    assertEquals(499_999_500_000L, summary.getLong(2));
    var out = new ByteArrayOutputStream();
    long bytes = await(connection.copyOut("COPY items TO STDOUT", out));
    assertEquals(bytes, out.size());
    assertEquals(1_000_000, out.toString(StandardCharsets.UTF_8).lines().count());
  }

  @Test
  void valuesRoundTripExactlyInEveryFormat() {
    for (String format : List.of("text", "csv", "binary")) {
      await(connection.simpleQuery("TRUNCATE items"));
      List<List<Object>> data = List.of(
          Arrays.asList(1L, "tab\there, newline\nthere, back\\slash, \"quote\", comma,", new java.math.BigDecimal("3.14"), List.of("x", "y z")),
          Arrays.asList(2L, "", null, List.of()),
          Arrays.asList(3L, null, new java.math.BigDecimal("-0.001"), null));
      var source = switch (format) {
        case "text" -> CopyRows.text(data);
        case "csv" -> CopyRows.csv(data);
        default -> CopyRows.binary(data.stream().map(row -> Arrays.<Object>asList(row.get(0), row.get(1), row.get(2), null)).toList());
      };
      assertEquals(3L, await(connection.copyIn("COPY items FROM STDIN (FORMAT " + format + ")", source)), format);
      RowSet rows = await(connection.query("SELECT id, name, price::text, tags FROM items ORDER BY id"));
      assertEquals(data.get(0).get(1), rows.get(0).getString("name"), format);
      assertEquals("", rows.get(1).getString("name"), format + ": the empty string is not NULL");
      assertNull(rows.get(2).getString("name"), format);
      assertEquals("-0.001", rows.get(2).getString("price"), format);
      if (!format.equals("binary")) {
        assertEquals("{x,\"y z\"}", rows.get(0).getString("tags"), format);
      }
    }
  }

  @Test
  void copyFromAnInputStream() {
    byte[] csv = "1,one,1.5,\n2,two,2.5,\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(2L, await(connection.copyIn("COPY items (id, name, price, tags) FROM STDIN (FORMAT csv)", new ByteArrayInputStream(csv))));
    assertEquals("two", await(connection.query("SELECT name FROM items WHERE id = 2")).one().getString(0));
  }

  @Test
  void aBadRowFailsTheCopyAndLeavesTheConnectionUsable() {
    byte[] bad = "1\tok\t1\t\\N\nnot-a-number\tbad\t1\t\\N\n".getBytes(StandardCharsets.UTF_8);
    PgException failure = failure(connection.copyIn("COPY items FROM STDIN", new ByteArrayInputStream(bad)));
    assertEquals("22P02", failure.sqlState());
    assertEquals(0, await(connection.query("SELECT count(*) FROM items")).one().getLong(0), "the COPY was rolled back");
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  @Test
  void aFailingSourceAbortsTheCopyWithCopyFail() {
    InputStream failing = new InputStream() {
      private int served;

      @Override
      public int read() throws IOException {
        if (served++ < 100_000) {
          return served % 5 == 0 ? '\n' : '7';
        }
        throw new IOException("disk on fire");
      }
    };
    PgException failure = failure(connection.copyIn("COPY items (id) FROM STDIN", failing));
    assertInstanceOf(IOException.class, failure.getCause());
    assertEquals(0, await(connection.query("SELECT count(*) FROM items")).one().getLong(0));
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0));
  }

  @Test
  void cancellingACopyInSendsCopyFail() throws Exception {
    Iterable<List<Object>> forever = () -> IntStream.iterate(0, i -> i + 1)
        .mapToObj(i -> List.<Object>of((long) i, "x", 1, List.of())).iterator();
    Flow.Publisher<byte[]> endless = CopyRows.text(forever);
    var copy = connection.copyIn("COPY items FROM STDIN", endless);
    Thread.sleep(300);
    assertTrue(copy.cancel(true));
    assertEquals(0, await(connection.query("SELECT count(*) FROM items")).one().getLong(0));
    assertEquals(TransactionStatus.IDLE, connection.transactionStatus());
  }

  @Test
  void copyOutHonoursBackpressureAndCanBeCancelled() throws Exception {
    await(connection.copyIn("COPY items FROM STDIN", CopyRows.text(rows(50_000))));
    var chunks = new AtomicLong();
    var subscription = new java.util.concurrent.CompletableFuture<Flow.Subscription>();
    connection.copyOut("COPY items TO STDOUT").subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription s) { subscription.complete(s); s.request(3); }
      @Override public void onNext(byte[] item) { chunks.incrementAndGet(); }
      @Override public void onError(Throwable throwable) { }
      @Override public void onComplete() { }
    });
    Thread.sleep(300);
    assertEquals(3, chunks.get());
    subscription.get().cancel();
    assertEquals(50_000, await(connection.query("SELECT count(*) FROM items")).one().getLong(0));
  }

  @Test
  void usingTheWrongDirectionIsAClearError() {
    PgException in = failure(connection.copyIn("COPY items TO STDOUT", CopyRows.text(rows(1))));
    assertEquals(SqlState.FEATURE_NOT_SUPPORTED, in.sqlState());
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0));
  }
  /** A stream that throws something other than an IOException still ends the copy, with a typed error. */
  @Test
  void anOutputStreamThatThrowsFailsTheCopyOutInsteadOfHangingIt() {
    var refusing = new java.io.OutputStream() {
      @Override
      public void write(int b) {
        throw new IllegalStateException("disk full, say");
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        throw new IllegalStateException("disk full, say");
      }
    };
    PgException failure = failure(connection.copyOut("COPY (SELECT g FROM generate_series(1, 100000) g) TO STDOUT", refusing));
    assertTrue(failure.getMessage().contains("disk full"), failure.getMessage());
    assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0), "the connection is still usable");
  }

  /** Rows arrive in chunks of whole rows, fewer chunks than rows, and nothing is lost or split. */
  @Test
  void copyOutDeliversWholeRowsInChunks() {
    var chunks = new java.util.concurrent.atomic.AtomicInteger();
    var text = new ByteArrayOutputStream();
    var counting = new java.io.OutputStream() {
      @Override
      public void write(int b) {
        text.write(b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        chunks.incrementAndGet();
        assertEquals((byte) '\n', bytes[offset + length - 1], "a chunk ends at the end of a row");
        text.write(bytes, offset, length);
      }
    };
    long bytes = await(connection.copyOut("COPY (SELECT g, md5(g::text) FROM generate_series(1, 50000) g) TO STDOUT", counting));
    assertEquals(bytes, text.size());
    List<String> lines = text.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(50_000, lines.size());
    assertEquals("50000\t" + md5Hex("50000"), lines.getLast());
    assertTrue(chunks.get() < 1_000, chunks.get() + " chunks for 50,000 rows");
  }

  private static String md5Hex(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
