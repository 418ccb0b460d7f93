package dev.tusk.driver.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.driver.PgException;
import dev.tusk.driver.PgInterval;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ArrayTypesIT {
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
  void oneDimensionalArraysReadAsListsWithNullElements() throws Exception {
    db.assertReads("SELECT ARRAY[1, NULL, 3]", Arrays.asList(1, null, 3));
    db.assertReads("SELECT '{}'::int8[]", List.of());
    db.assertReads("SELECT ARRAY['a', 'b c', '', 'NULL', 'x\"y', 'z\\w', '{}', 'é,ü']::text[]",
        List.of("a", "b c", "", "NULL", "x\"y", "z\\w", "{}", "é,ü"));
    db.assertReads("SELECT ARRAY[1.5, NULL, 'NaN']::numeric[]", Arrays.asList(new BigDecimal("1.5"), null, Double.NaN));
    db.assertReads("SELECT ARRAY['2024-02-29'::date, 'infinity']", List.of(LocalDate.of(2024, 2, 29), LocalDate.MAX));
    db.assertReads("SELECT ARRAY['2024-01-01 00:00:00+00'::timestamptz]",
        List.of(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
    db.assertReads("SELECT ARRAY['1 day'::interval, '-00:00:01']", List.of(new PgInterval(0, 1, 0), new PgInterval(0, 0, -1_000_000)));
    db.assertReads("SELECT ARRAY[true, false]", List.of(true, false));
    db.assertReads("SELECT ARRAY['\\x01'::bytea]::text", "{\"\\\\x01\"}");
    db.assertReads("SELECT ARRAY['{\"a\": 1}'::jsonb]", List.of("{\"a\": 1}"));
    db.assertReads("SELECT ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid]", List.of(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")));
    db.assertSameText("SELECT ARRAY['1.5'::float8, 'NaN', '-Infinity', '1e20']");
    db.assertSameText("SELECT ARRAY['\\x01ff'::bytea, NULL]");
    db.assertSameText("SELECT ARRAY['10.0.0.0/8'::cidr]");
    db.assertSameText("SELECT ARRAY['2020-01-01 10:00'::timestamp]");
  }

  @Test
  void multiDimensionalArraysReadAsNestedLists() throws Exception {
    db.assertReads("SELECT ARRAY[[1, 2], [3, NULL]]", List.of(List.of(1, 2), Arrays.asList(3, null)));
    db.assertReads("SELECT '{{{a}},{{b}}}'::text[]", List.of(List.of(List.of("a")), List.of(List.of("b"))));
    var reads = db.read("SELECT ARRAY[[1, 2], [3, 4]]");
    for (var row : reads.all()) {
      assertArrayEquals(new int[][] {{1, 2}, {3, 4}}, row.get(0, int[][].class));
      assertArrayEquals(new Long[][] {{1L, 2L}, {3L, 4L}}, row.get(0, Long[][].class));
    }
  }

  @Test
  void lowerBoundsAreDroppedFromListsButKeptInTheText() throws Exception {
    var reads = db.assertReads("SELECT '[0:2]={7,8,9}'::int[]", List.of(7, 8, 9));
    assertEquals("[0:2]={7,8,9}", reads.binary().getString(0));
    db.assertReads("SELECT '[2:3][-1:0]={{1,2},{3,4}}'::int[]", List.of(List.of(1, 2), List.of(3, 4)));
  }

  @Test
  void arraysConvertToJavaArraysAndRefuseNullPrimitives() throws Exception {
    var reads = db.read("SELECT ARRAY[1, NULL, 3], ARRAY['x', NULL], ARRAY[5000000000]");
    for (var row : reads.all()) {
      assertArrayEquals(new Integer[] {1, null, 3}, row.get(0, Integer[].class));
      var error = assertThrows(DecodingException.class, () -> row.get(0, int[].class));
      assertEquals(true, error.getMessage().contains("NULL"), error.getMessage());
      assertArrayEquals(new String[] {"x", null}, row.get(1, String[].class));
      assertArrayEquals(new long[] {5_000_000_000L}, row.get(2, long[].class));
      assertArrayEquals(new Object[] {1, null, 3}, row.get(0, Object[].class));
    }
  }

  @Test
  void javaArraysAndListsAreSentAsTypedArrays() throws Exception {
    db.assertSends(new Integer[] {1, null, 3}, "ARRAY[1, NULL, 3]");
    db.assertSends(new int[] {1, 2}, "ARRAY[1, 2]");
    db.assertSends(new long[] {Long.MAX_VALUE}, "ARRAY[9223372036854775807]");
    db.assertSends(new double[] {1.5, Double.NaN}, "ARRAY[1.5, 'NaN'::float8]");
    db.assertSends(new boolean[] {true}, "ARRAY[true]");
    db.assertSends(new String[] {"a", "b c", null, "", "NULL"}, "ARRAY['a', 'b c', NULL, '', 'NULL']");
    db.assertSends(List.of("x", "y"), "ARRAY['x', 'y']::text[]");
    db.assertSends(new UUID[] {UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")}, "ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid]");
    db.assertSends(new LocalDate[] {LocalDate.of(2024, 2, 29), LocalDate.MAX}, "ARRAY['2024-02-29'::date, 'infinity']");
    db.assertSends(List.of(new BigDecimal("1.50"), new BigDecimal("-1E+3")), "ARRAY[1.50, -1000]");
    db.assertSends(List.of(List.of(1, 2), List.of(3, 4)), "ARRAY[[1, 2], [3, 4]]");
    db.assertSends(new int[][] {{1, 2}, {3, 4}}, "ARRAY[[1, 2], [3, 4]]");
    db.assertSends(new Integer[0], "'{}'::int[]");
    db.assertSends(List.of(), "'{}'::int[]");
    db.assertSends(Arrays.asList(null, null), "'{NULL,NULL}'::text[]");
    assertEquals("integer[]", db.read("SELECT pg_typeof($1)::text", (Object) new Integer[0]).binary().getString(0));
    assertEquals(true, db.read("SELECT 2 = ANY($1)", List.of(1, 2, 3)).binary().get(0));
  }

  @Test
  void raggedOrMixedArraysFailTheCall() throws Exception {
    for (Object bad : List.of(List.of(List.of(1, 2), List.of(3)), List.of(1, "x"))) {
      var error = assertThrows(ExecutionException.class, () -> db.conn.query("SELECT $1", bad).get());
      assertEquals(PgException.class, error.getCause().getClass(), error::toString);
    }
    assertEquals(1, db.conn.query("SELECT 1").get().one().getInt(0), "the connection is still usable");
  }
}
