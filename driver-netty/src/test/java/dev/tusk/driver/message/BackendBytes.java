package dev.tusk.driver.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** Builds backend messages as the server would send them, for tests that script a server. */
public final class BackendBytes {
  private final ByteBuf out = Unpooled.buffer();

  public static BackendBytes create() {
    return new BackendBytes();
  }

  private BackendBytes message(char tag, ByteBuf body) {
    out.writeByte(tag);
    out.writeInt(body.readableBytes() + 4);
    out.writeBytes(body);
    body.release();
    return this;
  }

  private static ByteBuf body() {
    return Unpooled.buffer();
  }

  private static void cstring(ByteBuf body, String value) {
    body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    body.writeByte(0);
  }

  /** One text column per name, of type text (OID 25). */
  public BackendBytes rowDescription(String... names) {
    ByteBuf body = body();
    body.writeShort(names.length);
    for (String name : names) {
      cstring(body, name);
      body.writeInt(0);
      body.writeShort(0);
      body.writeInt(25);
      body.writeShort(-1);
      body.writeInt(-1);
      body.writeShort(0);
    }
    return message('T', body);
  }

  /** Text values; {@code null} is SQL NULL. */
  public BackendBytes dataRow(String... values) {
    ByteBuf body = body();
    body.writeShort(values.length);
    for (String value : values) {
      if (value == null) {
        body.writeInt(-1);
      } else {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        body.writeInt(bytes.length);
        body.writeBytes(bytes);
      }
    }
    return message('D', body);
  }

  public BackendBytes commandComplete(String tag) {
    ByteBuf body = body();
    cstring(body, tag);
    return message('C', body);
  }

  public BackendBytes readyForQuery(char status) {
    ByteBuf body = body();
    body.writeByte(status);
    return message('Z', body);
  }

  public BackendBytes parseComplete() {
    return message('1', body());
  }

  public BackendBytes bindComplete() {
    return message('2', body());
  }

  public BackendBytes parameterDescription(int... oids) {
    ByteBuf body = body();
    body.writeShort(oids.length);
    for (int oid : oids) {
      body.writeInt(oid);
    }
    return message('t', body);
  }

  public BackendBytes parameterStatus(String name, String value) {
    ByteBuf body = body();
    cstring(body, name);
    cstring(body, value);
    return message('S', body);
  }

  public BackendBytes error(String sqlState, String text) {
    ByteBuf body = body();
    body.writeByte('S');
    cstring(body, "ERROR");
    body.writeByte('V');
    cstring(body, "ERROR");
    body.writeByte('C');
    cstring(body, sqlState);
    body.writeByte('M');
    cstring(body, text);
    body.writeByte(0);
    return message('E', body);
  }

  public BackendBytes notice(String text) {
    ByteBuf body = body();
    body.writeByte('S');
    cstring(body, "NOTICE");
    body.writeByte('C');
    cstring(body, "00000");
    body.writeByte('M');
    cstring(body, text);
    body.writeByte(0);
    return message('N', body);
  }

  /** Any bytes, for malformed input. */
  public BackendBytes raw(byte... bytes) {
    out.writeBytes(bytes);
    return this;
  }

  public byte[] toByteArray() {
    byte[] bytes = new byte[out.readableBytes()];
    out.getBytes(out.readerIndex(), bytes);
    return bytes;
  }
}
