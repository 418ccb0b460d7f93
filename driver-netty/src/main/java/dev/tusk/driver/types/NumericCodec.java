package dev.tusk.driver.types;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * numeric: arbitrary precision, decoded to {@link BigDecimal} with the value's display scale
 * ({@code 1.50} keeps its trailing zero). BigDecimal has no NaN or infinity, so {@code 'NaN'},
 * {@code 'Infinity'} and {@code '-Infinity'} (PostgreSQL 14+) decode to the {@code Double} values
 * {@link Double#NaN}, {@link Double#POSITIVE_INFINITY} and {@link Double#NEGATIVE_INFINITY}; asking
 * for them as BigDecimal fails with a {@link DecodingException}. BigDecimal and BigInteger
 * parameters are sent as numeric in binary.
 *
 * <p>Binary format ({@code numeric_send}): int16 ndigits, int16 weight, uint16 sign, int16 dscale,
 * then ndigits base-10000 digits, the first worth 10000^weight.
 */
enum NumericCodec implements Codec, Encoder {
  INSTANCE;

  static final int SIGN_POSITIVE = 0x0000;
  static final int SIGN_NEGATIVE = 0x4000;
  static final int SIGN_NAN = 0xC000;
  static final int SIGN_POSITIVE_INFINITY = 0xD000;
  static final int SIGN_NEGATIVE_INFINITY = 0xF000;
  /** The largest display scale the format can carry ({@code NUMERIC_DSCALE_MASK}). */
  private static final int MAX_DSCALE = 0x3FFF;
  /** PostgreSQL's limit on digits before the decimal point. */
  private static final int MAX_INTEGER_DIGITS = 131072;
  private static final BigInteger TEN_THOUSAND_POW_4 = BigInteger.valueOf(10_000L * 10_000L * 10_000L * 10_000L);

  @Override
  public Class<?> javaType() {
    return BigDecimal.class;
  }

  @Override
  public boolean decodesBinary() {
    return true;
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    if (length < 8) {
      throw new DecodingException("numeric of " + length + " bytes is shorter than its 8-byte header");
    }
    int ndigits = Binary.readShort(bytes, offset);
    int weight = Binary.readShort(bytes, offset + 2);
    int sign = Binary.readShort(bytes, offset + 4) & 0xFFFF;
    int dscale = Binary.readShort(bytes, offset + 6) & 0xFFFF;
    if (ndigits < 0 || length != 8 + 2 * ndigits) {
      throw new DecodingException("numeric claims " + ndigits + " digits in " + length + " bytes");
    }
    switch (sign) {
      case SIGN_POSITIVE, SIGN_NEGATIVE -> { }
      case SIGN_NAN -> { return Double.NaN; }
      case SIGN_POSITIVE_INFINITY -> { return Double.POSITIVE_INFINITY; }
      case SIGN_NEGATIVE_INFINITY -> { return Double.NEGATIVE_INFINITY; }
      default -> throw new DecodingException("numeric with unknown sign 0x" + Integer.toHexString(sign));
    }
    if (dscale > MAX_DSCALE) {
      throw new DecodingException("numeric display scale " + dscale + " out of range");
    }
    if (ndigits == 0) {
      return BigDecimal.valueOf(0, dscale);
    }
    int first = offset + 8;
    // The digits read as one integer are the value times 10000^(ndigits - 1 - weight).
    int scale = 4 * (ndigits - 1 - weight);
    BigDecimal value;
    if (ndigits <= 4) {
      // Up to 16 decimal digits fit a long: the common case allocates only the result.
      long unscaled = 0;
      for (int i = 0; i < ndigits; i++) {
        unscaled = unscaled * 10_000 + digit(bytes, first + 2 * i);
      }
      value = BigDecimal.valueOf(sign == SIGN_NEGATIVE ? -unscaled : unscaled, scale);
    } else {
      BigInteger unscaled = BigInteger.ZERO;
      int i = 0;
      int head = ndigits % 4 == 0 ? 4 : ndigits % 4;
      for (int group = head; i < ndigits; group = 4) {
        long chunk = 0;
        for (int k = 0; k < group; k++, i++) {
          chunk = chunk * 10_000 + digit(bytes, first + 2 * i);
        }
        unscaled = unscaled.multiply(group == 4 ? TEN_THOUSAND_POW_4 : BigInteger.ONE).add(BigInteger.valueOf(chunk));
      }
      value = new BigDecimal(sign == SIGN_NEGATIVE ? unscaled.negate() : unscaled, scale);
    }
    // Trailing zero digits are not sent; the display scale says how many decimals to show.
    return scale == dscale ? value : value.setScale(dscale, RoundingMode.DOWN);
  }

  private static int digit(byte[] bytes, int at) {
    int digit = Binary.readShort(bytes, at);
    if (digit < 0 || digit > 9999) {
      throw new DecodingException("numeric digit " + digit + " is not in base 10000");
    }
    return digit;
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    if (length > 0 && length <= 18) {
      // Short plain decimals (nearly all) parse into a long without a String.
      long unscaled = 0;
      int scale = -1;
      int i = offset;
      int end = offset + length;
      boolean negative = bytes[i] == '-';
      if (negative) {
        i++;
      }
      boolean plain = i < end;
      for (; i < end && plain; i++) {
        byte b = bytes[i];
        if (b >= '0' && b <= '9') {
          unscaled = unscaled * 10 + (b - '0');
          if (scale >= 0) {
            scale++;
          }
        } else if (b == '.' && scale < 0) {
          scale = 0;
        } else {
          plain = false;
        }
      }
      if (plain) {
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
      }
    }
    String text = TextParsing.string(bytes, offset, length);
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield new BigDecimal(text);
        } catch (NumberFormatException e) {
          throw new DecodingException("not a numeric: " + text);
        }
      }
    };
  }

  // --- parameters: BigDecimal and BigInteger

  /** Checks the value's range here, on the caller's thread, so that encoding cannot fail later. */
  @Override
  public int typeOid(Object value) {
    if (value == null) {
      return PgType.NUMERIC.oid();
    }
    BigDecimal decimal = decimal(value);
    if (decimal.scale() > MAX_DSCALE || (long) decimal.precision() - decimal.scale() > MAX_INTEGER_DIGITS) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "numeric parameter out of PostgreSQL's range (scale "
          + decimal.scale() + ", precision " + decimal.precision() + ")");
    }
    return PgType.NUMERIC.oid();
  }

  @Override
  public short format() {
    return 1;
  }

  @Override
  public void encode(Object value, ByteBuf out, TypeRegistry types) {
    BigDecimal decimal = decimal(value);
    int scale = decimal.scale();
    BigInteger magnitude = decimal.unscaledValue().abs();
    // Align to whole base-10000 digits after the point: pad the scale up to a multiple of 4.
    int fractionGroups;
    if (scale <= 0) {
      magnitude = magnitude.multiply(BigInteger.TEN.pow(-scale));
      fractionGroups = 0;
    } else {
      int pad = (4 - scale % 4) % 4;
      magnitude = magnitude.multiply(BigInteger.TEN.pow(pad));
      fractionGroups = (scale + pad) / 4;
    }
    short[] groups = base10000(magnitude);
    int count = groups.length;
    int trailingZeros = 0;
    while (trailingZeros < count && groups[trailingZeros] == 0) {
      trailingZeros++;
    }
    int ndigits = count - trailingZeros;
    int weight = ndigits == 0 ? 0 : count - 1 - fractionGroups;
    out.writeShort(ndigits);
    out.writeShort(weight);
    out.writeShort(decimal.signum() < 0 ? SIGN_NEGATIVE : SIGN_POSITIVE);
    out.writeShort(Math.max(scale, 0));
    for (int i = count - 1; i >= trailingZeros; i--) {
      out.writeShort(groups[i]);
    }
  }

  /** {@return the base-10000 digits of {@code magnitude}, least significant first} */
  private static short[] base10000(BigInteger magnitude) {
    if (magnitude.bitLength() < 63) {
      long value = magnitude.longValue();
      short[] groups = new short[5];
      int count = 0;
      while (value != 0) {
        groups[count++] = (short) (value % 10_000);
        value /= 10_000;
      }
      return java.util.Arrays.copyOf(groups, count);
    }
    byte[] digits = magnitude.toString().getBytes(StandardCharsets.US_ASCII);
    short[] groups = new short[(digits.length + 3) / 4];
    for (int g = 0, end = digits.length; end > 0; g++, end -= 4) {
      int group = 0;
      for (int i = Math.max(0, end - 4); i < end; i++) {
        group = group * 10 + (digits[i] - '0');
      }
      groups[g] = (short) group;
    }
    return groups;
  }

  private static BigDecimal decimal(Object value) {
    return value instanceof BigInteger big ? new BigDecimal(big) : (BigDecimal) value;
  }
}
