package dev.tusk.driver.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DateTimeTypesIT {
  static RoundTrip db;

  @BeforeAll
  static void connect(PostgresServer server) throws Exception {
    db = RoundTrip.connect(server);
    db.execute("SET TimeZone = 'UTC'");
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @Test
  void datesIncludeLeapDaysBcDatesAndInfinities() throws Exception {
    db.assertReads("SELECT '2024-02-29'::date", LocalDate.of(2024, 2, 29));
    db.assertReads("SELECT '2000-01-01'::date", LocalDate.of(2000, 1, 1));
    db.assertReads("SELECT '1999-12-31'::date", LocalDate.of(1999, 12, 31));
    db.assertReads("SELECT '0044-03-15 BC'::date", LocalDate.of(-43, 3, 15));
    db.assertReads("SELECT '4713-01-01 BC'::date", LocalDate.of(-4712, 1, 1));
    db.assertReads("SELECT '5874897-12-31'::date", LocalDate.of(5874897, 12, 31));
    db.assertReads("SELECT 'infinity'::date", LocalDate.MAX);
    db.assertReads("SELECT '-infinity'::date", LocalDate.MIN);
    db.assertSends(LocalDate.of(2024, 2, 29), "'2024-02-29'::date");
    db.assertSends(LocalDate.of(-43, 3, 15), "'0044-03-15 BC'::date");
    db.assertSends(LocalDate.MAX, "'infinity'::date");
    db.assertSends(LocalDate.MIN, "'-infinity'::date");
  }

  @Test
  void timesKeepMicrosecondsAndMidnightAtTheEndOfTheDay() throws Exception {
    db.assertReads("SELECT '04:05:06.789'::time", LocalTime.of(4, 5, 6, 789_000_000));
    db.assertReads("SELECT '23:59:59.999999'::time", LocalTime.of(23, 59, 59, 999_999_000));
    db.assertReads("SELECT '00:00'::time", LocalTime.MIDNIGHT);
    db.assertReads("SELECT '24:00:00'::time", LocalTime.MAX);
    db.assertReads("SELECT '04:05:06.5+05:30'::timetz", OffsetTime.of(4, 5, 6, 500_000_000, ZoneOffset.ofHoursMinutes(5, 30)));
    db.assertReads("SELECT '04:05:06-08'::timetz", OffsetTime.of(4, 5, 6, 0, ZoneOffset.ofHours(-8)));
    db.assertReads("SELECT '04:05:06+05:30:15'::timetz", OffsetTime.of(4, 5, 6, 0, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15)));
    db.assertSends(LocalTime.of(4, 5, 6, 789_000_000), "'04:05:06.789'::time");
    db.assertSends(LocalTime.MAX, "'24:00:00'::time");
    db.assertSends(OffsetTime.of(4, 5, 6, 0, ZoneOffset.ofHoursMinutes(-3, -30)), "'04:05:06-03:30'::timetz");
  }

  @Test
  void timestampsKeepMicrosecondsBcAndInfinities() throws Exception {
    db.assertReads("SELECT '2024-02-29 13:45:06.123456'::timestamp", LocalDateTime.of(2024, 2, 29, 13, 45, 6, 123_456_000));
    db.assertReads("SELECT '1969-12-31 23:59:59.5'::timestamp", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000));
    db.assertReads("SELECT '0044-03-15 12:00:00 BC'::timestamp", LocalDateTime.of(-43, 3, 15, 12, 0));
    db.assertReads("SELECT '294276-12-31 23:59:59.999999'::timestamp", LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000));
    db.assertReads("SELECT 'infinity'::timestamp", LocalDateTime.MAX);
    db.assertReads("SELECT '-infinity'::timestamp", LocalDateTime.MIN);
    db.assertSends(LocalDateTime.of(2024, 2, 29, 13, 45, 6, 123_456_000), "'2024-02-29 13:45:06.123456'::timestamp");
    db.assertSends(LocalDateTime.of(-43, 3, 15, 12, 0), "'0044-03-15 12:00 BC'::timestamp");
    db.assertSends(LocalDateTime.MAX, "'infinity'::timestamp");
    db.assertSends(LocalDateTime.MIN, "'-infinity'::timestamp");
  }

  @Test
  void nanosecondsAreRoundedHalfUpToMicroseconds() throws Exception {
    db.assertSends(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_500), "'2024-01-01 00:00:00.000002'::timestamp");
    db.assertSends(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_499), "'2024-01-01 00:00:00.000001'::timestamp");
    db.assertSends(LocalDateTime.of(1960, 1, 1, 0, 0, 0, 500), "'1960-01-01 00:00:00.000001'::timestamp");
    db.assertSends(LocalDateTime.of(1960, 1, 1, 0, 0, 0, 1_700), "'1960-01-01 00:00:00.0000017'::timestamp");
    db.assertSends(LocalTime.of(1, 2, 3, 999_999_500), "'01:02:04'::time");
  }

  @Test
  void timestamptzIsTheSameInstantInAnySessionTimeZone() throws Exception {
    OffsetDateTime utc = OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 250_000_000, ZoneOffset.UTC);
    db.assertReads("SELECT '2024-06-01 12:00:00.25+00'::timestamptz", utc);
    db.assertReads("SELECT 'infinity'::timestamptz", OffsetDateTime.MAX);
    db.assertReads("SELECT '-infinity'::timestamptz", OffsetDateTime.MIN);
    db.assertReads("SELECT '0044-03-15 12:00:00+00 BC'::timestamptz", OffsetDateTime.of(-43, 3, 15, 12, 0, 0, 0, ZoneOffset.UTC));
    db.execute("SET TimeZone = 'Asia/Kathmandu'");
    try {
      var reads = db.read("SELECT '2024-06-01 12:00:00.25+00'::timestamptz");
      assertEquals("2024-06-01 17:45:00.25+05:45", reads.text().getString(0));
      for (var row : reads.all()) {
        assertEquals(utc.toInstant(), row.get(0, Instant.class));
        assertEquals(utc.toInstant(), row.get(0, ZonedDateTime.class).toInstant());
        assertEquals(utc.toInstant(), ((OffsetDateTime) row.get(0)).toInstant());
      }
      assertEquals(ZoneOffset.ofHoursMinutes(5, 45), ((OffsetDateTime) reads.text().get(0)).getOffset());
      assertEquals(ZoneOffset.UTC, ((OffsetDateTime) reads.binary().get(0)).getOffset());
      // local mean time before 1920: an offset with seconds
      var lmt = db.read("SELECT '1900-01-01 00:00:00+00'::timestamptz");
      assertEquals("1900-01-01 05:41:16+05:41:16", lmt.text().getString(0));
      assertEquals(lmt.text().get(0, Instant.class), lmt.binary().get(0, Instant.class));
      db.assertSends(utc, "'2024-06-01 12:00:00.25+00'::timestamptz");
      db.assertSends(utc.toInstant(), "'2024-06-01 12:00:00.25+00'::timestamptz");
      db.assertSends(utc.atZoneSameInstant(ZoneId.of("America/New_York")), "'2024-06-01 08:00:00.25-04'::timestamptz");
      db.assertSends(OffsetDateTime.MAX, "'infinity'::timestamptz");
      db.assertSends(Instant.MIN, "'-infinity'::timestamptz");
      db.assertSends(ZonedDateTime.of(LocalDateTime.MAX, ZoneOffset.UTC), "'infinity'::timestamptz");
      var infinite = db.read("SELECT 'infinity'::timestamptz, '-infinity'::timestamptz");
      for (var row : infinite.all()) {
        assertEquals(Instant.MAX, row.get(0, Instant.class));
        assertEquals(Instant.MIN, row.get(1, Instant.class));
        assertEquals(LocalDateTime.MAX, row.get(0, ZonedDateTime.class).toLocalDateTime());
      }
    } finally {
      db.execute("SET TimeZone = 'UTC'");
    }
  }

  /**
   * The JVM's default time zone is never used: under zones far east and west of UTC, and one whose
   * daylight saving gap and overlap fall on the values (a conversion through it would move 02:30 on
   * 2024-03-10 to 03:30), every value reads and is sent exactly as under UTC.
   */
  @Test
  void theJvmDefaultTimeZoneChangesNothing() throws Exception {
    TimeZone original = TimeZone.getDefault();
    try {
      for (String zone : List.of("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/New_York")) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        assertEquals(zone, ZoneId.systemDefault().getId());
        db.assertReads("SELECT '2024-03-10'::date", LocalDate.of(2024, 3, 10));
        db.assertReads("SELECT '1582-10-10'::date", LocalDate.of(1582, 10, 10));
        db.assertReads("SELECT '02:30:00'::time", LocalTime.of(2, 30));
        db.assertReads("SELECT '02:30:00+05:45'::timetz", OffsetTime.of(2, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 45)));
        db.assertReads("SELECT '2024-03-10 02:30:00'::timestamp", LocalDateTime.of(2024, 3, 10, 2, 30));
        db.assertReads("SELECT '2024-11-03 01:30:00'::timestamp", LocalDateTime.of(2024, 11, 3, 1, 30));
        db.assertReads("SELECT '1900-01-01 00:00:00'::timestamp", LocalDateTime.of(1900, 1, 1, 0, 0));
        db.assertReads("SELECT '2024-03-10 07:30:00+00'::timestamptz", OffsetDateTime.of(2024, 3, 10, 7, 30, 0, 0, ZoneOffset.UTC));
        db.assertReads("SELECT '1900-01-01 00:00:00+00'::timestamptz", OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        var converted = db.read("SELECT '2024-03-10 07:30:00+00'::timestamptz");
        for (var row : converted.all()) {
          assertEquals(Instant.parse("2024-03-10T07:30:00Z"), row.get(0, Instant.class), zone);
          assertEquals(ZoneOffset.UTC, row.get(0, ZonedDateTime.class).getOffset(), zone);
        }

        db.assertSends(LocalDate.of(2024, 3, 10), "'2024-03-10'::date");
        db.assertSends(LocalDate.of(1582, 10, 10), "'1582-10-10'::date");
        db.assertSends(LocalTime.of(2, 30), "'02:30:00'::time");
        db.assertSends(OffsetTime.of(2, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 45)), "'02:30:00+05:45'::timetz");
        db.assertSends(LocalDateTime.of(2024, 3, 10, 2, 30), "'2024-03-10 02:30:00'::timestamp");
        db.assertSends(LocalDateTime.of(2024, 11, 3, 1, 30), "'2024-11-03 01:30:00'::timestamp");
        db.assertSends(LocalDateTime.of(1900, 1, 1, 0, 0), "'1900-01-01 00:00:00'::timestamp");
        db.assertSends(OffsetDateTime.of(2024, 3, 10, 7, 30, 0, 0, ZoneOffset.UTC), "'2024-03-10 07:30:00+00'::timestamptz");
        db.assertSends(Instant.parse("2024-03-10T07:30:00Z"), "'2024-03-10 07:30:00+00'::timestamptz");
        db.assertSends(Instant.parse("1900-01-01T00:00:00Z"), "'1900-01-01 00:00:00+00'::timestamptz");
        db.assertSends(ZonedDateTime.of(2024, 3, 10, 3, 30, 0, 0, ZoneId.of("America/New_York")),
            "'2024-03-10 07:30:00+00'::timestamptz");
      }
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Test
  void timestamptzNeverConvertsToLocalDateTime() throws Exception {
    var reads = db.read("SELECT now()");
    assertThrows(DecodingException.class, () -> reads.binary().get(0, LocalDateTime.class));
  }

  @Test
  void valuesBeyondTheServerRangeAreRejectedByTheServer() throws Exception {
    var error = assertThrows(Exception.class, () -> db.conn.query("SELECT $1::timestamp", LocalDateTime.of(300_000, 1, 1, 0, 0)).get());
    assertEquals(true, String.valueOf(error.getMessage()).contains("out of range"), error::toString);
  }
}
