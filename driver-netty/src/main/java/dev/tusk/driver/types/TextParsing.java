package dev.tusk.driver.types;

import java.nio.charset.StandardCharsets;

/** Turns a text-format value's bytes into a String: every text value arrives as UTF-8. */
final class TextParsing {
  private TextParsing() {}

  static String string(byte[] bytes, int offset, int length) {
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }

  /** Parses a decimal integer without allocating a String (the common case of integer columns in text). */
  static long parseLong(byte[] bytes, int offset, int length) {
    if (length == 0 || length > 20) {
      throw new DecodingException("not an integer: " + string(bytes, offset, length));
    }
    int i = offset;
    int end = offset + length;
    boolean negative = bytes[i] == '-';
    if (negative || bytes[i] == '+') {
      i++;
      if (i == end) {
        throw new DecodingException("not an integer: " + string(bytes, offset, length));
      }
    }
    long value = 0;
    for (; i < end; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        throw new DecodingException("not an integer: " + string(bytes, offset, length));
      }
      // accumulate negatively so that Long.MIN_VALUE parses
      long next = value * 10 - digit;
      if (value < Long.MIN_VALUE / 10 || next > value) {
        throw new DecodingException("integer out of range: " + string(bytes, offset, length));
      }
      value = next;
    }
    if (!negative) {
      if (value == Long.MIN_VALUE) {
        throw new DecodingException("integer out of range: " + string(bytes, offset, length));
      }
      value = -value;
    }
    return value;
  }
}
