package dev.tusk.driver.reliability;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Rows for COPY FROM STDIN, forever, until closed; counts what was read. */
final class EndlessRows extends InputStream {
  final AtomicBoolean closed = new AtomicBoolean();
  final AtomicLong bytes = new AtomicLong();
  private final byte[] line = "42\tsome text to copy\n".getBytes(StandardCharsets.UTF_8);
  private int position;

  @Override
  public int read() {
    if (closed.get()) {
      return -1;
    }
    bytes.incrementAndGet();
    byte b = line[position];
    position = (position + 1) % line.length;
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (closed.get()) {
      return -1;
    }
    for (int i = 0; i < length; i++) {
      buffer[offset + i] = line[position];
      position = (position + 1) % line.length;
    }
    bytes.addAndGet(length);
    return length;
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
