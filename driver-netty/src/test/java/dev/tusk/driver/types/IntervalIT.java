package dev.tusk.driver.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.driver.PgInterval;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class IntervalIT {
  static RoundTrip db;

  private static final String[][] CASES = {
      {"1 year 2 mons 3 days 04:05:06.789", "14", "3", "14706789000"},
      {"-1 year -2 mons +3 days -04:05:06", "-14", "3", "-14706000000"},
      {"-1 days +01:00:00", "0", "-1", "3600000000"},
      {"1 day -00:00:00.000001", "0", "1", "-1"},
      {"-00:00:01", "0", "0", "-1000000"},
      {"00:00:00", "0", "0", "0"},
      {"100 hours 2 minutes", "0", "0", "360120000000"},
      {"-178000000 years", "-2136000000", "0", "0"},
  };

  @BeforeAll
  static void connect(PostgresServer server) throws Exception {
    db = RoundTrip.connect(server);
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @Test
  void intervalsWithMixedSignsReadAlikeInTextAndBinary() throws Exception {
    for (String[] c : CASES) {
      var expected = new PgInterval(Integer.parseInt(c[1]), Integer.parseInt(c[2]), Long.parseLong(c[3]));
      var reads = db.assertReads("SELECT '" + c[0] + "'::interval", expected);
      assertEquals(reads.simple().getString(0), expected.toString());
      db.assertSends(expected, "'" + c[0] + "'::interval");
    }
  }

  @Test
  void everyIntervalStyleParses() throws Exception {
    for (String style : new String[] {"iso_8601", "postgres_verbose", "sql_standard"}) {
      db.execute("SET IntervalStyle = " + style);
      try {
        for (String[] c : CASES) {
          var expected = new PgInterval(Integer.parseInt(c[1]), Integer.parseInt(c[2]), Long.parseLong(c[3]));
          var reads = db.read("SELECT '" + c[0] + "'::interval");
          assertEquals(expected, reads.simple().get(0), style + ": " + reads.simple().getString(0));
          assertEquals(expected, reads.binary().get(0));
        }
      } finally {
        db.execute("SET IntervalStyle = postgres");
      }
    }
  }

  @Test
  void extremeFieldsReadAlikeInTextAndBinary() throws Exception {
    assumeTrue(db.majorVersion() >= 17, "older servers reject this interval's text input");
    var extreme = new PgInterval(0, Integer.MAX_VALUE, Long.MAX_VALUE - 1);
    db.assertReads("SELECT '2147483647 days 2562047788:00:54.775806'::interval", extreme);
    db.assertSends(extreme, "'2147483647 days 2562047788:00:54.775806'::interval");
  }

  @Test
  void infiniteIntervalsReadAsTheirConstants() throws Exception {
    assumeTrue(db.majorVersion() >= 17, "interval infinity needs PostgreSQL 17");
    db.assertReads("SELECT 'infinity'::interval", PgInterval.INFINITY);
    db.assertReads("SELECT '-infinity'::interval", PgInterval.NEGATIVE_INFINITY);
    db.assertSends(PgInterval.INFINITY, "'infinity'::interval");
  }

  @Test
  void durationsAndPeriodsConvertWhereExact() throws Exception {
    var reads = db.read("SELECT '1 day 02:00:00.5'::interval, '1 year 2 mons 3 days'::interval");
    for (var row : reads.all()) {
      assertEquals(Duration.ofHours(26).plusMillis(500), row.get(0, Duration.class));
      assertEquals(Period.of(1, 2, 3), row.get(1, Period.class));
      assertThrows(DecodingException.class, () -> row.get(0, Period.class));
      assertThrows(DecodingException.class, () -> row.get(1, Duration.class));
    }
    db.assertSends(Duration.ofHours(27).plusNanos(1_500), "'27:00:00.000002'::interval");
    db.assertSends(Duration.ofSeconds(-1), "'-00:00:01'::interval");
    db.assertSends(Period.of(1, 14, -3), "'2 years 2 mons -3 days'::interval");
  }
}
