package dev.tusk.driver.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Converts a decoded value to the Java type a caller asked for, where the conversion is exact
 * (integers are range-checked; a string becomes an enum constant only if one has that name).
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
    Object converted = switch (value) {
      case Number number when Number.class.isAssignableFrom(boxed) -> number(number, boxed);
      case String text when boxed.isEnum() -> enumConstant((Class<? extends Enum>) boxed, text);
      case String text when boxed == UUID.class -> UUID.fromString(text);
      case String text when boxed == Character.class && text.length() == 1 -> text.charAt(0);
      case byte[] bytes when boxed == String.class -> "\\x" + HexFormat.of().formatHex(bytes);
      default -> boxed == String.class ? String.valueOf(value) : null;
    };
    if (converted == null) {
      throw new DecodingException("cannot convert a " + value.getClass().getSimpleName() + " to " + target.getName());
    }
    return (T) converted;
  }

  private static Object number(Number number, Class<?> target) {
    if (target == Long.class) return exactLong(number);
    if (target == Integer.class) return Math.toIntExact(exactLong(number));
    if (target == Short.class) return (short) checkRange(exactLong(number), Short.MIN_VALUE, Short.MAX_VALUE);
    if (target == Double.class) return number.doubleValue();
    if (target == Float.class) return number.floatValue();
    if (target == BigDecimal.class) {
      return number instanceof BigInteger big ? new BigDecimal(big)
          : number instanceof Double || number instanceof Float ? BigDecimal.valueOf(number.doubleValue())
          : new BigDecimal(number.toString());
    }
    if (target == BigInteger.class) {
      return number instanceof BigDecimal decimal ? decimal.toBigIntegerExact() : BigInteger.valueOf(exactLong(number));
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
          if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw new DecodingException(number + " is not an integer");
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
