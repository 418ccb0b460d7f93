package dev.tusk.testkit.fault;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A raw client socket connected through a proxy, with reads that fail a test rather than hang it. */
final class TestClient implements AutoCloseable {
  private static final int READ_TIMEOUT_MILLIS = 5_000;

  private final Socket socket;

  private TestClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    socket.setTcpNoDelay(true);
  }

  static TestClient connect(FaultProxy proxy) throws IOException {
    return new TestClient(new Socket(proxy.host(), proxy.port()));
  }

  Socket socket() {
    return socket;
  }

  void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
  }

  void send(String text) throws IOException {
    send(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  byte[] readExactly(int count) throws IOException {
    byte[] bytes = socket.getInputStream().readNBytes(count);
    if (bytes.length < count) {
      throw new IOException("end of stream after " + bytes.length + " of " + count + " bytes");
    }
    return bytes;
  }

  String readText(int count) throws IOException {
    return new String(readExactly(count), java.nio.charset.StandardCharsets.US_ASCII);
  }

  Received readToEnd() throws IOException {
    return Received.readToEnd(socket.getInputStream());
  }

  /** {@return whether nothing at all (no byte, no end of stream, no reset) arrives within {@code wait}} */
  boolean hearsNothingWithin(Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    try {
      socket.getInputStream().read();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
