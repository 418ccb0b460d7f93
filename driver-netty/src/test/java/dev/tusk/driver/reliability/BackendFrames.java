package dev.tusk.driver.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Server messages as a PostgreSQL server frames them, kept one frame per entry so that a
 * {@link StreamMutator} can aim at message boundaries and length fields. Covers every backend
 * message the driver decodes.
 */
final class BackendFrames {
  /** A column of a RowDescription: its name, type OID and the format its values come in. */
  record Column(String name, int typeOid, short format) {
    static Column text(String name, int typeOid) {
      return new Column(name, typeOid, (short) 0);
    }
  }

  private final List<byte[]> frames = new ArrayList<>();

  static BackendFrames create() {
    return new BackendFrames();
  }

  /** {@return the frames so far, oldest first} */
  List<byte[]> frames() {
    return frames;
  }

  /** {@return every frame, concatenated} */
  byte[] toByteArray() {
    return concat(frames);
  }

  static byte[] concat(List<byte[]> parts) {
    var out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  BackendFrames frame(char tag, Body body) {
    byte[] content = body.bytes();
    frames.add(ByteBuffer.allocate(5 + content.length).put((byte) tag).putInt(4 + content.length).put(content).array());
    return this;
  }

  // ---- startup and authentication

  BackendFrames authentication(int code, byte... data) {
    return frame('R', new Body().int32(code).bytes(data));
  }

  BackendFrames authenticationOk() {
    return authentication(0);
  }

  BackendFrames authenticationSasl(String... mechanisms) {
    var body = new Body().int32(10);
    for (String mechanism : mechanisms) {
      body.cstring(mechanism);
    }
    return frame('R', body.int8(0));
  }

  BackendFrames backendKeyData(int processId, int secretKey) {
    return frame('K', new Body().int32(processId).int32(secretKey));
  }

  BackendFrames negotiateProtocolVersion(int newestMinor, String... unsupportedOptions) {
    // the server sends the whole version: 3 in the high 16 bits
    var body = new Body().int32(0x0003_0000 | newestMinor).int32(unsupportedOptions.length);
    for (String option : unsupportedOptions) {
      body.cstring(option);
    }
    return frame('v', body);
  }

  BackendFrames parameterStatus(String name, String value) {
    return frame('S', new Body().cstring(name).cstring(value));
  }

  BackendFrames readyForQuery(char status) {
    return frame('Z', new Body().int8(status));
  }

  // ---- query responses

  BackendFrames parseComplete() {
    return frame('1', new Body());
  }

  BackendFrames bindComplete() {
    return frame('2', new Body());
  }

  BackendFrames closeComplete() {
    return frame('3', new Body());
  }

  BackendFrames noData() {
    return frame('n', new Body());
  }

  BackendFrames emptyQueryResponse() {
    return frame('I', new Body());
  }

  BackendFrames portalSuspended() {
    return frame('s', new Body());
  }

  BackendFrames parameterDescription(int... oids) {
    var body = new Body().int16(oids.length);
    for (int oid : oids) {
      body.int32(oid);
    }
    return frame('t', body);
  }

  BackendFrames rowDescription(List<Column> columns) {
    var body = new Body().int16(columns.size());
    for (Column column : columns) {
      body.cstring(column.name()).int32(0).int16(0).int32(column.typeOid()).int16(-1).int32(-1).int16(column.format());
    }
    return frame('T', body);
  }

  /** A DataRow of raw values; {@code null} is SQL NULL. */
  BackendFrames dataRow(List<byte[]> values) {
    var body = new Body().int16(values.size());
    for (byte[] value : values) {
      if (value == null) {
        body.int32(-1);
      } else {
        body.int32(value.length).bytes(value);
      }
    }
    return frame('D', body);
  }

  BackendFrames commandComplete(String tag) {
    return frame('C', new Body().cstring(tag));
  }

  BackendFrames error(String severity, String sqlState, String message) {
    return frame('E', new Body().int8('S').cstring(severity).int8('V').cstring(severity).int8('C').cstring(sqlState)
        .int8('M').cstring(message).int8(0));
  }

  BackendFrames notice(String message) {
    return frame('N', new Body().int8('S').cstring("NOTICE").int8('C').cstring("00000").int8('M').cstring(message).int8(0));
  }

  BackendFrames notification(int processId, String channel, String payload) {
    return frame('A', new Body().int32(processId).cstring(channel).cstring(payload));
  }

  // ---- COPY

  BackendFrames copyInResponse(int columns) {
    var body = new Body().int8(0).int16(columns);
    for (int i = 0; i < columns; i++) {
      body.int16(0);
    }
    return frame('G', body);
  }

  BackendFrames copyOutResponse(int columns) {
    var body = new Body().int8(0).int16(columns);
    for (int i = 0; i < columns; i++) {
      body.int16(0);
    }
    return frame('H', body);
  }

  BackendFrames copyData(byte[] data) {
    return frame('d', new Body().bytes(data));
  }

  BackendFrames copyDone() {
    return frame('c', new Body());
  }

  /** A message body under construction, in network byte order. */
  static final class Body {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Body int8(int value) {
      out.write(value);
      return this;
    }

    Body int16(int value) {
      out.write(value >>> 8);
      out.write(value);
      return this;
    }

    Body int32(int value) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
      return this;
    }

    Body int64(long value) {
      out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
      return this;
    }

    Body bytes(byte[] value) {
      out.writeBytes(value);
      return this;
    }

    Body cstring(String value) {
      out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
      out.write(0);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
