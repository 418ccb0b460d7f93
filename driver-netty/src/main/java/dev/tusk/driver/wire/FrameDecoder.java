package dev.tusk.driver.wire;

import io.netty.buffer.ByteBuf;

/**
 * Finds message boundaries in the bytes received so far. A frame is a tag byte, an int32 length
 * that counts itself, and the body. The decoder owns nothing: the caller's accumulation buffer
 * stays the owner, and frames are read in place.
 */
public final class FrameDecoder {
  private final int maxMessageLength;

  /** @param maxMessageLength the largest body length accepted before declaring a protocol violation */
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
    int length = in.getInt(start + 1);
    if (length < 4 || length - 4 > maxMessageLength) {
      throw new ProtocolViolation("message '" + printable(in.getByte(start)) + "' declares length " + length);
    }
    int frame = length + 1;
    return readable >= frame ? frame : -1;
  }

  /** {@return a tag byte as a character when printable, else in hex, for error messages} */
  public static String printable(byte tag) {
    return tag >= 0x20 && tag < 0x7f ? String.valueOf((char) tag) : String.format("0x%02x", tag & 0xff);
  }
}
