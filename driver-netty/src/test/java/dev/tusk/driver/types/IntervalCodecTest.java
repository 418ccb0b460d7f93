package dev.tusk.driver.types;

import static dev.tusk.driver.types.Bytes.decodeBinary;
import static dev.tusk.driver.types.Bytes.decodeText;
import static dev.tusk.driver.types.Bytes.encode;
import static dev.tusk.driver.types.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.driver.PgException;
import dev.tusk.driver.PgInterval;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

class IntervalCodecTest {
  private static final PgInterval MIXED = new PgInterval(-14, 3, -14_706_789_000L);

  @Test
  void binaryIsMicrosecondsThenDaysThenMonths() {
    assertEquals("0000000000000001" + "00000002" + "00000003", hex(encode(new PgInterval(3, 2, 1))));
    assertEquals(MIXED, decodeBinary(PgType.INTERVAL, encode(MIXED)));
    assertEquals("000000000016e360" + "00000000" + "00000000", hex(encode(Duration.ofMillis(1500))));
    assertEquals("0000000000000000" + "fffffffd" + "0000000e", hex(encode(Period.of(1, 2, -3))));
  }

  @Test
  void everyIntervalStyleParsesToTheSameValue() {
    for (String text : new String[] {"-1 years -2 mons +3 days -04:05:06.789", "@ 1 year 2 mons -3 days 4 hours 5 mins 6.789 secs ago",
        "-1-2 +3 -4:05:06.789", "P-1Y-2M3DT-4H-5M-6.789S"}) {
      assertEquals(MIXED, decodeText(PgType.INTERVAL, text), text);
    }
    assertEquals(PgInterval.ZERO, decodeText(PgType.INTERVAL, "PT0S"));
    assertEquals(PgInterval.ZERO, decodeText(PgType.INTERVAL, "@ 0"));
    assertEquals(PgInterval.ZERO, decodeText(PgType.INTERVAL, "0"));
    assertEquals(new PgInterval(0, 0, -1), decodeText(PgType.INTERVAL, "PT-0.000001S"));
    assertEquals(PgInterval.INFINITY, decodeText(PgType.INTERVAL, "infinity"));
    assertThrows(DecodingException.class, () -> decodeText(PgType.INTERVAL, "1 fortnight"));
    assertThrows(DecodingException.class, () -> decodeText(PgType.INTERVAL, "99999999999 years"));
  }

  @Test
  void formatsInPostgresStyleWithSignsAsTheServerWritesThem() {
    assertEquals("-1 years -2 mons +3 days -04:05:06.789", MIXED.toString());
    assertEquals("00:00:00", PgInterval.ZERO.toString());
    assertEquals("-1 days +01:00:00", new PgInterval(0, -1, 3_600_000_000L).toString());
    assertEquals("1 mon", new PgInterval(1, 0, 0).toString());
    assertEquals("100:00:00", new PgInterval(0, 0, 360_000_000_000L).toString());
  }

  @Test
  void convertsToDurationAndPeriodOnlyWhereExact() {
    assertEquals(Duration.ofHours(26), new PgInterval(0, 1, 7_200_000_000L).toDuration());
    assertEquals(Period.of(1, 2, 3), new PgInterval(14, 3, 0).toPeriod());
    assertThrows(ArithmeticException.class, () -> new PgInterval(1, 0, 0).toDuration());
    assertThrows(ArithmeticException.class, () -> new PgInterval(0, 0, 1).toPeriod());
    var encoder = TypeRegistry.builtins().encoderFor(Duration.ZERO);
    assertThrows(PgException.class, () -> encoder.typeOid(Duration.ofSeconds(Long.MAX_VALUE)));
  }
}
