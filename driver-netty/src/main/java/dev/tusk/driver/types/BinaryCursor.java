package dev.tusk.driver.types;

/**
 * Reads a binary value field by field within its bounded slice. Every read checks the bytes left, so
 * a truncated or lying value fails with a {@link DecodingException} instead of reading its
 * neighbour's bytes; counts taken from the value are checked against the bytes left before anything
 * is allocated for them.
 */
final class BinaryCursor {
  private final byte[] bytes;
  private final int end;
  private int position;

  BinaryCursor(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.position = offset;
    this.end = offset + length;
  }

  byte[] bytes() {
    return bytes;
  }

  int position() {
    return position;
  }

  int remaining() {
    return end - position;
  }

  int readUnsignedByte() {
    need(1);
    return bytes[position++] & 0xFF;
  }

  short readShort() {
    need(2);
    short value = Binary.readShort(bytes, position);
    position += 2;
    return value;
  }

  int readInt() {
    need(4);
    int value = Binary.readInt(bytes, position);
    position += 4;
    return value;
  }

  long readLong() {
    need(8);
    long value = Binary.readLong(bytes, position);
    position += 8;
    return value;
  }

  /** Reads an int32 length prefix: -1 for NULL, else a length that the bytes left must cover. */
  int readLength() {
    int length = readInt();
    if (length < -1 || length > remaining()) {
      throw new DecodingException("binary value claims " + length + " bytes where " + remaining() + " are left");
    }
    return length;
  }

  /** Checks that {@code count} items of at least {@code minBytes} each can fit in the bytes left. */
  int checkCount(int count, int minBytes) {
    if (count < 0 || (long) count * minBytes > remaining()) {
      throw new DecodingException("binary value claims " + count + " items where " + remaining() + " bytes are left");
    }
    return count;
  }

  void skip(int length) {
    need(length);
    position += length;
  }

  void expectEnd() {
    if (position != end) {
      throw new DecodingException("binary value has " + (end - position) + " unexpected trailing bytes");
    }
  }

  private void need(int count) {
    if (end - position < count) {
      throw new DecodingException("binary value truncated: " + count + " more bytes expected, " + (end - position) + " left");
    }
  }
}
