package dev.tusk.driver.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Reading and writing the protocol's primitive encodings: NUL-terminated strings and length
 * prefixes that are back-patched once the content is written (so a message is written in one pass,
 * without measuring it first).
 */
public final class Wire {
  private Wire() {}

  /** Writes {@code value} as UTF-8 followed by a NUL byte. */
  public static void writeCString(ByteBuf out, String value) {
    ByteBufUtil.writeUtf8(out, value);
    out.writeByte(0);
  }

  /**
   * Reads a NUL-terminated UTF-8 string starting at the reader index, and moves past the NUL.
   *
   * @throws ProtocolViolation when no NUL byte is left in the buffer
   */
  public static String readCString(ByteBuf in) {
    int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
    if (end < 0) {
      throw new ProtocolViolation("string without its terminating NUL byte");
    }
    String value = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
    in.readerIndex(end + 1);
    return value;
  }

  /** Starts a tagged message: writes the tag and a length placeholder; returns where the length goes. */
  public static int beginMessage(ByteBuf out, byte tag) {
    out.writeByte(tag);
    int lengthIndex = out.writerIndex();
    out.writeInt(0);
    return lengthIndex;
  }

  /** Starts an untagged message (startup, SSL and cancel requests). */
  public static int beginUntaggedMessage(ByteBuf out) {
    int lengthIndex = out.writerIndex();
    out.writeInt(0);
    return lengthIndex;
  }

  /** Back-patches the length of a message begun at {@code lengthIndex}: it counts itself, not the tag. */
  public static void endMessage(ByteBuf out, int lengthIndex) {
    out.setInt(lengthIndex, out.writerIndex() - lengthIndex);
  }

  /** Starts a length-prefixed value (a Bind parameter); returns where the length goes. */
  public static int beginValue(ByteBuf out) {
    int lengthIndex = out.writerIndex();
    out.writeInt(0);
    return lengthIndex;
  }

  /** Back-patches a value's length: unlike a message length it does not count itself. */
  public static void endValue(ByteBuf out, int lengthIndex) {
    out.setInt(lengthIndex, out.writerIndex() - lengthIndex - 4);
  }
}
