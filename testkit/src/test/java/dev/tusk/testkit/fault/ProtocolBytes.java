package dev.tusk.testkit.fault;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** PostgreSQL wire bytes for tests, built by hand: tagged messages and the untagged startup packets. */
final class ProtocolBytes {
  static final int PROTOCOL_3_0 = 196608;

  private ProtocolBytes() {}

  /** {@return a tagged message: tag, int32 length counting itself, body} */
  static byte[] message(char tag, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(5 + bytes.length).put((byte) tag).putInt(4 + bytes.length).put(bytes).array();
  }

  static byte[] startupMessage(String user) {
    byte[] parameters = ("user\0" + user + "\0database\0tusk\0\0").getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + parameters.length).putInt(8 + parameters.length).putInt(PROTOCOL_3_0).put(parameters).array();
  }

  static byte[] sslRequest() {
    return ByteBuffer.allocate(8).putInt(8).putInt(Framing.SSL_REQUEST_CODE).array();
  }

  static byte[] cancelRequest() {
    return ByteBuffer.allocate(16).putInt(16).putInt(Framing.CANCEL_REQUEST_CODE).putInt(42).putInt(7).array();
  }

  static byte[] concat(byte[]... parts) {
    var out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /**
   * {@return what a server sends after a simple query returning {@code rows} rows: RowDescription,
   * the DataRows ({@code "row1"}, {@code "row2"}, …), CommandComplete and ReadyForQuery}
   */
  static byte[] queryResult(int rows) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(message('T', "description"));
    for (int row = 1; row <= rows; row++) {
      out.writeBytes(message('D', "row" + row));
    }
    out.writeBytes(message('C', "SELECT " + rows + "\0"));
    out.writeBytes(message('Z', "I"));
    return out.toByteArray();
  }
}
