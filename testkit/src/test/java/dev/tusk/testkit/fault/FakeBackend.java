package dev.tusk.testkit.fault;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted server that speaks just enough PostgreSQL framing: it reads untagged startup packets,
 * answers an SSLRequest with a chosen byte, writes its script once a StartupMessage arrives, and
 * then records everything the client sends until the connection ends.
 */
final class FakeBackend implements Upstream.Session {
  private final byte[] script;
  private final char sslAnswer;
  private final boolean oneByteAtATime;
  private final BlockingQueue<Received> sessions = new LinkedBlockingQueue<>();

  private FakeBackend(byte[] script, char sslAnswer, boolean oneByteAtATime) {
    this.script = script;
    this.sslAnswer = sslAnswer;
    this.oneByteAtATime = oneByteAtATime;
  }

  /** {@return a backend that refuses TLS and writes {@code script} in one write} */
  static FakeBackend writing(byte[] script) {
    return new FakeBackend(script, Framing.ANSWER_REFUSED, false);
  }

  /** {@return this backend, answering an SSLRequest with {@code answer}} */
  FakeBackend answeringSslWith(char answer) {
    return new FakeBackend(script, answer, oneByteAtATime);
  }

  /** {@return this backend, writing (and flushing) its script one byte at a time} */
  FakeBackend oneByteAtATime() {
    return new FakeBackend(script, sslAnswer, true);
  }

  @Override
  public void serve(Socket socket) throws IOException {
    var in = new DataInputStream(socket.getInputStream());
    OutputStream out = socket.getOutputStream();
    while (true) {
      int length = in.readInt();
      int code = in.readInt();
      in.skipNBytes(length - 8);
      if (code != Framing.SSL_REQUEST_CODE) {
        break;
      }
      out.write(sslAnswer);
      if (sslAnswer == Framing.ANSWER_SSL_ACCEPTED) {
        // "TLS" from here on: the script stands in for encrypted records.
        break;
      }
    }
    if (oneByteAtATime) {
      socket.setTcpNoDelay(true);
      for (byte b : script) {
        out.write(b);
        out.flush();
      }
    } else {
      out.write(script);
    }
    sessions.add(Received.readToEnd(in));
  }

  /** {@return what the client sent after its startup packets in the next session to end} */
  Received nextSession() throws InterruptedException {
    Received received = sessions.poll(5, TimeUnit.SECONDS);
    if (received == null) {
      throw new AssertionError("no backend session ended within 5 s");
    }
    return received;
  }
}
