package dev.tusk.driver.types;

import dev.tusk.driver.PgRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Range types decode to {@link PgRange} and multiranges (PostgreSQL 14+) to a {@code List} of
 * PgRange, bounds decoded by the element type's codec. One instance per range or multirange type.
 *
 * <p>Binary range ({@code range_send}): a flags byte, then each finite bound as int32 length and
 * bytes. Binary multirange: int32 count, then each range as int32 length and a binary range. Text:
 * {@code [1,10)}, {@code empty}, {@code (,5]}, bounds quoted when needed ({@code ["2020-01-01
 * 00:00:00",)}); multiranges {@code {[1,3),[5,7)}}.
 */
final class RangeCodec implements Codec {
  static final int EMPTY = 0x01;
  static final int LOWER_INCLUSIVE = 0x02;
  static final int UPPER_INCLUSIVE = 0x04;
  static final int LOWER_INFINITE = 0x08;
  static final int UPPER_INFINITE = 0x10;

  private final Codec element;
  private final boolean multirange;

  RangeCodec(Codec element, boolean multirange) {
    this.element = element;
    this.multirange = multirange;
  }

  @Override
  public Class<?> javaType() {
    return multirange ? List.class : PgRange.class;
  }

  @Override
  public boolean decodesBinary() {
    return element.decodesBinary();
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    if (!multirange) {
      return range(bytes, offset, length, types);
    }
    var in = new BinaryCursor(bytes, offset, length);
    // each range takes at least its length and a flags byte
    Object[] ranges = new Object[in.checkCount(in.readInt(), 5)];
    for (int i = 0; i < ranges.length; i++) {
      int size = in.readLength();
      if (size < 0) {
        throw new DecodingException("NULL range inside a multirange");
      }
      ranges[i] = range(bytes, in.position(), size, types);
      in.skip(size);
    }
    in.expectEnd();
    return new ValueList(ranges, null, true);
  }

  private PgRange<Object> range(byte[] bytes, int offset, int length, TypeRegistry types) {
    var in = new BinaryCursor(bytes, offset, length);
    int flags = in.readUnsignedByte();
    if ((flags & EMPTY) != 0) {
      in.expectEnd();
      return PgRange.empty();
    }
    Object lower = (flags & LOWER_INFINITE) != 0 ? null : bound(in, types);
    Object upper = (flags & UPPER_INFINITE) != 0 ? null : bound(in, types);
    in.expectEnd();
    return PgRange.of(lower, upper, (flags & LOWER_INCLUSIVE) != 0, (flags & UPPER_INCLUSIVE) != 0);
  }

  private Object bound(BinaryCursor in, TypeRegistry types) {
    int size = in.readLength();
    if (size < 0) {
      throw new DecodingException("NULL bound inside a range");
    }
    Object bound = element.decodeBinary(in.bytes(), in.position(), size, types);
    in.skip(size);
    return bound;
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    var text = new Text(bytes, offset, length, types);
    if (!multirange) {
      PgRange<Object> range = text.range();
      text.expectEnd();
      return range;
    }
    text.expect('{');
    var ranges = new ArrayList<>();
    if (!text.peek('}')) {
      do {
        ranges.add(text.range());
      } while (text.accept(','));
    }
    text.expect('}');
    text.expectEnd();
    return new ValueList(ranges.toArray(), null, true);
  }

  /** The text grammar of {@code range_in}: quoted bounds double {@code "} or escape with {@code \}. */
  private final class Text {
    private final byte[] bytes;
    private final int start;
    private final int end;
    private final TypeRegistry types;
    private int position;

    Text(byte[] bytes, int offset, int length, TypeRegistry types) {
      this.bytes = bytes;
      this.start = offset;
      this.position = offset;
      this.end = offset + length;
      this.types = types;
    }

    PgRange<Object> range() {
      if (end - position >= 5 && TextParsing.string(bytes, position, 5).equals("empty")) {
        position += 5;
        return PgRange.empty();
      }
      boolean lowerInclusive = accept('[');
      if (!lowerInclusive) {
        expect('(');
      }
      Object lower = bound();
      expect(',');
      Object upper = bound();
      boolean upperInclusive = accept(']');
      if (!upperInclusive) {
        expect(')');
      }
      return PgRange.of(lower, upper, lowerInclusive, upperInclusive);
    }

    /** {@return the decoded bound, or null for an omitted (unbounded) one} */
    private Object bound() {
      if (position < end && bytes[position] == '"') {
        position++;
        byte[] text = new byte[0];
        int length = 0;
        while (true) {
          if (position >= end) {
            throw malformed();
          }
          byte b = bytes[position++];
          if (b == '"') {
            if (position < end && bytes[position] == '"') {
              position++;
            } else {
              return element.decodeText(text, 0, length, types);
            }
          } else if (b == '\\') {
            if (position >= end) {
              throw malformed();
            }
            b = bytes[position++];
          }
          if (length == text.length) {
            text = java.util.Arrays.copyOf(text, Math.max(16, 2 * length));
          }
          text[length++] = b;
        }
      }
      int first = position;
      while (position < end && bytes[position] != ',' && bytes[position] != ')' && bytes[position] != ']') {
        if (bytes[position] == '\\' || bytes[position] == '"') {
          throw malformed();
        }
        position++;
      }
      return position == first ? null : element.decodeText(bytes, first, position - first, types);
    }

    boolean peek(char c) {
      return position < end && bytes[position] == c;
    }

    boolean accept(char c) {
      if (peek(c)) {
        position++;
        return true;
      }
      return false;
    }

    void expect(char c) {
      if (!accept(c)) {
        throw malformed();
      }
    }

    void expectEnd() {
      if (position != end) {
        throw malformed();
      }
    }

    private DecodingException malformed() {
      return new DecodingException("malformed range literal: " + TextParsing.string(bytes, start, end - start));
    }
  }

  /** {@return the range as {@code range_out} writes it} */
  static String format(PgRange<?> range) {
    if (range.isEmpty()) {
      return "empty";
    }
    var out = new StringBuilder(32);
    out.append(range.lowerInclusive() ? '[' : '(');
    appendBound(out, range.lower());
    out.append(',');
    appendBound(out, range.upper());
    return out.append(range.upperInclusive() ? ']' : ')').toString();
  }

  private static void appendBound(StringBuilder out, Object bound) {
    if (bound == null) {
      return;
    }
    String text = TextOutput.format(bound);
    boolean quote = text.isEmpty();
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || ArrayText.isSpace(c);
    }
    if (!quote) {
      out.append(text);
      return;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append(c);
      }
      out.append(c);
    }
    out.append('"');
  }
}
