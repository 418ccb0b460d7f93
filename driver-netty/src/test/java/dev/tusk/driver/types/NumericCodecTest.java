package dev.tusk.driver.types;

import static dev.tusk.driver.types.Bytes.decodeBinary;
import static dev.tusk.driver.types.Bytes.decodeText;
import static dev.tusk.driver.types.Bytes.encode;
import static dev.tusk.driver.types.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.driver.PgException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumericCodecTest {
  @Test
  void encodes12345point678AsTheServerDoes() {
    // ndigits 3, weight 1, sign +, dscale 3; digits 1, 2345, 6780
    assertEquals("0003 0001 0000 0003 0001 0929 1a7c".replace(" ", ""), hex(encode(new BigDecimal("12345.678"))));
    assertEquals(new BigDecimal("12345.678"), decodeBinary(PgType.NUMERIC, hex("0003 0001 0000 0003 0001 0929 1a7c")));
  }

  @Test
  void encodesNegativeScalesAndZerosWithoutTrailingDigits() {
    // 1E+5 = 10 * 10000^1: one digit, weight 1, dscale 0
    assertEquals("0001 0001 0000 0000 000a".replace(" ", ""), hex(encode(new BigDecimal("1E+5"))));
    assertEquals("0000 0000 0000 0002".replace(" ", ""), hex(encode(new BigDecimal("0.00"))));
    // -0.00012 = -(1 * 10000^-1 + 2000 * 10000^-2): weight -1, digits 1, 2000, dscale 5
    assertEquals("0002 ffff 4000 0005 0001 07d0".replace(" ", ""), hex(encode(new BigDecimal("-0.00012"))));
  }

  @Test
  void decodesNaNAndInfinitiesAsDoubles() {
    assertEquals(Double.NaN, decodeBinary(PgType.NUMERIC, hex("0000 0000 c000 0000")));
    assertEquals(Double.POSITIVE_INFINITY, decodeBinary(PgType.NUMERIC, hex("0000 0000 d000 0000")));
    assertEquals(Double.NEGATIVE_INFINITY, decodeBinary(PgType.NUMERIC, hex("0000 0000 f000 0000")));
    assertEquals(Double.NaN, decodeText(PgType.NUMERIC, "NaN"));
    assertEquals(Double.NEGATIVE_INFINITY, decodeText(PgType.NUMERIC, "-Infinity"));
    assertThrows(DecodingException.class, () -> Conversions.convert(Double.NaN, BigDecimal.class));
    assertEquals("NaN", Conversions.convert(Double.NaN, String.class));
  }

  @Test
  void binaryRoundTripKeepsValueAndScaleForRandomDecimals() {
    var random = new Random(42);
    for (int i = 0; i < 5000; i++) {
      var unscaled = new BigInteger(1 + random.nextInt(300), random);
      if (random.nextBoolean()) {
        unscaled = unscaled.negate();
      }
      var value = new BigDecimal(unscaled, random.nextInt(80) - 20);
      var expected = value.scale() < 0 ? value.setScale(0) : value;
      assertEquals(expected, decodeBinary(PgType.NUMERIC, encode(value)), value.toString());
    }
  }

  @Test
  void textParsesShortValuesWithoutAStringAndLongOnesExactly() {
    assertEquals(new BigDecimal("-12.50"), decodeText(PgType.NUMERIC, "-12.50"));
    assertEquals(new BigDecimal("0.000000000000001"), decodeText(PgType.NUMERIC, "0.000000000000001"));
    assertEquals(new BigDecimal("123456789012345678901234567890.5"), decodeText(PgType.NUMERIC, "123456789012345678901234567890.5"));
    assertThrows(DecodingException.class, () -> decodeText(PgType.NUMERIC, "12a"));
    assertThrows(DecodingException.class, () -> decodeText(PgType.NUMERIC, "-"));
  }

  @Test
  void parametersOutsideTheServersRangeFailOnTheCallersThread() {
    var encoder = TypeRegistry.builtins().encoderFor(BigDecimal.ONE);
    assertThrows(PgException.class, () -> encoder.typeOid(new BigDecimal("1E+200000")));
    assertThrows(PgException.class, () -> encoder.typeOid(new BigDecimal("1E-17000")));
  }
}
