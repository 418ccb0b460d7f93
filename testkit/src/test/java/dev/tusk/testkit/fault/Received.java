package dev.tusk.testkit.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * Everything one end of a connection read until the stream ended, and how it ended.
 *
 * @param bytes the bytes read
 * @param reset whether it ended with a reset rather than end of stream
 */
record Received(byte[] bytes, boolean reset) {
  /** Reads until end of stream or a reset; a read timeout is a test failure and propagates. */
  static Received readToEnd(InputStream in) throws IOException {
    var out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int count;
      while ((count = in.read(buffer)) >= 0) {
        out.write(buffer, 0, count);
      }
      return new Received(out.toByteArray(), false);
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (SocketException e) {
      return new Received(out.toByteArray(), true);
    }
  }
}
