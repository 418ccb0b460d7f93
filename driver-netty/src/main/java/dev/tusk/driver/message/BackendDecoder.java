package dev.tusk.driver.message;

import static dev.tusk.driver.wire.ProtocolConstants.*;

import dev.tusk.driver.ColumnDescriptor;
import dev.tusk.driver.ErrorFields;
import dev.tusk.driver.TransactionStatus;
import static dev.tusk.driver.wire.FrameDecoder.printable;
import dev.tusk.driver.wire.ProtocolViolation;
import dev.tusk.driver.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pure function from one frame (tag and body) to a {@link BackendMessage}. It holds no state and
 * never sees the channel; every length it reads is checked against the body, so corrupt input ends
 * in a {@link ProtocolViolation}, never in a huge allocation or a read past the frame.
 */
public final class BackendDecoder {
  private BackendDecoder() {}

  /**
   * Decodes one message body. The body buffer is read, not retained; the caller releases it.
   *
   * @throws ProtocolViolation when the body does not match the tag's format, or the tag is unknown
   */
  public static BackendMessage decode(byte tag, ByteBuf body) {
    try {
      BackendMessage message = switch (tag) {
        case TAG_AUTHENTICATION -> authentication(body);
        case TAG_BACKEND_KEY_DATA -> backendKeyData(body);
        case TAG_BIND_COMPLETE -> BackendMessage.BindComplete.INSTANCE;
        case TAG_CLOSE_COMPLETE -> BackendMessage.CloseComplete.INSTANCE;
        case TAG_COMMAND_COMPLETE -> new BackendMessage.CommandComplete(Wire.readCString(body));
        case TAG_COPY_DATA -> new BackendMessage.CopyData(readBytes(body, body.readableBytes()));
        case TAG_COPY_DONE -> BackendMessage.CopyDone.INSTANCE;
        case TAG_COPY_IN_RESPONSE -> copyResponse(BackendMessage.CopyDirection.IN, body);
        case TAG_COPY_OUT_RESPONSE -> copyResponse(BackendMessage.CopyDirection.OUT, body);
        case TAG_COPY_BOTH_RESPONSE -> copyResponse(BackendMessage.CopyDirection.BOTH, body);
        case TAG_EMPTY_QUERY_RESPONSE -> BackendMessage.EmptyQueryResponse.INSTANCE;
        case TAG_ERROR_RESPONSE -> new BackendMessage.ErrorResponse(errorFields(body));
        case TAG_NEGOTIATE_PROTOCOL_VERSION -> negotiateProtocolVersion(body);
        case TAG_NO_DATA -> BackendMessage.NoData.INSTANCE;
        case TAG_NOTICE_RESPONSE -> new BackendMessage.NoticeResponse(errorFields(body));
        case TAG_NOTIFICATION_RESPONSE -> new BackendMessage.NotificationResponse(
            readInt(body), Wire.readCString(body), Wire.readCString(body));
        case TAG_PARAMETER_DESCRIPTION -> parameterDescription(body);
        case TAG_PARAMETER_STATUS -> new BackendMessage.ParameterStatus(Wire.readCString(body), Wire.readCString(body));
        case TAG_PARSE_COMPLETE -> BackendMessage.ParseComplete.INSTANCE;
        case TAG_PORTAL_SUSPENDED -> BackendMessage.PortalSuspended.INSTANCE;
        case TAG_READY_FOR_QUERY -> readyForQuery(body);
        case TAG_ROW_DESCRIPTION -> rowDescription(body);
        default -> throw new ProtocolViolation("unexpected message tag '" + printable(tag) + "'");
      };
      if (body.isReadable() && tag != TAG_COPY_DATA) {
        throw new ProtocolViolation("message '" + printable(tag) + "' has " + body.readableBytes() + " unexpected trailing bytes");
      }
      return message;
    } catch (IndexOutOfBoundsException e) {
      throw new ProtocolViolation("message '" + printable(tag) + "' is shorter than its contents require");
    }
  }

  /**
   * Decodes the message whose body lies at {@code [bodyIndex, bodyIndex + bodyLength)} of
   * {@code buffer}, without moving its indices. The messages every statement produces (the empty
   * completions, CommandComplete, ReadyForQuery) are read in place; the rest through
   * {@link #decode} on a slice. Same results, same checks — one fewer object per message on the
   * hot path.
   */
  public static BackendMessage decode(byte tag, ByteBuf buffer, int bodyIndex, int bodyLength) {
    BackendMessage empty = switch (tag) {
      case TAG_PARSE_COMPLETE -> BackendMessage.ParseComplete.INSTANCE;
      case TAG_BIND_COMPLETE -> BackendMessage.BindComplete.INSTANCE;
      case TAG_CLOSE_COMPLETE -> BackendMessage.CloseComplete.INSTANCE;
      case TAG_NO_DATA -> BackendMessage.NoData.INSTANCE;
      case TAG_EMPTY_QUERY_RESPONSE -> BackendMessage.EmptyQueryResponse.INSTANCE;
      case TAG_PORTAL_SUSPENDED -> BackendMessage.PortalSuspended.INSTANCE;
      case TAG_COPY_DONE -> BackendMessage.CopyDone.INSTANCE;
      default -> null;
    };
    if (empty != null) {
      if (bodyLength != 0) {
        throw new ProtocolViolation("message '" + printable(tag) + "' has " + bodyLength + " unexpected trailing bytes");
      }
      return empty;
    }
    if (tag == TAG_READY_FOR_QUERY && bodyLength == 1) {
      return readyForQuery(buffer.getByte(bodyIndex));
    }
    if (tag == TAG_COMMAND_COMPLETE && bodyLength > 0 && buffer.getByte(bodyIndex + bodyLength - 1) == 0
        && buffer.indexOf(bodyIndex, bodyIndex + bodyLength - 1, (byte) 0) < 0) {
      BackendMessage.CommandComplete common = CommonCommandTags.find(buffer, bodyIndex, bodyLength - 1);
      return common != null ? common
          : new BackendMessage.CommandComplete(buffer.toString(bodyIndex, bodyLength - 1, StandardCharsets.UTF_8));
    }
    return decode(tag, buffer.slice(bodyIndex, bodyLength));
  }

  private static BackendMessage authentication(ByteBuf body) {
    int code = readInt(body);
    return switch (code) {
      case AUTH_OK -> BackendMessage.AuthenticationOk.INSTANCE;
      case AUTH_CLEARTEXT_PASSWORD -> BackendMessage.AuthenticationCleartextPassword.INSTANCE;
      case AUTH_MD5_PASSWORD -> new BackendMessage.AuthenticationMD5Password(readBytes(body, 4));
      case AUTH_SASL -> {
        List<String> mechanisms = new ArrayList<>();
        while (true) {
          String mechanism = Wire.readCString(body);
          if (mechanism.isEmpty()) {
            break;
          }
          mechanisms.add(mechanism);
        }
        yield new BackendMessage.AuthenticationSASL(List.copyOf(mechanisms));
      }
      case AUTH_SASL_CONTINUE -> new BackendMessage.AuthenticationSASLContinue(readBytes(body, body.readableBytes()));
      case AUTH_SASL_FINAL -> new BackendMessage.AuthenticationSASLFinal(readBytes(body, body.readableBytes()));
      default -> {
        body.skipBytes(body.readableBytes());
        yield new BackendMessage.AuthenticationUnsupported(code);
      }
    };
  }

  private static BackendMessage backendKeyData(ByteBuf body) {
    int processId = readInt(body);
    int keyLength = body.readableBytes();
    if (keyLength < 4 || keyLength > 256) {
      throw new ProtocolViolation("BackendKeyData secret key of " + keyLength + " bytes");
    }
    return new BackendMessage.BackendKeyData(processId, readBytes(body, keyLength));
  }

  private static BackendMessage copyResponse(BackendMessage.CopyDirection direction, ByteBuf body) {
    boolean binary = body.readByte() != 0;
    int columns = body.readUnsignedShort();
    short[] formats = new short[checkCount(columns, body, 2)];
    for (int i = 0; i < columns; i++) {
      formats[i] = body.readShort();
    }
    return new BackendMessage.CopyResponse(direction, binary, formats);
  }

  private static ErrorFields errorFields(ByteBuf body) {
    Map<Character, String> fields = new HashMap<>();
    while (true) {
      byte code = body.readByte();
      if (code == 0) {
        break;
      }
      fields.put((char) code, Wire.readCString(body));
    }
    return new ErrorFields(fields);
  }

  private static BackendMessage negotiateProtocolVersion(ByteBuf body) {
    // the full version, major in the high 16 bits (the protocol docs long said "minor version",
    // but every server sends 3.x whole, as libpq reads it)
    int newest = readInt(body);
    if (newest >>> 16 != 3) {
      throw new ProtocolViolation("NegotiateProtocolVersion offers protocol " + (newest >>> 16) + "." + (newest & 0xFFFF));
    }
    int newestMinor = newest & 0xFFFF;
    int count = readInt(body);
    checkCount(count, body, 1);
    List<String> options = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      options.add(Wire.readCString(body));
    }
    return new BackendMessage.NegotiateProtocolVersion(newestMinor, List.copyOf(options));
  }

  private static BackendMessage parameterDescription(ByteBuf body) {
    int count = body.readUnsignedShort();
    int[] oids = new int[checkCount(count, body, 4)];
    for (int i = 0; i < count; i++) {
      oids[i] = body.readInt();
    }
    return new BackendMessage.ParameterDescription(oids);
  }

  private static BackendMessage readyForQuery(ByteBuf body) {
    return readyForQuery(body.readByte());
  }

  private static BackendMessage readyForQuery(byte status) {
    return switch (status) {
      case 'I' -> BackendMessage.ReadyForQuery.IDLE;
      case 'T' -> BackendMessage.ReadyForQuery.IN_TRANSACTION;
      case 'E' -> BackendMessage.ReadyForQuery.FAILED;
      default -> throw new ProtocolViolation("ReadyForQuery with transaction status " + status);
    };
  }

  private static BackendMessage rowDescription(ByteBuf body) {
    int count = body.readUnsignedShort();
    // each column is at least a NUL (empty name) and 18 bytes of attributes
    checkCount(count, body, 19);
    List<ColumnDescriptor> columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      columns.add(new ColumnDescriptor(Wire.readCString(body), body.readInt(), body.readShort(), body.readInt(),
          body.readShort(), body.readInt(), body.readShort()));
    }
    return new BackendMessage.RowDescription(List.copyOf(columns));
  }

  private static int readInt(ByteBuf body) {
    return body.readInt();
  }

  private static byte[] readBytes(ByteBuf body, int length) {
    byte[] bytes = new byte[length];
    body.readBytes(bytes);
    return bytes;
  }

  /** A count read from the wire must fit in what is left of the body before anything is allocated. */
  private static int checkCount(int count, ByteBuf body, int minimumBytesEach) {
    if (count < 0 || (long) count * minimumBytesEach > body.readableBytes()) {
      throw new ProtocolViolation("count " + count + " does not fit in the " + body.readableBytes() + " bytes left");
    }
    return count;
  }
}
