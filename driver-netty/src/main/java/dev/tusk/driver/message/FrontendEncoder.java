package dev.tusk.driver.message;

import static dev.tusk.driver.wire.ProtocolConstants.*;

import dev.tusk.driver.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Map;

/**
 * Writes frontend messages into an outbound buffer. One exhaustive switch: a new message type does
 * not compile until it is encoded here. Lengths are back-patched, so each message is written once.
 */
public final class FrontendEncoder {
  private FrontendEncoder() {}

  public static void encode(FrontendMessage message, ByteBuf out) {
    switch (message) {
      case FrontendMessage.StartupMessage startup -> {
        int length = Wire.beginUntaggedMessage(out);
        out.writeInt(startup.protocolVersion());
        for (Map.Entry<String, String> parameter : startup.parameters().entrySet()) {
          Wire.writeCString(out, parameter.getKey());
          Wire.writeCString(out, parameter.getValue());
        }
        out.writeByte(0);
        Wire.endMessage(out, length);
      }
      case FrontendMessage.SSLRequest ignored -> {
        out.writeInt(8);
        out.writeInt(SSL_REQUEST_CODE);
      }
      case FrontendMessage.CancelRequest cancel -> {
        out.writeInt(12 + cancel.secretKey().length);
        out.writeInt(CANCEL_REQUEST_CODE);
        out.writeInt(cancel.processId());
        out.writeBytes(cancel.secretKey());
      }
      case FrontendMessage.PasswordMessage password -> {
        int length = Wire.beginMessage(out, TAG_PASSWORD);
        Wire.writeCString(out, password.password());
        Wire.endMessage(out, length);
      }
      case FrontendMessage.SASLInitialResponse initial -> {
        int length = Wire.beginMessage(out, TAG_PASSWORD);
        Wire.writeCString(out, initial.mechanism());
        out.writeInt(initial.data().length);
        out.writeBytes(initial.data());
        Wire.endMessage(out, length);
      }
      case FrontendMessage.SASLResponse response -> {
        int length = Wire.beginMessage(out, TAG_PASSWORD);
        out.writeBytes(response.data());
        Wire.endMessage(out, length);
      }
      case FrontendMessage.Query query -> {
        int length = Wire.beginMessage(out, TAG_QUERY);
        Wire.writeCString(out, query.sql());
        Wire.endMessage(out, length);
      }
      case FrontendMessage.Parse parse -> {
        int length = Wire.beginMessage(out, TAG_PARSE);
        Wire.writeCString(out, parse.statement());
        Wire.writeCString(out, parse.sql());
        out.writeShort(parse.parameterTypes().length);
        for (int oid : parse.parameterTypes()) {
          out.writeInt(oid);
        }
        Wire.endMessage(out, length);
      }
      case FrontendMessage.Bind bind -> encodeBind(bind, out);
      case FrontendMessage.Describe describe -> {
        int length = Wire.beginMessage(out, TAG_DESCRIBE);
        out.writeByte(describe.kind());
        Wire.writeCString(out, describe.name());
        Wire.endMessage(out, length);
      }
      case FrontendMessage.Execute execute -> {
        int length = Wire.beginMessage(out, TAG_EXECUTE);
        Wire.writeCString(out, execute.portal());
        out.writeInt(execute.maxRows());
        Wire.endMessage(out, length);
      }
      case FrontendMessage.Close close -> {
        int length = Wire.beginMessage(out, TAG_CLOSE);
        out.writeByte(close.kind());
        Wire.writeCString(out, close.name());
        Wire.endMessage(out, length);
      }
      case FrontendMessage.Sync ignored -> {
        out.writeByte(TAG_SYNC);
        out.writeInt(4);
      }
      case FrontendMessage.Flush ignored -> {
        out.writeByte(TAG_FLUSH);
        out.writeInt(4);
      }
      case FrontendMessage.Terminate ignored -> {
        out.writeByte(TAG_TERMINATE);
        out.writeInt(4);
      }
      case FrontendMessage.CopyData copy -> {
        out.writeByte(TAG_COPY_DATA);
        out.writeInt(4 + copy.length());
        out.writeBytes(copy.data(), copy.offset(), copy.length());
      }
      case FrontendMessage.CopyDone ignored -> {
        out.writeByte(TAG_COPY_DONE);
        out.writeInt(4);
      }
      case FrontendMessage.CopyFail fail -> {
        int length = Wire.beginMessage(out, TAG_COPY_FAIL);
        Wire.writeCString(out, fail.reason());
        Wire.endMessage(out, length);
      }
    }
  }

  private static void encodeBind(FrontendMessage.Bind bind, ByteBuf out) {
    encodeBind(bind.portal(), bind.statement(), bind.parameters(), bind.resultFormats(), out);
  }

  /**
   * Encodes a Bind without building its message first: the driver binds once per statement run,
   * and this is the hot path.
   */
  public static void encodeBind(String portal, String statement, BindValues values, short[] resultFormats, ByteBuf out) {
    int length = Wire.beginMessage(out, TAG_BIND);
    Wire.writeCString(out, portal);
    Wire.writeCString(out, statement);
    int count = values.count();
    out.writeShort(count);
    for (int i = 0; i < count; i++) {
      out.writeShort(values.format(i));
    }
    out.writeShort(count);
    for (int i = 0; i < count; i++) {
      if (values.isNull(i)) {
        out.writeInt(-1);
      } else {
        int valueLength = Wire.beginValue(out);
        values.write(i, out);
        Wire.endValue(out, valueLength);
      }
    }
    out.writeShort(resultFormats.length);
    for (short format : resultFormats) {
      out.writeShort(format);
    }
    Wire.endMessage(out, length);
  }
}
