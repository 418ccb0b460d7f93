package dev.tusk.sql.exec;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgException;
import dev.tusk.driver.PgInterval;
import dev.tusk.sql.Column;
import dev.tusk.sql.Connection;
import dev.tusk.sql.Engine;
import dev.tusk.sql.Jsonb;
import dev.tusk.sql.MetaData;
import dev.tusk.sql.SqlArrays;
import dev.tusk.sql.Table;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.schema.Index;
import dev.tusk.sql.types.BuiltinType;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The column types that had no test against the server — smallint, real, double precision, bytea,
 * time, timetz, interval, json, character(n), boolean, date and timestamp — each declared as a typed column, created by
 * {@code createAll}, written and read back through sql-core with its edge values (and NULL), and
 * compared in a WHERE clause with a bound parameter. Each comparison also checks, in {@code
 * pg_prepared_statements}, the type the server gave the parameter: the proof that it went with the
 * right OID (or, for strings, none, so that the server took the column's type). Server defaults of
 * these types check the literals DDL writes; GiST indexes, on a column and on an expression, check
 * {@code Index.using("gist")}.
 */
@ExtendWith(PostgresExtension.class)
class ColumnTypesIT {
  private static final String SCHEMA = "exec_types";

  /** tsvector has no constant in PgTypes; a built-in type is declared by its name and OIDs, its values read as text. */
  static final BuiltinType<String> TSVECTOR = new BuiltinType<>("tsvector", 3614, 3643, String.class);

  /** One nullable column of each type; a test fills only its own column, the others stay NULL. */
  static final class Samples extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<Short> small = column("small", SMALLINT);
    final Column<Float> single = column("single", REAL);
    final Column<Double> dbl = column("dbl", DOUBLE_PRECISION);
    final Column<byte[]> bytes = column("bytes", BYTEA);
    final Column<LocalTime> clock = column("clock", TIME);
    final Column<OffsetTime> clockTz = column("clock_tz", TIMETZ);
    final Column<PgInterval> span = column("span", INTERVAL);
    final Column<String> doc = column("doc", JSON);
    final Column<String> code = column("code", character(5));
    final Column<List<String>> codes = column("codes", array(character(5)));
    final Column<List<String>> docs = column("docs", array(JSON));
    final Column<Boolean> flag = column("flag", BOOLEAN);
    final Column<LocalDate> day = column("day", DATE);
    final Column<LocalDateTime> moment = column("moment", TIMESTAMP);

    Samples() {
      super("samples");
    }
  }

  static final PgInterval MIXED = new PgInterval(-14, 3, -4_000_001);
  static final OffsetTime ODD_OFFSET = OffsetTime.of(12, 0, 0, 1_000, ZoneOffset.ofHoursMinutesSeconds(-3, -30, -15));
  static final String SPACED_JSON = "{\"b\": 1,   \"a\" : [ ],\n \"q\": \"it's\"}";

  /** 1 BC, which ISO (and java.time) number year 0. */
  static final LocalDate FIRST_DAY_BC = LocalDate.of(0, 1, 1);
  /**
   * PostgreSQL's first date and timestamp, 4714-11-24 BC (Julian day 0; its documentation rounds it
   * to "4713 BC"), and its last ones.
   */
  static final LocalDate FIRST_DATE = LocalDate.of(-4713, 11, 24);
  static final LocalDate LAST_DATE = LocalDate.of(5_874_897, 12, 31);
  static final LocalDateTime FIRST_TIMESTAMP = FIRST_DATE.atStartOfDay();
  static final LocalDateTime LAST_TIMESTAMP = LocalDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_000);

  /** Edge values as server defaults: DDL cannot bind parameters, so these go through the literal writer. */
  static final class Defaults extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<Short> small = column("small", SMALLINT).serverDefault(value(Short.MIN_VALUE));
    final Column<Float> single = column("single", REAL).serverDefault(value(Float.NaN));
    final Column<Float> negativeZero = column("negative_zero", REAL).serverDefault(value(-0.0f));
    final Column<Double> dbl = column("dbl", DOUBLE_PRECISION).serverDefault(value(Double.NEGATIVE_INFINITY));
    final Column<Double> tiny = column("tiny", DOUBLE_PRECISION).serverDefault(value(Double.MIN_VALUE));
    final Column<byte[]> bytes = column("bytes", BYTEA).serverDefault(value(new byte[] {0, (byte) 0xFF, '\\'}));
    final Column<LocalTime> clock = column("clock", TIME).serverDefault(value(LocalTime.MAX));
    final Column<OffsetTime> clockTz = column("clock_tz", TIMETZ).serverDefault(value(ODD_OFFSET));
    final Column<OffsetTime> clockUtc = column("clock_utc", TIMETZ)
        .serverDefault(value(OffsetTime.of(12, 0, 0, 0, ZoneOffset.UTC)));
    final Column<PgInterval> span = column("span", INTERVAL).serverDefault(value(MIXED));
    final Column<String> doc = column("doc", JSON).serverDefault(value(SPACED_JSON, JSON));
    final Column<String> code = column("code", character(5)).serverDefault(value("ab", character(5)));
    final Column<Boolean> flag = column("flag", BOOLEAN).serverDefault(value(false));
    final Column<LocalDate> dayBc = column("day_bc", DATE).serverDefault(value(FIRST_DAY_BC));
    final Column<LocalDate> dayFar = column("day_far", DATE).serverDefault(value(LAST_DATE));
    final Column<LocalDate> dayInfinite = column("day_infinite", DATE).serverDefault(value(LocalDate.MAX));
    final Column<LocalDateTime> momentRounded = column("moment_rounded", TIMESTAMP)
        .serverDefault(value(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_500)));
    final Column<LocalDateTime> momentBc = column("moment_bc", TIMESTAMP).serverDefault(value(FIRST_TIMESTAMP));
    final Column<LocalDateTime> momentFar = column("moment_far", TIMESTAMP).serverDefault(value(LAST_TIMESTAMP));
    final Column<LocalDateTime> momentInfinite = column("moment_infinite", TIMESTAMP)
        .serverDefault(value(LocalDateTime.MIN));

    Defaults() {
      super("defaults");
    }
  }

  /** GiST on a tsvector column and on a range built from two timestamp columns. */
  static final class Bookings extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<LocalDateTime> startsAt = column("starts_at", TIMESTAMP).notNull();
    final Column<LocalDateTime> endsAt = column("ends_at", TIMESTAMP).notNull();
    final Column<String> words = column("words", TSVECTOR);

    Bookings() {
      super("bookings");
    }

    @Override
    protected List<Index> indexes() {
      return List.of(
          Index.on(words).using("gist"),
          Index.on(func("tsrange", startsAt, endsAt)).using("gist").named("bookings_during_idx"));
    }
  }

  static final MetaData METADATA = new MetaData();
  static final Samples SAMPLES = METADATA.add(new Samples());
  static final Defaults DEFAULTS = METADATA.add(new Defaults());
  static final Bookings BOOKINGS = METADATA.add(new Bookings());

  private static Engine engine;

  @BeforeAll
  static void create(PostgresServer server) {
    engine = TestEngines.inFreshSchema(server, SCHEMA);
    engine.begin(conn -> METADATA.createAll(conn));
  }

  @BeforeEach
  void empty() {
    engine.connect(conn -> conn.executeScript("TRUNCATE samples, defaults, bookings"));
  }

  @AfterAll
  static void dropSchema() {
    TestEngines.dropSchemaAndClose(engine, SCHEMA);
  }

  // --- helpers

  /** Inserts one row per value, ids 1, 2, 3… in order, into {@code column} (the other columns stay NULL). */
  @SafeVarargs
  private static <T> void insertAll(Column<T> column, T... values) {
    var insert = insert(SAMPLES).columns(SAMPLES.id, column);
    for (int i = 0; i < values.length; i++) {
      insert = insert.row((long) i + 1, values[i]);
    }
    var statement = insert;
    engine.connect(conn -> conn.execute(statement));
  }

  /** Inserts one row with an id after those {@link #insertAll} used. */
  private static <T> void insertOneMore(Column<T> column, T value) {
    engine.connect(conn -> conn.execute(insert(SAMPLES).values(SAMPLES.id, 1_000L).values(column, value)));
  }

  /** {@return the server's text of {@code column} for every row, by id} */
  private static List<String> textOf(Column<?> column) {
    return readAll(column.cast(TEXT).as("text"));
  }

  /** {@return {@code column} (a column or a labelled expression) of every row, by id} */
  private static <T> List<T> readAll(Expression<T> column) {
    return engine.withConnection(conn -> conn.all(select(SAMPLES.id, column).from(SAMPLES).orderBy(SAMPLES.id))
        .stream().map(row -> row.get(column)).toList());
  }

  /**
   * The rows a condition selects, with the types the server gave the statement's parameters, read
   * from {@code pg_prepared_statements} on the connection that ran it.
   */
  private record Match(List<Long> ids, String parameterTypes) {
    static Match of(String parameterTypes, Long... ids) {
      return new Match(List.of(ids), parameterTypes);
    }
  }

  private static Match where(Expression<Boolean> condition) {
    var query = select(SAMPLES.id).from(SAMPLES).where(condition).orderBy(SAMPLES.id);
    return engine.withConnection(conn -> {
      var ids = conn.all(query).stream().map(row -> row.get(SAMPLES.id)).toList();
      String types = conn.execute("SELECT parameter_types::text FROM pg_prepared_statements WHERE statement = $1",
          query.toString()).one().get(0, String.class);
      return new Match(ids, types);
    });
  }

  private static List<Long> idsWhere(Expression<Boolean> condition) {
    return where(condition).ids();
  }

  // --- the types

  @Test
  void smallintFromMinToMax() {
    insertAll(SAMPLES.small, Short.MIN_VALUE, (short) -1, (short) 0, Short.MAX_VALUE, null);
    assertEquals(Arrays.asList(Short.MIN_VALUE, (short) -1, (short) 0, Short.MAX_VALUE, null), readAll(SAMPLES.small));
    assertEquals(Match.of("{smallint}", 1L), where(SAMPLES.small.eq(Short.MIN_VALUE)));
    assertEquals(Match.of("{smallint}", 4L), where(SAMPLES.small.eq(Short.MAX_VALUE)));
    assertEquals(Match.of("{smallint}", 1L, 2L), where(SAMPLES.small.lt((short) 0)));
    assertEquals(List.of(5L), idsWhere(SAMPLES.small.isNull()));
    assertEquals(List.of(1L, 4L), idsWhere(SAMPLES.small.in(List.of(Short.MIN_VALUE, Short.MAX_VALUE))));
  }

  @Test
  void realKeepsNanInfinitiesAndNegativeZero() {
    insertAll(SAMPLES.single, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
        Float.MIN_VALUE, Float.MAX_VALUE, 0.1f, null);
    assertEquals(Arrays.asList(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
        Float.MIN_VALUE, Float.MAX_VALUE, 0.1f, null), readAll(SAMPLES.single), "Float.equals tells -0.0 from 0.0");
    assertEquals(Match.of("{real}", 1L), where(SAMPLES.single.eq(Float.NaN)), "PostgreSQL's NaN equals itself");
    assertEquals(Match.of("{real}", 4L, 5L), where(SAMPLES.single.eq(-0.0f)), "-0 = 0");
    assertEquals(Match.of("{real}", 3L), where(SAMPLES.single.eq(Float.NEGATIVE_INFINITY)));
    assertEquals(Match.of("{real}", 1L), where(SAMPLES.single.gt(Float.POSITIVE_INFINITY)), "NaN sorts above Infinity");
    assertEquals(Match.of("{real}", 8L), where(SAMPLES.single.eq(0.1f)), "the float 0.1, not the double");
    assertEquals(List.of(9L), idsWhere(SAMPLES.single.isNull()));
  }

  @Test
  void doublePrecisionKeepsNanInfinitiesNegativeZeroAndEveryBit() {
    insertAll(SAMPLES.dbl, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
        Double.MIN_VALUE, Double.MAX_VALUE, 0.1, null);
    assertEquals(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
        Double.MIN_VALUE, Double.MAX_VALUE, 0.1, null), readAll(SAMPLES.dbl));
    assertEquals(Match.of("{\"double precision\"}", 1L), where(SAMPLES.dbl.eq(Double.NaN)));
    assertEquals(Match.of("{\"double precision\"}", 4L, 5L), where(SAMPLES.dbl.eq(0.0)));
    assertEquals(Match.of("{\"double precision\"}", 2L), where(SAMPLES.dbl.eq(Double.POSITIVE_INFINITY)));
    assertEquals(Match.of("{\"double precision\"}", 6L), where(SAMPLES.dbl.eq(Double.MIN_VALUE)), "a subnormal");
    assertEquals(Match.of("{\"double precision\"}", 8L), where(SAMPLES.dbl.eq(0.1)));
    assertEquals(Arrays.asList("NaN", "Infinity", "-Infinity", "-0", "0", "5e-324", "1.7976931348623157e+308", "0.1",
        null), textOf(SAMPLES.dbl), "what the server stored, in its own spelling");
    assertEquals(List.of(9L), idsWhere(SAMPLES.dbl.isNull()));
  }

  @Test
  void byteaKeepsEmptyZeroAndHighBytes() {
    byte[] every = new byte[256];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) i;
    }
    insertAll(SAMPLES.bytes, new byte[0], new byte[] {0}, new byte[] {(byte) 0xFF}, new byte[] {0, (byte) 0xFF, 0},
        every, null);
    assertEquals(Arrays.asList("", "00", "ff", "00ff00", HexFormat.of().formatHex(every), null),
        readAll(SAMPLES.bytes).stream().map(b -> b == null ? null : HexFormat.of().formatHex(b)).toList());
    assertEquals(Match.of("{bytea}", 1L), where(SAMPLES.bytes.eq(new byte[0])), "empty is not NULL");
    assertEquals(Match.of("{bytea}", 2L), where(SAMPLES.bytes.eq(new byte[] {0})), "a NUL byte is a byte, not an end");
    assertEquals(Match.of("{bytea}", 4L), where(SAMPLES.bytes.eq(new byte[] {0, (byte) 0xFF, 0})));
    assertEquals(Match.of("{bytea}", 3L), where(SAMPLES.bytes.gt(new byte[] {(byte) 0xFE})),
        "bytes compare unsigned: 0xFF is the greatest");
    assertEquals(List.of(2L, 3L), idsWhere(SAMPLES.bytes.in(List.of(new byte[] {0}, new byte[] {(byte) 0xFF}))));
    assertEquals(List.of(6L), idsWhere(SAMPLES.bytes.isNull()));
  }

  @Test
  void timeToTheMicrosecondAnd24Hours() {
    var lastMicro = LocalTime.of(23, 59, 59, 999_999_000);
    insertAll(SAMPLES.clock, LocalTime.MIDNIGHT, LocalTime.of(0, 0, 0, 1_000), LocalTime.of(12, 34, 56, 789_012_000),
        lastMicro, LocalTime.MAX, null);
    assertEquals(Arrays.asList(LocalTime.MIDNIGHT, LocalTime.of(0, 0, 0, 1_000), LocalTime.of(12, 34, 56, 789_012_000),
        lastMicro, LocalTime.MAX, null), readAll(SAMPLES.clock), "24:00:00 reads as LocalTime.MAX");
    assertEquals(Arrays.asList("00:00:00", "00:00:00.000001", "12:34:56.789012", "23:59:59.999999", "24:00:00", null),
        textOf(SAMPLES.clock), "LocalTime.MAX is stored as 24:00:00, distinct from the last microsecond");
    String time = "{\"time without time zone\"}";
    assertEquals(Match.of(time, 5L), where(SAMPLES.clock.eq(LocalTime.MAX)));
    assertEquals(Match.of(time, 4L), where(SAMPLES.clock.eq(lastMicro)));
    assertEquals(Match.of(time, 2L), where(SAMPLES.clock.eq(LocalTime.of(0, 0, 0, 1_000))));
    assertEquals(Match.of(time, 4L, 5L), where(SAMPLES.clock.gt(LocalTime.of(23, 59, 59))));
    assertEquals(List.of(6L), idsWhere(SAMPLES.clock.isNull()));
  }

  @Test
  void timeRoundsNanosecondsHalfUpToMicroseconds() {
    insertAll(SAMPLES.clock, LocalTime.of(1, 2, 3, 456_789_499), LocalTime.of(1, 2, 3, 456_789_500));
    assertEquals(List.of(LocalTime.of(1, 2, 3, 456_789_000), LocalTime.of(1, 2, 3, 456_790_000)),
        readAll(SAMPLES.clock));
    assertEquals(List.of(2L), idsWhere(SAMPLES.clock.eq(LocalTime.of(1, 2, 3, 456_789_999))));
  }

  @Test
  void timetzKeepsItsOffset() {
    var india = OffsetTime.of(10, 15, 30, 123_456_000, ZoneOffset.ofHoursMinutes(5, 30));
    var pacific = OffsetTime.of(23, 59, 59, 999_999_000, ZoneOffset.ofHours(-8));
    var utc = OffsetTime.of(0, 0, 0, 1_000, ZoneOffset.UTC);
    var farEast = OffsetTime.of(LocalTime.MAX, ZoneOffset.ofHours(14));
    var farWest = OffsetTime.of(1, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(-15, -59, -59));
    insertAll(SAMPLES.clockTz, india, pacific, utc, farEast, farWest, ODD_OFFSET, null);
    assertEquals(Arrays.asList(india, pacific, utc, farEast, farWest, ODD_OFFSET, null), readAll(SAMPLES.clockTz));
    assertEquals(Arrays.asList("10:15:30.123456+05:30", "23:59:59.999999-08", "00:00:00.000001+00", "24:00:00+14",
        "01:00:00-15:59:59", "12:00:00.000001-03:30:15", null), textOf(SAMPLES.clockTz));
    String timetz = "{\"time with time zone\"}";
    assertEquals(Match.of(timetz, 1L), where(SAMPLES.clockTz.eq(india)));
    assertEquals(Match.of(timetz, 6L), where(SAMPLES.clockTz.eq(ODD_OFFSET)));
    assertEquals(Match.of(timetz), where(SAMPLES.clockTz.eq(india.withOffsetSameInstant(ZoneOffset.ofHours(6)))),
        "timetz values are equal only with the same offset, so the offset went as sent");
    assertEquals(List.of(7L), idsWhere(SAMPLES.clockTz.isNull()));
  }

  @Test
  void timetzBeyondPostgresOffsetRangeIsRefused() {
    var error = assertThrows(PgException.class,
        () -> insertAll(SAMPLES.clockTz, OffsetTime.of(1, 0, 0, 0, ZoneOffset.ofHours(16))));
    assertEquals("22009", error.sqlState(), "invalid_time_zone_displacement_value: PostgreSQL allows up to 15:59:59");
  }

  @Test
  void intervalKeepsMonthsDaysAndMicrosecondsApart() {
    var oneMonth = PgInterval.ofMonths(1);
    var thirtyDays = PgInterval.ofDays(30);
    var mixed = new PgInterval(1, -1, 1);
    var negativeHours = new PgInterval(0, 0, -2 * 86_400_000_000L);
    // the time part as large as every supported server can print: PostgreSQL 13 and 14 keep the
    // hours of an interval's text in an int (2,147,483,647 h) and fail with 22008 beyond it
    var huge = new PgInterval(Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1, 2_000_000_000L * 3_600_000_000L + 1);
    insertAll(SAMPLES.span, MIXED, mixed, negativeHours, PgInterval.ZERO, new PgInterval(0, 0, 1), oneMonth, thirtyDays,
        huge, null);
    assertEquals(Arrays.asList(MIXED, mixed, negativeHours, PgInterval.ZERO, new PgInterval(0, 0, 1), oneMonth,
        thirtyDays, huge, null), readAll(SAMPLES.span), "not normalized: 30 days stay days, -48 hours stay hours");
    assertEquals(readAll(SAMPLES.span).stream().map(i -> i == null ? null : i.toString()).toList(),
        textOf(SAMPLES.span), "PgInterval.toString() is the server's own text");
    assertEquals(Match.of("{interval}", 1L), where(SAMPLES.span.eq(MIXED)));
    assertEquals(Match.of("{interval}", 6L, 7L), where(SAMPLES.span.eq(oneMonth)),
        "PostgreSQL compares intervals as if a month were 30 days");
    assertEquals(Match.of("{interval}", 1L, 3L), where(SAMPLES.span.lt(PgInterval.ZERO)));
    assertEquals(List.of(9L), idsWhere(SAMPLES.span.isNull()));
  }

  @Test
  void jsonKeepsItsTextExactly() {
    String duplicate = "{\"a\":1,\"a\":2}";
    String escaped = "[\"\\u00e9\", \"é\", 1.000000000000000000001, 1e400]";
    String padded = " \n\t null \n";
    insertAll(SAMPLES.doc, SPACED_JSON, duplicate, escaped, padded, "\"\"", null);
    assertEquals(Arrays.asList(SPACED_JSON, duplicate, escaped, padded, "\"\"", null), readAll(SAMPLES.doc),
        "key order, duplicate keys, whitespace, escapes and number spellings as written");
    assertEquals(Match.of("{text}", 1L), where(SAMPLES.doc.cast(TEXT).eq(SPACED_JSON)));
    assertEquals(Match.of("{text,text}", 2L), where(Jsonb.getText(SAMPLES.doc, "a").eq("2")),
        "->> takes the last of duplicate keys");
    assertEquals(Match.of("{text,text}", 1L), where(Jsonb.getText(SAMPLES.doc, "q").eq("it's")));
    assertEquals(List.of(6L), idsWhere(SAMPLES.doc.isNull()));
    var noEquality = assertThrows(PgException.class, () -> idsWhere(SAMPLES.doc.eq(duplicate)));
    assertEquals("42883", noEquality.sqlState(), "json has no = operator: compare its text, or use jsonb");
  }

  @Test
  void characterIsBlankPaddedAndComparedWithoutTrailingBlanks() {
    insertAll(SAMPLES.code, "ab", "abcde", "", "a b", "é", "abcde   ", null);
    assertEquals(Arrays.asList("ab   ", "abcde", "     ", "a b  ", "é    ", "abcde", null), readAll(SAMPLES.code),
        "padded to 5 characters (not bytes); blanks past the length are cut off");
    assertEquals(Match.of("{character}", 1L), where(SAMPLES.code.eq("ab")));
    assertEquals(Match.of("{character}", 1L), where(SAMPLES.code.eq("ab   ")), "trailing blanks do not count");
    assertEquals(Match.of("{character}", 3L), where(SAMPLES.code.eq("")));
    assertEquals(Match.of("{character}", 4L), where(SAMPLES.code.eq("a b")));
    assertEquals(Match.of("{character}", 5L), where(SAMPLES.code.eq("é")));
    assertEquals(Match.of("{character}", 2L, 6L), where(SAMPLES.code.eq("abcde")));
    assertEquals(Match.of("{character}", 1L, 3L, 4L), where(SAMPLES.code.lt("abc")), "a blank sorts before letters");
    assertEquals(List.of(1L, 3L), idsWhere(SAMPLES.code.in(List.of("ab ", ""))), "IN compares as = does");
    assertEquals(List.of(7L), idsWhere(SAMPLES.code.isNull()));
    var tooLong = assertThrows(PgException.class, () -> insertAll(SAMPLES.code, "abcdef"));
    assertEquals("22001", tooLong.sqlState(), "string_data_right_truncation: only blanks may be cut off");
  }

  @Test
  void arraysOfCharacterAndJsonGoAsTheirOwnTypeNotAsText() {
    engine.connect(conn -> conn.execute(insert(SAMPLES).columns(SAMPLES.id, SAMPLES.codes, SAMPLES.docs)
        .row(1L, List.of("ab", "", "abcde   "), List.of(SPACED_JSON, "[]"))
        .row(2L, List.of(), Arrays.asList(null, "1"))
        .row(3L, null, null)));
    assertEquals(Arrays.asList(List.of("ab   ", "     ", "abcde"), List.of(), null), readAll(SAMPLES.codes));
    assertEquals(Arrays.asList(List.of(SPACED_JSON, "[]"), Arrays.asList(null, "1"), null), readAll(SAMPLES.docs));
    assertEquals(Match.of("{text[]}", 1L), where(SAMPLES.codes.eq(List.of("ab ", "", "abcde"))),
        "compared as character(n), trailing blanks aside");
    assertEquals(Match.of("{character}", 1L), where(SqlArrays.has(SAMPLES.codes, "ab")));
    var tooLong = assertThrows(PgException.class, () -> insertAll(SAMPLES.codes, List.of("abcdef")));
    assertEquals("22001", tooLong.sqlState(), "the column's length still applies");
  }

  @Test
  void booleanTrueFalseAndNull() {
    insertAll(SAMPLES.flag, true, false, null);
    assertEquals(Arrays.asList(true, false, null), readAll(SAMPLES.flag));
    assertEquals(Arrays.asList("true", "false", null), textOf(SAMPLES.flag));
    assertEquals(Match.of("{boolean}", 1L), where(SAMPLES.flag.eq(true)));
    assertEquals(Match.of("{boolean}", 2L), where(SAMPLES.flag.eq(false)));
    assertEquals(Match.of("{boolean}", 2L, 3L), where(SAMPLES.flag.isDistinctFrom(true)), "NULL is distinct from true");
    assertEquals(List.of(1L), idsWhere(SAMPLES.flag), "a boolean column is a condition of its own");
    assertEquals(List.of(2L), idsWhere(not(SAMPLES.flag)), "NOT NULL is NULL: row 3 is not selected");
    assertEquals(List.of(1L, 2L), idsWhere(SAMPLES.flag.in(List.of(true, false))));
    assertEquals(List.of(3L), idsWhere(SAMPLES.flag.isNull()));
  }

  @Test
  void dateFromFirstToLastWithInfinitiesAndYearsBeforeChrist() {
    var dayBeforeEpoch = LocalDate.of(1999, 12, 31);
    var lastDayBc = LocalDate.of(0, 12, 31);
    insertAll(SAMPLES.day, LocalDate.of(2000, 1, 1), dayBeforeEpoch, LocalDate.of(2024, 2, 29), LocalDate.of(1, 1, 1),
        lastDayBc, FIRST_DATE, LAST_DATE, LocalDate.MAX, LocalDate.MIN, null);
    assertEquals(Arrays.asList(LocalDate.of(2000, 1, 1), dayBeforeEpoch, LocalDate.of(2024, 2, 29), LocalDate.of(1, 1, 1),
        lastDayBc, FIRST_DATE, LAST_DATE, LocalDate.MAX, LocalDate.MIN, null), readAll(SAMPLES.day),
        "LocalDate.MAX and MIN are infinity and -infinity");
    assertEquals(Arrays.asList("2000-01-01", "1999-12-31", "2024-02-29", "0001-01-01", "0001-12-31 BC", "4714-11-24 BC",
        "5874897-12-31", "infinity", "-infinity", null), textOf(SAMPLES.day), "java.time's year 0 is 1 BC");
    assertEquals(Match.of("{date}", 2L), where(SAMPLES.day.eq(dayBeforeEpoch)), "the day before PostgreSQL's epoch");
    assertEquals(Match.of("{date}", 5L), where(SAMPLES.day.eq(lastDayBc)));
    assertEquals(Match.of("{date}", 6L), where(SAMPLES.day.eq(FIRST_DATE)));
    assertEquals(Match.of("{date}", 8L), where(SAMPLES.day.eq(LocalDate.MAX)));
    assertEquals(Match.of("{date}", 7L, 8L), where(SAMPLES.day.gt(LAST_DATE.minusDays(1))), "infinity is after every date");
    assertEquals(Match.of("{date}", 4L, 5L, 6L, 9L), where(SAMPLES.day.lt(LocalDate.of(1, 1, 2))));
    assertEquals(List.of(1L, 3L), idsWhere(SAMPLES.day.between(LocalDate.of(2000, 1, 1), LocalDate.of(2024, 2, 29))));
    assertEquals(List.of(10L), idsWhere(SAMPLES.day.isNull()));
    var outOfRange = assertThrows(PgException.class, () -> insertOneMore(SAMPLES.day, FIRST_DATE.minusDays(1)));
    assertEquals("22008", outOfRange.sqlState(), "datetime_field_overflow: before 4714-11-24 BC");
  }

  @Test
  void timestampToTheMicrosecondAcrossEpochsAndEras() {
    var microBeforeEpoch = LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000);
    var microAfterUnixEpoch = LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000);
    var leapDay = LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_012_000);
    var lastMicroBc = LocalDateTime.of(0, 12, 31, 23, 59, 59, 999_999_000);
    insertAll(SAMPLES.moment, LocalDateTime.of(2000, 1, 1, 0, 0), microBeforeEpoch, microAfterUnixEpoch, leapDay,
        lastMicroBc, FIRST_TIMESTAMP, LAST_TIMESTAMP, LocalDateTime.MAX, LocalDateTime.MIN, null);
    assertEquals(Arrays.asList(LocalDateTime.of(2000, 1, 1, 0, 0), microBeforeEpoch, microAfterUnixEpoch, leapDay,
        lastMicroBc, FIRST_TIMESTAMP, LAST_TIMESTAMP, LocalDateTime.MAX, LocalDateTime.MIN, null), readAll(SAMPLES.moment));
    assertEquals(Arrays.asList("2000-01-01 00:00:00", "1999-12-31 23:59:59.999999", "1970-01-01 00:00:00.000001",
        "2024-02-29 12:34:56.789012", "0001-12-31 23:59:59.999999 BC", "4714-11-24 00:00:00 BC",
        "294276-12-31 23:59:59.999999", "infinity", "-infinity", null), textOf(SAMPLES.moment));
    String timestamp = "{\"timestamp without time zone\"}";
    assertEquals(Match.of(timestamp, 2L), where(SAMPLES.moment.eq(microBeforeEpoch)), "a negative count of microseconds");
    assertEquals(Match.of(timestamp, 3L), where(SAMPLES.moment.eq(microAfterUnixEpoch)));
    assertEquals(Match.of(timestamp, 5L), where(SAMPLES.moment.eq(lastMicroBc)));
    assertEquals(Match.of(timestamp, 7L), where(SAMPLES.moment.eq(LAST_TIMESTAMP)));
    assertEquals(Match.of(timestamp, 9L), where(SAMPLES.moment.eq(LocalDateTime.MIN)));
    assertEquals(Match.of("{\"timestamp without time zone\",\"timestamp without time zone\"}", 1L, 4L), where(SAMPLES.moment.between(LocalDateTime.of(2000, 1, 1, 0, 0), leapDay)),
        "the microsecond before 2000 is not in it");
    assertEquals(List.of(10L), idsWhere(SAMPLES.moment.isNull()));
    var outOfRange = assertThrows(PgException.class, () -> insertOneMore(SAMPLES.moment, LAST_TIMESTAMP.plusNanos(1_000)));
    assertEquals("22008", outOfRange.sqlState(), "datetime_field_overflow: after 294276");
  }

  @Test
  void timestampRoundsNanosecondsHalfUpEvenAcrossMidnight() {
    insertAll(SAMPLES.moment, LocalDateTime.of(2024, 1, 1, 1, 2, 3, 456_789_499),
        LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_500));
    assertEquals(List.of(LocalDateTime.of(2024, 1, 1, 1, 2, 3, 456_789_000), LocalDateTime.of(2000, 1, 1, 0, 0)),
        readAll(SAMPLES.moment), "the half microsecond rounds up into the next year");
    assertEquals(List.of(2L), idsWhere(SAMPLES.moment.eq(LocalDateTime.of(2000, 1, 1, 0, 0))));
  }

  // --- DDL

  @Test
  void serverDefaultsOfTheseTypesAreWrittenAsLiteralsTheServerReadsBack() {
    engine.connect(conn -> conn.execute(insert(DEFAULTS).values(DEFAULTS.id, 1L)));
    var row = engine.withConnection(conn -> conn.one(selectFrom(DEFAULTS)));
    assertEquals(Short.MIN_VALUE, row.get(DEFAULTS.small));
    assertEquals(Float.NaN, row.get(DEFAULTS.single));
    assertEquals(-0.0f, row.get(DEFAULTS.negativeZero));
    assertEquals(Double.NEGATIVE_INFINITY, row.get(DEFAULTS.dbl));
    assertEquals(Double.MIN_VALUE, row.get(DEFAULTS.tiny));
    assertArrayEquals(new byte[] {0, (byte) 0xFF, '\\'}, row.get(DEFAULTS.bytes));
    assertEquals(LocalTime.MAX, row.get(DEFAULTS.clock));
    assertEquals(ODD_OFFSET, row.get(DEFAULTS.clockTz));
    assertEquals(OffsetTime.of(12, 0, 0, 0, ZoneOffset.UTC), row.get(DEFAULTS.clockUtc));
    assertEquals(MIXED, row.get(DEFAULTS.span));
    assertEquals(SPACED_JSON, row.get(DEFAULTS.doc));
    assertEquals("ab   ", row.get(DEFAULTS.code));
    assertEquals(false, row.get(DEFAULTS.flag));
    assertEquals(FIRST_DAY_BC, row.get(DEFAULTS.dayBc));
    assertEquals(LAST_DATE, row.get(DEFAULTS.dayFar));
    assertEquals(LocalDate.MAX, row.get(DEFAULTS.dayInfinite));
    assertEquals(LocalDateTime.of(2000, 1, 1, 0, 0), row.get(DEFAULTS.momentRounded),
        "rounded as a bound value is: half a microsecond up, into the next year");
    assertEquals(FIRST_TIMESTAMP, row.get(DEFAULTS.momentBc));
    assertEquals(LAST_TIMESTAMP, row.get(DEFAULTS.momentFar));
    assertEquals(LocalDateTime.MIN, row.get(DEFAULTS.momentInfinite));
  }

  @Test
  void ddlSpellsEachType() {
    assertEquals("""
        CREATE TABLE samples (
          id bigint,
          small smallint,
          single real,
          dbl double precision,
          bytes bytea,
          clock time,
          clock_tz timetz,
          span interval,
          doc json,
          code character(5),
          codes character(5)[],
          docs json[],
          flag boolean,
          day date,
          moment timestamp,
          PRIMARY KEY (id)
        )""", METADATA.createAll(false).getFirst());
    assertEquals(Map.ofEntries(Map.entry("id", "bigint"), Map.entry("small", "smallint"), Map.entry("single", "real"),
        Map.entry("dbl", "double precision"), Map.entry("bytes", "bytea"), Map.entry("clock", "time without time zone"),
        Map.entry("clock_tz", "time with time zone"), Map.entry("span", "interval"), Map.entry("doc", "json"),
        Map.entry("code", "character(5)"), Map.entry("codes", "character(5)[]"), Map.entry("docs", "json[]"),
        Map.entry("flag", "boolean"), Map.entry("day", "date"), Map.entry("moment", "timestamp without time zone")),
        columnTypes("samples"));
  }

  @Test
  void gistIndexesOnAColumnAndOnAnExpression() {
    List<String> ddl = METADATA.createAll(false);
    assertTrue(ddl.contains("CREATE INDEX bookings_words_idx ON bookings USING gist (words)"), ddl.toString());
    assertTrue(ddl.contains("CREATE INDEX bookings_during_idx ON bookings USING gist ((tsrange(starts_at, ends_at)))"),
        ddl.toString());
    assertEquals(Map.of(
            "bookings_during_idx", "gist|CREATE INDEX bookings_during_idx ON exec_types.bookings USING gist "
                + "(tsrange(starts_at, ends_at))",
            "bookings_pkey", "btree|CREATE UNIQUE INDEX bookings_pkey ON exec_types.bookings USING btree (id)",
            "bookings_words_idx", "gist|CREATE INDEX bookings_words_idx ON exec_types.bookings USING gist (words)"),
        indexes("bookings"));
  }

  @Test
  void gistIndexesAnswerQueriesWithBoundParameters() {
    var nine = LocalDateTime.of(2025, 3, 1, 9, 0);
    engine.connect(conn -> conn.execute(insert(BOOKINGS).columns(BOOKINGS.id, BOOKINGS.startsAt, BOOKINGS.endsAt,
            BOOKINGS.words)
        .row(1L, nine, nine.plusHours(1), "'planning':1 'meeting':2")
        .row(2L, nine.plusHours(1), nine.plusHours(2), "'review':1 'meeting':2")
        .row(3L, nine.plusHours(3), nine.plusHours(4), "'lunch':1")));
    var overlapping = select(BOOKINGS.id).from(BOOKINGS).where(op(func("tsrange", BOOKINGS.startsAt, BOOKINGS.endsAt),
        "&&", func("tsrange", value(nine.plusMinutes(30)), value(nine.plusMinutes(90))), BOOLEAN)).orderBy(BOOKINGS.id);
    var matching = select(BOOKINGS.id).from(BOOKINGS).where(op(BOOKINGS.words, "@@", value("meeting & !review"),
        BOOLEAN)).orderBy(BOOKINGS.id);
    engine.begin(conn -> {
      // With sequential scans priced out, a plan that can use the index must.
      conn.executeScript("SET LOCAL enable_seqscan = off");
      assertEquals(List.of(1L, 2L), conn.all(overlapping).stream().map(row -> row.get(BOOKINGS.id)).toList());
      assertEquals(List.of(1L), conn.all(matching).stream().map(row -> row.get(BOOKINGS.id)).toList());
      assertTrue(plan(conn, overlapping.toString(), nine.plusMinutes(30), nine.plusMinutes(90))
          .contains("bookings_during_idx"));
      assertTrue(plan(conn, matching.toString(), "meeting & !review").contains("bookings_words_idx"));
      assertEquals("{tsquery}", conn.execute("SELECT parameter_types::text FROM pg_prepared_statements "
          + "WHERE statement = $1", matching.toString()).one().get(0, String.class));
    });
  }

  private static String plan(Connection conn, String sql, Object... parameters) {
    var lines = new StringBuilder();
    conn.execute("EXPLAIN " + sql, parameters).forEach(row -> lines.append(row.get(0, String.class)).append('\n'));
    return lines.toString();
  }

  /** {@return the columns of a table in the test schema: name → type as the server formats it} */
  private static Map<String, String> columnTypes(String table) {
    var result = new TreeMap<String, String>();
    engine.connect(conn -> conn.execute("SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute "
            + "WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped", SCHEMA + "." + table)
        .forEach(row -> result.put(row.get(0, String.class), row.get(1, String.class))));
    return result;
  }

  /** {@return the indexes of a table in the test schema: name → access method | definition} */
  private static Map<String, String> indexes(String table) {
    var result = new TreeMap<String, String>();
    engine.connect(conn -> conn.execute("SELECT c.relname::text, am.amname::text || '|' || pg_get_indexdef(c.oid) "
            + "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
            + "WHERE i.indrelid = $1::regclass", SCHEMA + "." + table)
        .forEach(row -> result.put(row.get(0, String.class), row.get(1, String.class))));
    return result;
  }
}
