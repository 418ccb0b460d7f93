package dev.tusk.driver.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.driver.PgRange;
import dev.tusk.driver.PgRecord;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class RangeAndRecordTypesIT {
  static RoundTrip db;

  enum Mood { sad, ok, happy }

  @BeforeAll
  static void connect(PostgresServer server) throws Exception {
    db = RoundTrip.connect(server);
    db.execute("SET TimeZone = 'UTC'");
    db.execute("DROP TABLE IF EXISTS types_it_person; DROP TYPE IF EXISTS types_it_mood;"
        + " CREATE TYPE types_it_mood AS ENUM ('sad', 'ok', 'happy');"
        + " CREATE TABLE types_it_person (name text, mood types_it_mood, moods types_it_mood[], tags text[])");
  }

  @AfterAll
  static void close() throws Exception {
    db.execute("DROP TABLE types_it_person; DROP TYPE types_it_mood");
    db.close();
  }

  @Test
  void rangesReadAsPgRangeInTextAndBinary() throws Exception {
    db.assertReads("SELECT int4range(1, 10)", PgRange.closedOpen(1, 10));
    db.assertReads("SELECT '[1,10]'::int4range", PgRange.closedOpen(1, 11));
    db.assertReads("SELECT 'empty'::int8range", PgRange.empty());
    db.assertReads("SELECT '(,5]'::int8range", PgRange.of(null, 6L, false, false));
    db.assertReads("SELECT '(,)'::numrange", PgRange.of(null, null, false, false));
    db.assertReads("SELECT '(1.5,2.50]'::numrange", PgRange.of(new BigDecimal("1.5"), new BigDecimal("2.50"), false, true));
    db.assertReads("SELECT '[2024-01-01,2024-02-29)'::daterange", PgRange.closedOpen(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 29)));
    db.assertReads("SELECT '[2020-01-01 10:00,infinity)'::tsrange", PgRange.closedOpen(LocalDateTime.of(2020, 1, 1, 10, 0), LocalDateTime.MAX));
    db.assertReads("SELECT '[2020-01-01 10:00+00,)'::tstzrange",
        PgRange.of(OffsetDateTime.of(2020, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC), null, true, false));
  }

  @Test
  void rangesAreSentAsTheRangeTypeOfTheirBounds() throws Exception {
    db.assertSends(PgRange.closedOpen(1, 10), "int4range(1, 10)");
    db.assertSends(PgRange.of(1, 10, true, true), "int4range(1, 11)");
    db.assertSends(PgRange.of(null, 5L, false, true), "'(,5]'::int8range");
    db.assertSends(PgRange.of(new BigDecimal("1.5"), null, true, false), "'[1.5,)'::numrange");
    db.assertSends(PgRange.closedOpen(LocalDate.of(2024, 1, 1), LocalDate.MAX), "'[2024-01-01,infinity)'::daterange");
    db.assertSends(PgRange.closedOpen(LocalDateTime.of(2020, 1, 1, 10, 0), LocalDateTime.of(2020, 1, 2, 0, 0)), "'[2020-01-01 10:00,2020-01-02)'::tsrange");
    db.assertSends(PgRange.closedOpen(Instant.parse("2020-01-01T10:00:00Z"), Instant.parse("2020-01-02T00:00:00Z")), "'[2020-01-01 10:00+00,2020-01-02 00:00+00)'::tstzrange");
    db.assertSends(PgRange.empty(), "'empty'::int4range");
    assertEquals(true, db.read("SELECT $1::int4range = 'empty'", PgRange.empty()).binary().get(0));
  }

  @Test
  void multirangesReadAsListsOfRanges() throws Exception {
    assumeTrue(db.majorVersion() >= 14, "multiranges need PostgreSQL 14");
    db.assertReads("SELECT '{[1,3),[5,7)}'::int4multirange", List.of(PgRange.closedOpen(1, 3), PgRange.closedOpen(5, 7)));
    db.assertReads("SELECT '{}'::datemultirange", List.of());
    db.assertReads("SELECT '{[2020-01-01 10:00,2020-01-01 11:00)}'::tsmultirange",
        List.of(PgRange.closedOpen(LocalDateTime.of(2020, 1, 1, 10, 0), LocalDateTime.of(2020, 1, 1, 11, 0))));
    db.assertSameText("SELECT ARRAY['[1,3)'::int4range, 'empty']");
  }

  @Test
  void anonymousRecordsReadTypedFieldsInBinaryAndStringsInText() throws Exception {
    var reads = db.read("SELECT ROW(1, 'a b', NULL::text, '', 2.50::numeric, ARRAY[1,2], '2024-01-01'::date, 'x\"y\\z')");
    assertEquals(1, reads.binary().columns().get(0).format());
    assertEquals(PgRecord.of(1, "a b", null, "", new BigDecimal("2.50"), List.of(1, 2), LocalDate.of(2024, 1, 1), "x\"y\\z"),
        reads.binary().get(0));
    assertEquals(PgRecord.of("1", "a b", null, "", "2.50", "{1,2}", "2024-01-01", "x\"y\\z"), reads.simple().get(0));
    assertEquals(reads.simple().getString(0), reads.binary().getString(0));
    assertEquals(1, reads.simple().get(0, PgRecord.class).get(0, Integer.class));
    db.assertSameText("SELECT ROW(ROW(1, '(x)'), ARRAY['{a}'], ' ')");
    db.assertSameText("SELECT ARRAY[ROW(1, 'a'), NULL]");
  }

  @Test
  void enumsAndTheirArraysArriveAsTextAndConvertToJavaEnums() throws Exception {
    db.execute("TRUNCATE types_it_person");
    db.conn.query("INSERT INTO types_it_person VALUES ($1, $2, $3, $4)", "ann", Mood.happy, new Mood[] {Mood.sad, Mood.ok}, List.of("a", "b c")).get();
    db.conn.query("INSERT INTO types_it_person VALUES ($1, $2, $3, $4)", "bob", Mood.ok, List.of(Mood.happy), List.of()).get();
    var reads = db.read("SELECT mood, moods, tags, p FROM types_it_person p WHERE name = 'ann'");
    for (var row : reads.all()) {
      assertEquals(0, row.columns().get(0).format(), "enums arrive in text");
      assertEquals(0, row.columns().get(1).format(), "arrays of enums arrive in text");
      assertEquals(Mood.happy, row.get(0, Mood.class));
      assertEquals("{sad,ok}", row.getString(1));
      assertEquals(List.of("sad", "ok"), row.get(1, List.class));
      assertArrayEquals(new Mood[] {Mood.sad, Mood.ok}, row.get(1, Mood[].class));
      assertEquals(List.of("a", "b c"), row.get(2));
      assertEquals(PgRecord.of("ann", "happy", "{sad,ok}", "{a,\"b c\"}"), row.get(3, PgRecord.class));
    }
    var bob = db.read("SELECT moods, tags FROM types_it_person WHERE name = 'bob'");
    assertArrayEquals(new Mood[] {Mood.happy}, bob.binary().get(0, Mood[].class));
    assertEquals(List.of(), bob.binary().get(1));
    assertEquals(Arrays.asList("happy", null), db.read("SELECT ARRAY['happy'::types_it_mood, NULL]").binary().get(0, List.class));
  }
}
