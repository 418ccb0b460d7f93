package dev.tusk.sql;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes Java values as JSON text (RFC 8259), for values bound as one {@code jsonb} parameter.
 * Maps become objects (keys are strings, enum names or numbers, written as strings); iterables and
 * arrays become arrays; strings, characters, UUIDs, enums and {@code java.time} values become
 * strings (ISO-8601 for times); numbers and booleans stay as they are. Anything else is refused
 * rather than guessed at, as are non-finite floating-point numbers, which JSON cannot hold.
 */
final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonWriter() {}

  static String write(Object value) {
    var out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case Boolean b -> out.append(b);
      case Integer i -> out.append(i);
      case Long l -> out.append(l);
      case Short s -> out.append(s);
      case Byte b -> out.append(b);
      case BigInteger i -> out.append(i);
      case BigDecimal d -> out.append(d.toString());
      case Double d -> out.append(finite(d, d.isNaN() || d.isInfinite()));
      case Float f -> out.append(finite(f, f.isNaN() || f.isInfinite()));
      case CharSequence s -> string(s, out);
      case Character c -> string(c.toString(), out);
      case UUID u -> string(u.toString(), out);
      case Enum<?> e -> string(e.name(), out);
      case TemporalAccessor t -> string(t.toString(), out);
      case Optional<?> o -> write(o.orElse(null), out);
      case Map<?, ?> map -> object(map, out);
      case Iterable<?> items -> {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(item, out);
        }
        out.append(']');
      }
      default -> {
        if (!value.getClass().isArray() || value instanceof byte[]) {
          throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName()
              + "; convert it to a Map, a List or a scalar first");
        }
        out.append('[');
        for (int i = 0, n = Array.getLength(value); i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          write(Array.get(value, i), out);
        }
        out.append(']');
      }
    }
  }

  private static void object(Map<?, ?> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (var entry : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(key(entry.getKey()), out);
      out.append(':');
      write(entry.getValue(), out);
    }
    out.append('}');
  }

  private static String key(Object key) {
    return switch (key) {
      case CharSequence s -> s.toString();
      case Enum<?> e -> e.name();
      case Number n -> n.toString();
      case UUID u -> u.toString();
      case null -> throw new IllegalArgumentException("a JSON object key cannot be null");
      default -> throw new IllegalArgumentException("no JSON key form for a " + key.getClass().getName());
    };
  }

  private static String finite(Number number, boolean nonFinite) {
    if (nonFinite) {
      throw new IllegalArgumentException("JSON has no " + number);
    }
    return number.toString();
  }

  private static void string(CharSequence s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // PostgreSQL's jsonb refuses \u0000 in text, so fail here with a clear message instead.
          if (c == 0) {
            throw new IllegalArgumentException("jsonb cannot hold the character U+0000");
          }
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
