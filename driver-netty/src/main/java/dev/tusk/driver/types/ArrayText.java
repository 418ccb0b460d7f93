package dev.tusk.driver.types;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The text form of arrays: {@code {1,2,NULL}}, {@code {{1,2},{3,4}}}, {@code [0:1]={a,b}}, elements
 * quoted with backslash escapes when they hold a delimiter, brace, quote, backslash or space, are
 * empty, or spell NULL. Parsed over the UTF-8 bytes (multi-byte characters never contain ASCII
 * bytes), so unquoted elements are handed to the element decoder without a copy.
 */
final class ArrayText {
  /** PostgreSQL's {@code MAXDIM}; also bounds the parser's recursion. */
  static final int MAX_DIMENSIONS = 6;

  /** Decodes one element from its unescaped text. */
  @FunctionalInterface
  interface ElementDecoder {
    Object decode(byte[] bytes, int offset, int length);
  }

  static final ElementDecoder STRINGS = TextParsing::string;

  private final byte[] bytes;
  private final int start;
  private final int end;
  private final byte delimiter;
  private final ElementDecoder decoder;
  private int position;

  private ArrayText(byte[] bytes, int offset, int length, byte delimiter, ElementDecoder decoder) {
    this.bytes = bytes;
    this.start = offset;
    this.position = offset;
    this.end = offset + length;
    this.delimiter = delimiter;
    this.decoder = decoder;
  }

  /** Parses an array literal into nested {@link ValueList}s. */
  static List<Object> parse(byte[] bytes, int offset, int length, byte delimiter, ElementDecoder decoder) {
    var parser = new ArrayText(bytes, offset, length, delimiter, decoder);
    int[] lowerBounds = parser.dimensions();
    ValueList list = parser.list(1, lowerBounds);
    parser.skipSpace();
    if (parser.position != parser.end) {
      throw parser.malformed();
    }
    return list;
  }

  /** {@return the lower bounds of a {@code [l:u][l:u]=} decoration, or null when absent or all 1} */
  private int[] dimensions() {
    if (position >= end || bytes[position] != '[') {
      return null;
    }
    var bounds = new ArrayList<Integer>();
    boolean allOne = true;
    while (position < end && bytes[position] == '[') {
      position++;
      int lower = integer();
      expect((byte) ':');
      integer();
      expect((byte) ']');
      bounds.add(lower);
      allOne &= lower == 1;
      if (bounds.size() > MAX_DIMENSIONS) {
        throw malformed();
      }
    }
    expect((byte) '=');
    return allOne ? null : bounds.stream().mapToInt(Integer::intValue).toArray();
  }

  private ValueList list(int depth, int[] lowerBounds) {
    if (depth > MAX_DIMENSIONS) {
      throw malformed();
    }
    skipSpace();
    expect((byte) '{');
    var elements = new ArrayList<>();
    skipSpace();
    if (position < end && bytes[position] == '}') {
      position++;
      return new ValueList(elements.toArray(), lowerBounds, false);
    }
    while (true) {
      skipSpace();
      if (position < end && bytes[position] == '{') {
        elements.add(list(depth + 1, null));
      } else {
        elements.add(element());
      }
      skipSpace();
      if (position >= end) {
        throw malformed();
      }
      byte b = bytes[position++];
      if (b == '}') {
        return new ValueList(elements.toArray(), lowerBounds, false);
      }
      if (b != delimiter) {
        throw malformed();
      }
    }
  }

  private Object element() {
    if (position < end && bytes[position] == '"') {
      int first = ++position;
      boolean escaped = false;
      while (position < end && bytes[position] != '"') {
        if (bytes[position] == '\\') {
          escaped = true;
          position++;
        }
        position++;
      }
      if (position >= end) {
        throw malformed();
      }
      int last = position++;
      return escaped ? unescape(first, last) : decoder.decode(bytes, first, last - first);
    }
    int first = position;
    boolean escaped = false;
    while (position < end && bytes[position] != delimiter && bytes[position] != '}') {
      byte b = bytes[position];
      if (b == '\\') {
        escaped = true;
        position++;
      } else if (b == '{' || b == '"') {
        throw malformed();
      }
      position++;
    }
    if (position > end) {
      throw malformed();
    }
    int last = position;
    // trailing spaces are not part of the element, unless escaped
    while (last > first && isSpace(bytes[last - 1]) && (last - 2 < first || bytes[last - 2] != '\\')) {
      last--;
    }
    if (last == first) {
      throw malformed();
    }
    if (escaped) {
      return unescape(first, last);
    }
    if (last - first == 4 && (bytes[first] | 0x20) == 'n' && (bytes[first + 1] | 0x20) == 'u'
        && (bytes[first + 2] | 0x20) == 'l' && (bytes[first + 3] | 0x20) == 'l') {
      return null;
    }
    return decoder.decode(bytes, first, last - first);
  }

  private Object unescape(int first, int last) {
    byte[] text = new byte[last - first];
    int length = 0;
    for (int i = first; i < last; i++) {
      if (bytes[i] == '\\') {
        i++;
      }
      text[length++] = bytes[i];
    }
    return decoder.decode(text, 0, length);
  }

  private int integer() {
    int first = position;
    if (position < end && (bytes[position] == '-' || bytes[position] == '+')) {
      position++;
    }
    while (position < end && bytes[position] >= '0' && bytes[position] <= '9') {
      position++;
    }
    try {
      return Integer.parseInt(TextParsing.string(bytes, first, position - first));
    } catch (NumberFormatException e) {
      throw malformed();
    }
  }

  private void expect(byte b) {
    if (position >= end || bytes[position] != b) {
      throw malformed();
    }
    position++;
  }

  private void skipSpace() {
    while (position < end && isSpace(bytes[position])) {
      position++;
    }
  }

  static boolean isSpace(int b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f';
  }

  private DecodingException malformed() {
    return new DecodingException("malformed array literal: " + TextParsing.string(bytes, start, end - start));
  }

  // --- output

  /** {@return the array literal of {@code list}}, with nested lists as dimensions */
  static String format(List<?> list) {
    return format(list, TextOutput::format);
  }

  /** {@return the array literal of {@code list}}, each element written by {@code elementText} */
  static String format(List<?> list, Function<Object, String> elementText) {
    var out = new StringBuilder(16 + 8 * list.size());
    if (list instanceof ValueList values && values.lowerBounds() != null) {
      List<?> level = list;
      for (int lower : values.lowerBounds()) {
        out.append('[').append(lower).append(':').append(lower + level.size() - 1).append(']');
        level = !level.isEmpty() && level.get(0) instanceof List<?> inner ? inner : List.of();
      }
      out.append('=');
    }
    append(out, list, elementText);
    return out.toString();
  }

  private static void append(StringBuilder out, List<?> list, Function<Object, String> elementText) {
    out.append('{');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object element = list.get(i);
      if (element == null) {
        out.append("NULL");
      } else if (element instanceof List<?> inner && !(inner instanceof ValueList v && v.isMultirange())) {
        append(out, inner, elementText);
      } else {
        appendQuoted(out, elementText.apply(element));
      }
    }
    out.append('}');
  }

  static void appendQuoted(StringBuilder out, String text) {
    boolean quote = text.isEmpty() || text.equalsIgnoreCase("NULL");
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || isSpace(c);
    }
    if (!quote) {
      out.append(text);
      return;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }
}
