package dev.tusk.driver.types;

import static dev.tusk.driver.types.Bytes.decodeBinary;
import static dev.tusk.driver.types.Bytes.decodeText;
import static dev.tusk.driver.types.Bytes.encode;
import static dev.tusk.driver.types.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DateTimeCodecsTest {
  @Test
  void datesCountDaysFrom2000() {
    assertEquals("00000000", hex(encode(LocalDate.of(2000, 1, 1))));
    assertEquals("ffffd533", hex(encode(LocalDate.of(1970, 1, 1)))); // -10957
    assertEquals("7fffffff", hex(encode(LocalDate.MAX)));
    assertEquals("80000000", hex(encode(LocalDate.MIN)));
    assertEquals(LocalDate.of(2024, 2, 29), decodeBinary(PgType.DATE, encode(LocalDate.of(2024, 2, 29))));
    assertEquals(LocalDate.MAX, decodeBinary(PgType.DATE, hex("7fffffff")));
    assertEquals(LocalDate.MIN, decodeBinary(PgType.DATE, hex("80000000")));
  }

  @Test
  void timestampsCountMicrosecondsFrom2000AndMapInfinities() {
    assertEquals("0000000000000001", hex(encode(LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_000))));
    assertEquals("ffffffffffffffff", hex(encode(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000))));
    assertEquals("fffca2fec4c82000", hex(encode(Instant.EPOCH))); // -946684800 s
    assertEquals(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000), decodeBinary(PgType.TIMESTAMP, hex("ffffffffffffffff")));
    assertEquals(LocalDateTime.MAX, decodeBinary(PgType.TIMESTAMP, hex("7fffffffffffffff")));
    assertEquals(OffsetDateTime.MIN, decodeBinary(PgType.TIMESTAMPTZ, hex("8000000000000000")));
    assertEquals(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), decodeBinary(PgType.TIMESTAMPTZ, hex("fffca2fec4c82000")));
    for (Object infinity : new Object[] {LocalDateTime.MAX, OffsetDateTime.MAX, Instant.MAX, ZonedDateTime.of(LocalDateTime.MAX, ZoneOffset.UTC)}) {
      assertEquals("7fffffffffffffff", hex(encode(infinity)), infinity.toString());
    }
    for (Object infinity : new Object[] {LocalDateTime.MIN, OffsetDateTime.MIN, Instant.MIN}) {
      assertEquals("8000000000000000", hex(encode(infinity)), infinity.toString());
    }
  }

  @Test
  void nanosecondsRoundHalfUpAndHugeValuesSaturateToAnOutOfRangeValue() {
    assertEquals("0000000000000002", hex(encode(LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_500))));
    assertEquals("0000000000000001", hex(encode(LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_499))));
    assertEquals("000000141dd76000", hex(encode(LocalTime.MAX))); // 24:00:00
    assertEquals("7ffffffffffffffe", hex(encode(LocalDateTime.of(999_999_999, 1, 1, 0, 0))));
  }

  @Test
  void timetzStoresTheOffsetAsSecondsWest() {
    var time = OffsetTime.of(1, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30));
    assertEquals("00000000d693a400" + "ffffb2a8", hex(encode(time)));
    assertEquals(time, decodeBinary(PgType.TIMETZ, encode(time)));
  }

  @Test
  void isoTextCoversBcDatesOffsetsWithSecondsAndInfinity() {
    assertEquals(LocalDate.of(-43, 3, 15), decodeText(PgType.DATE, "0044-03-15 BC"));
    assertEquals(LocalDate.of(12345, 1, 2), decodeText(PgType.DATE, "12345-01-02"));
    assertEquals(LocalDateTime.MIN, decodeText(PgType.TIMESTAMP, "-infinity"));
    assertEquals(OffsetDateTime.of(1900, 1, 1, 5, 41, 16, 0, ZoneOffset.ofHoursMinutesSeconds(5, 41, 16)),
        decodeText(PgType.TIMESTAMPTZ, "1900-01-01 05:41:16+05:41:16"));
    assertEquals(OffsetDateTime.of(-43, 3, 15, 12, 0, 0, 120_000_000, ZoneOffset.ofHours(-8)),
        decodeText(PgType.TIMESTAMPTZ, "0044-03-15 12:00:00.12-08 BC"));
    assertEquals(LocalTime.MAX, decodeText(PgType.TIME, "24:00:00"));
    assertEquals("0044-03-15 12:00:00.12-08 BC", TextOutput.format(OffsetDateTime.of(-43, 3, 15, 12, 0, 0, 120_000_000, ZoneOffset.ofHours(-8))));
    assertEquals("2024-02-29 00:00:00.000001", TextOutput.format(LocalDateTime.of(2024, 2, 29, 0, 0, 0, 1_000)));
    assertEquals("04:05:06+05:30:15", TextOutput.format(OffsetTime.of(4, 5, 6, 0, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15))));
    for (String bad : new String[] {"2024-02-30", "2024-2-1", "24:00:01", "2024-01-01 10:00:00+", "", "infinityx"}) {
      assertThrows(DecodingException.class, () -> decodeText(PgType.TIMESTAMPTZ, bad), bad);
      assertThrows(DecodingException.class, () -> decodeText(PgType.DATE, bad), bad);
    }
  }

  @Test
  void timestamptzConvertsToInstantAndZonedDateTimeButNeverToLocalDateTime() {
    var utc = OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    assertEquals(utc.toInstant(), Conversions.convert(utc, Instant.class));
    assertEquals(ZoneOffset.UTC, Conversions.convert(utc, ZonedDateTime.class).getZone());
    assertEquals(Instant.MAX, Conversions.convert(OffsetDateTime.MAX, Instant.class));
    assertThrows(DecodingException.class, () -> Conversions.convert(utc, LocalDateTime.class));
  }
}
