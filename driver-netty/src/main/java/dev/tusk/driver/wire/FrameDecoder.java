package dev.tusk.driver.wire;

import io.netty.buffer.ByteBuf;

/**
 * Finds message boundaries in the bytes received so far. A frame is a tag byte, an int32 length
 * that counts itself, and the body. The decoder owns nothing: the caller's accumulation buffer
 * stays the owner, and frames are read in place.
 */
public final class FrameDecoder {
  /**
   * The largest body of any message but rows and copy data: the biggest legitimate ones (a
   * RowDescription of 1,664 columns, a ParameterDescription of 65,535 types, an error raised with a
   * long text) stay far below it, and a corrupt or hostile length on a small message (a
   * ReadyForQuery declaring a gigabyte) is refused at once instead of being waited for and buffered.
   */
  public static final int MAX_CONTROL_MESSAGE_LENGTH = 16 * 1024 * 1024;

  private final int maxMessageLength;

  /**
   * @param maxMessageLength the largest body length of a DataRow, CopyData or FunctionCallResponse
   *     accepted before declaring a protocol violation; other messages are held to
   *     {@link #MAX_CONTROL_MESSAGE_LENGTH} (or this, if smaller)
   */
  public FrameDecoder(int maxMessageLength) {
    this.maxMessageLength = maxMessageLength;
  }

  /**
   * Returns the total length (header and body) of the frame at the reader index, or {@code -1} when
   * the buffer does not yet hold all of it. Does not move the reader index.
   *
   * @throws ProtocolViolation when the declared length is impossible (below 4) or above the limit,
   *     so that a corrupt length can never make us wait for, or allocate, gigabytes
   */
  public int completeFrameLength(ByteBuf in) {
    int readable = in.readableBytes();
    if (readable < ProtocolConstants.HEADER_LENGTH) {
      return -1;
    }
    int start = in.readerIndex();
    byte tag = in.getByte(start);
    int length = in.getInt(start + 1);
    int limit = carriesValues(tag) ? maxMessageLength : Math.min(maxMessageLength, MAX_CONTROL_MESSAGE_LENGTH);
    if (length < 4 || length - 4 > limit) {
      throw new ProtocolViolation("message '" + printable(tag) + "' declares length " + length);
    }
    int frame = length + 1;
    return readable >= frame ? frame : -1;
  }

  /** {@return whether messages with this tag carry column values or copy data, up to PostgreSQL's 1 GB} */
  private static boolean carriesValues(byte tag) {
    return tag == 'D' || tag == 'd' || tag == 'V';
  }

  /** {@return a tag byte as a character when printable, else in hex, for error messages} */
  public static String printable(byte tag) {
    return tag >= 0x20 && tag < 0x7f ? String.valueOf((char) tag) : String.format("0x%02x", tag & 0xff);
  }
}
