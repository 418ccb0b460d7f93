package dev.tusk.driver;

import dev.tusk.driver.copy.CopyRowEncoder;
import dev.tusk.driver.copy.PullPublisher;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Rows of Java values as COPY data, for {@link PgConnection#copyIn}. The rows are read lazily, as
 * the server takes them, in chunks of about 64 KiB; the {@code Iterable} may be endless or backed
 * by a file.
 * <ul>
 *   <li>{@link #text}: {@code COPY t FROM STDIN} — the server parses each value as its column's type;
 *   <li>{@link #csv}: {@code COPY t FROM STDIN (FORMAT csv)};
 *   <li>{@link #binary}: {@code COPY t FROM STDIN (FORMAT binary)} — the fastest, but each Java value
 *       must have its column's exact type (Integer for integer, Long for bigint, String for text…):
 *       binary COPY does no conversion.
 * </ul>
 * NULL is a Java {@code null}. Values are written as the driver writes parameters (numbers, strings,
 * booleans, byte arrays, UUIDs, java.time values, arrays and lists).
 */
public final class CopyRows {
  private static final int CHUNK = 64 * 1024;

  private CopyRows() {}

  public static Flow.Publisher<byte[]> text(Iterable<? extends List<?>> rows) {
    return publisher(rows, CopyRowEncoder.Format.TEXT);
  }

  public static Flow.Publisher<byte[]> csv(Iterable<? extends List<?>> rows) {
    return publisher(rows, CopyRowEncoder.Format.CSV);
  }

  public static Flow.Publisher<byte[]> binary(Iterable<? extends List<?>> rows) {
    return publisher(rows, CopyRowEncoder.Format.BINARY);
  }

  private static Flow.Publisher<byte[]> publisher(Iterable<? extends List<?>> rows, CopyRowEncoder.Format format) {
    var encoder = new CopyRowEncoder(format);
    return new PullPublisher(new PullPublisher.Source() {
      private final Iterator<? extends List<?>> iterator = rows.iterator();
      private boolean started;
      private boolean finished;

      @Override
      public byte[] next() {
        if (finished) {
          return null;
        }
        var chunk = new ByteArrayOutputStream(CHUNK + 1024);
        if (!started) {
          started = true;
          encoder.header(chunk);
        }
        while (chunk.size() < CHUNK && iterator.hasNext()) {
          encoder.row(iterator.next(), chunk);
        }
        if (!iterator.hasNext()) {
          finished = true;
          encoder.trailer(chunk);
        }
        return chunk.toByteArray();
      }
    });
  }
}
