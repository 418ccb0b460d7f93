package dev.tusk.driver.types;

import dev.tusk.driver.Json;
import dev.tusk.driver.PgInet;
import dev.tusk.driver.PgInterval;
import dev.tusk.driver.PgRecord;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Converts a decoded value to the Java type a caller asked for, where the conversion is exact
 * (integers are range-checked; a string becomes an enum constant only if one has that name).
 *
 * <ul>
 *   <li>Any value to String: PostgreSQL's text output of it ({@link TextOutput}).
 *   <li>Numbers between each other when exact; numeric NaN/±Infinity (decoded as Double) only to
 *       Double, Float or String.
 *   <li>timestamptz (OffsetDateTime at UTC) to Instant and ZonedDateTime (at UTC), infinities to
 *       Instant.MAX/MIN and ZonedDateTime of LocalDateTime.MAX/MIN; never to LocalDateTime, which
 *       would need a zone the driver will not guess.
 *   <li>PgInterval to Duration (no months) and Period (no time part).
 *   <li>An array (a List) to any Java array class, element by element ({@code int[]}, {@code
 *       Integer[]}, {@code String[]}, {@code Mood[]}, {@code long[][]} …); a NULL element cannot
 *       become a primitive. A String holding an array literal (arrays of enums and other types the
 *       driver reads as text) converts to List (of Strings) and to arrays the same way, and one
 *       holding a record literal to {@link PgRecord}.
 *   <li>String to UUID, Json, a Java enum constant, Character.
 * </ul>
 */
public final class Conversions {
  private Conversions() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> T convert(Object value, Class<T> target) {
    if (target.isInstance(value)) {
      return (T) value;
    }
    Class<?> boxed = boxed(target);
    if (boxed != target && boxed.isInstance(value)) {
      return (T) value;
    }
    if (boxed == String.class) {
      return (T) TextOutput.format(value);
    }
    Object converted = switch (value) {
      case Double d when Number.class.isAssignableFrom(boxed) && (d.isNaN() || d.isInfinite()) -> special(d, boxed);
      case Number number when Number.class.isAssignableFrom(boxed) -> number(number, boxed);
      case String text when boxed.isEnum() -> enumConstant((Class<? extends Enum>) boxed, text);
      case String text when boxed == UUID.class -> uuid(text);
      case String text when boxed == Character.class && text.length() == 1 -> text.charAt(0);
      case String text when boxed == Json.class -> Json.of(text);
      case String text when (boxed == List.class || boxed.isArray()) && (text.startsWith("{") || text.startsWith("[")) ->
          convert(arrayLiteral(text), boxed);
      case String text when boxed == PgRecord.class -> RecordCodec.parseText(text);
      case String text when parser(boxed) != null -> convert(parse(parser(boxed), text), boxed);
      case List<?> list when boxed.isArray() -> array(list, boxed.getComponentType());
      case OffsetDateTime t when boxed == Instant.class ->
          t.equals(OffsetDateTime.MAX) ? Instant.MAX : t.equals(OffsetDateTime.MIN) ? Instant.MIN : t.toInstant();
      case OffsetDateTime t when boxed == ZonedDateTime.class -> zoned(t);
      case Instant t when boxed == OffsetDateTime.class ->
          t.equals(Instant.MAX) ? OffsetDateTime.MAX : t.equals(Instant.MIN) ? OffsetDateTime.MIN : t.atOffset(ZoneOffset.UTC);
      case PgInterval interval when boxed == Duration.class -> duration(interval);
      case PgInterval interval when boxed == Period.class -> period(interval);
      case PgInet inet when boxed == InetAddress.class -> inet.address();
      case InetAddress address when boxed == PgInet.class -> new PgInet(address, address.getAddress().length * 8);
      default -> null;
    };
    if (converted == null) {
      throw new DecodingException("cannot convert a " + value.getClass().getSimpleName() + " to " + target.getName());
    }
    return (T) converted;
  }

  /**
   * {@return the codec whose text form reads as {@code target}}, for Strings that hold PostgreSQL's
   * text of a value (fields of a record that arrived in text, elements of an array of a user type)
   */
  private static Codec parser(Class<?> target) {
    if (target == Integer.class || target == Short.class || target == Long.class || target == BigInteger.class) return IntCodecs.INT8;
    if (target == BigDecimal.class) return NumericCodec.INSTANCE;
    if (target == Double.class || target == Float.class) return FloatCodecs.FLOAT8;
    if (target == Boolean.class) return BoolCodec.INSTANCE;
    if (target == java.time.LocalDate.class) return DateTimeCodecs.DATE;
    if (target == java.time.LocalTime.class) return DateTimeCodecs.TIME;
    if (target == java.time.OffsetTime.class) return DateTimeCodecs.TIMETZ;
    if (target == LocalDateTime.class) return DateTimeCodecs.TIMESTAMP;
    if (target == OffsetDateTime.class || target == Instant.class || target == ZonedDateTime.class) return DateTimeCodecs.TIMESTAMPTZ;
    if (target == PgInterval.class || target == Duration.class || target == Period.class) return IntervalCodec.INSTANCE;
    if (target == InetAddress.class) return NetworkCodecs.INET;
    if (target == PgInet.class) return NetworkCodecs.CIDR;
    return null;
  }

  private static Object parse(Codec codec, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return codec.decodeText(bytes, 0, bytes.length, TypeRegistry.builtins());
  }

  /** numeric NaN and ±Infinity arrive as Double: only floating-point targets can hold them. */
  private static Object special(Double value, Class<?> target) {
    if (target == Float.class) {
      return value.floatValue();
    }
    throw new DecodingException(TextOutput.format(value) + " cannot be represented as " + target.getSimpleName()
        + "; read it as Double or String");
  }

  private static Object number(Number number, Class<?> target) {
    if (target == Long.class) return exactLong(number);
    if (target == Integer.class) return (int) checkRange(exactLong(number), Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (target == Short.class) return (short) checkRange(exactLong(number), Short.MIN_VALUE, Short.MAX_VALUE);
    if (target == Byte.class) return (byte) checkRange(exactLong(number), Byte.MIN_VALUE, Byte.MAX_VALUE);
    if (target == Double.class) return number.doubleValue();
    if (target == Float.class) return number.floatValue();
    if (target == BigDecimal.class) {
      return number instanceof BigInteger big ? new BigDecimal(big)
          : number instanceof Double d ? BigDecimal.valueOf(d)
          : new BigDecimal(number.toString());
    }
    if (target == BigInteger.class) {
      try {
        return number instanceof BigDecimal decimal ? decimal.toBigIntegerExact() : BigInteger.valueOf(exactLong(number));
      } catch (ArithmeticException e) {
        throw new DecodingException(number + " is not an integer");
      }
    }
    return null;
  }

  private static long exactLong(Number number) {
    try {
      return switch (number) {
        case Long l -> l;
        case Integer i -> i;
        case Short s -> s;
        case Byte b -> b;
        case BigDecimal d -> d.longValueExact();
        case BigInteger i -> i.longValueExact();
        default -> {
          double d = number.doubleValue();
          if (d != Math.rint(d) || Double.isInfinite(d) || d >= 0x1p63 || d < -0x1p63) {
            throw new DecodingException(number + " is not an integer in the range of long");
          }
          yield (long) d;
        }
      };
    } catch (ArithmeticException e) {
      throw new DecodingException(number + " does not fit in the requested integer type");
    }
  }

  private static long checkRange(long value, long min, long max) {
    if (value < min || value > max) {
      throw new DecodingException(value + " does not fit in the requested integer type");
    }
    return value;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumConstant(Class<? extends Enum> type, String name) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("'" + name + "' is not a constant of " + type.getName());
    }
  }

  private static UUID uuid(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("not a uuid: " + text);
    }
  }

  /** {@return the elements of an array literal, as Strings} */
  private static List<Object> arrayLiteral(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return ArrayText.parse(bytes, 0, bytes.length, (byte) ',', ArrayText.STRINGS);
  }

  /** {@return the List as an array of {@code component}}, converting each element (and nested Lists) */
  private static Object array(List<?> list, Class<?> component) {
    Object array = Array.newInstance(component, list.size());
    for (int i = 0; i < list.size(); i++) {
      Object element = list.get(i);
      if (element == null) {
        if (component.isPrimitive()) {
          throw new DecodingException("element " + i + " is NULL, which a " + component.getName()
              + " array cannot hold; read it as " + boxed(component).getSimpleName() + "[] or List");
        }
        continue;
      }
      Array.set(array, i, convert(element, component));
    }
    return array;
  }

  private static ZonedDateTime zoned(OffsetDateTime t) {
    if (t.equals(OffsetDateTime.MAX)) {
      return ZonedDateTime.of(LocalDateTime.MAX, ZoneOffset.UTC);
    }
    if (t.equals(OffsetDateTime.MIN)) {
      return ZonedDateTime.of(LocalDateTime.MIN, ZoneOffset.UTC);
    }
    return t.toZonedDateTime();
  }

  private static Duration duration(PgInterval interval) {
    try {
      return interval.toDuration();
    } catch (ArithmeticException e) {
      throw new DecodingException(e.getMessage());
    }
  }

  private static Period period(PgInterval interval) {
    try {
      return interval.toPeriod();
    } catch (ArithmeticException e) {
      throw new DecodingException(e.getMessage());
    }
  }

  private static Class<?> boxed(Class<?> type) {
    if (!type.isPrimitive()) return type;
    if (type == int.class) return Integer.class;
    if (type == long.class) return Long.class;
    if (type == double.class) return Double.class;
    if (type == boolean.class) return Boolean.class;
    if (type == short.class) return Short.class;
    if (type == float.class) return Float.class;
    if (type == char.class) return Character.class;
    if (type == byte.class) return Byte.class;
    return type;
  }
}
