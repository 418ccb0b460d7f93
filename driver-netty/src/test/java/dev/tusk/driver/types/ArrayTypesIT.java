package dev.tusk.driver.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.driver.PgException;
import dev.tusk.driver.PgInterval;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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

  /**
   * Sends {@code array} as {@code $1::sqlType} and reads it back, in text (first execution) and in
   * binary (second), as the same Java array class: every element, NULL and dimension survives.
   */
  private static void assertRoundTrip(Object array, String sqlType) throws Exception {
    var reads = db.read("SELECT $1::" + sqlType, array);
    assertEquals(1, reads.binary().columns().get(0).format(), sqlType + " comes back in binary on the second execution");
    for (var row : List.of(reads.text(), reads.binary())) {
      Object back = row.get(0, array.getClass());
      assertTrue(Objects.deepEquals(array, back), () -> sqlType + " in format " + row.columns().get(0).format() + ": sent "
          + Arrays.deepToString(new Object[] {array}) + ", read " + Arrays.deepToString(new Object[] {back}));
    }
  }

  @Test
  void moreElementTypesRoundTripWithNullElementsAndTwoDimensions() throws Exception {
    assertRoundTrip(new short[] {1, Short.MIN_VALUE, Short.MAX_VALUE}, "int2[]");
    assertRoundTrip(new Short[] {7, null}, "int2[]");
    assertRoundTrip(new short[][] {{1, 2}, {3, 4}}, "int2[]");
    assertRoundTrip(new float[] {1.5f, Float.NaN, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE}, "float4[]");
    assertRoundTrip(new Float[] {null, 2.25f}, "float4[]");
    assertRoundTrip(new float[][] {{1f}, {2f}}, "float4[]");
    assertRoundTrip(new String[] {"a", null, "b c", "", "NULL", "{x,y}"}, "varchar[]");
    assertRoundTrip(new String[][] {{"a", null}, {"\\", "\""}}, "varchar[]");
    assertRoundTrip(new String[] {"pg_class", null, "x".repeat(63)}, "name[]");
    assertRoundTrip(new Long[] {0L, 4294967295L, null}, "oid[]");
    assertRoundTrip(new LocalTime[] {LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000), null}, "time[]");
    assertRoundTrip(new LocalTime[][] {{LocalTime.NOON}, {null}}, "time[]");
    assertRoundTrip(new OffsetTime[] {OffsetTime.of(4, 5, 6, 500_000_000, ZoneOffset.ofHoursMinutes(5, 30)),
        OffsetTime.of(23, 0, 0, 0, ZoneOffset.ofHours(-8)), null}, "timetz[]");
    assertRoundTrip(new InetAddress[] {InetAddress.getByAddress(new byte[] {10, 0, 0, 1}),
        InetAddress.getByAddress(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}), null}, "inet[]");
    assertRoundTrip(new InetAddress[][] {{InetAddress.getByAddress(new byte[] {127, 0, 0, 1})}, {null}}, "inet[]");
    assertRoundTrip(new LocalDateTime[] {LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000), LocalDateTime.MAX,
        LocalDateTime.MIN, null}, "timestamp[]");
    assertRoundTrip(new LocalDateTime[][] {{LocalDateTime.of(1, 1, 1, 0, 0)}, {LocalDateTime.of(2000, 1, 1, 0, 0)}}, "timestamp[]");
    assertRoundTrip(new byte[][] {{1, 2, (byte) 0xff}, {}, null}, "bytea[]");
    assertRoundTrip(new byte[][][] {{{1}, {2}}, {{3}, null}}, "bytea[]");
    assertRoundTrip(new OffsetDateTime[] {OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 1_000, ZoneOffset.UTC), null,
        OffsetDateTime.MAX}, "timestamptz[]");
    assertRoundTrip(new Instant[] {Instant.parse("1999-12-31T23:59:59.999999Z"), null, Instant.MIN}, "timestamptz[]");
    assertRoundTrip(new Instant[][] {{Instant.EPOCH}, {Instant.parse("2038-01-19T03:14:08Z")}}, "timestamptz[]");
    assertRoundTrip(new PgInterval[] {new PgInterval(14, -3, 4_000_001), null, PgInterval.ZERO}, "interval[]");
    assertRoundTrip(new PgInterval[][] {{PgInterval.ofDays(1)}, {PgInterval.ofMonths(-1)}}, "interval[]");
    // an OffsetDateTime at another offset is the same instant, and reads back at UTC
    var shifted = db.read("SELECT $1::timestamptz[]", (Object) new OffsetDateTime[] {
        OffsetDateTime.of(2024, 1, 1, 14, 0, 0, 0, ZoneOffset.ofHours(2))});
    for (var row : List.of(shifted.text(), shifted.binary())) {
      assertArrayEquals(new OffsetDateTime[] {OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC)},
          row.get(0, OffsetDateTime[].class));
    }
  }

  @Test
  void theServersViewOfSentArraysMatchesItsOwnLiterals() throws Exception {
    db.assertSends(new short[] {1, 2}, "'{1,2}'::int2[]");
    db.assertSends(new Float[] {1.5f, null}, "'{1.5,NULL}'::float4[]");
    db.assertSends(new LocalTime[] {LocalTime.of(4, 5, 6), null}, "'{04:05:06,NULL}'::time[]");
    db.assertSends(new OffsetTime[] {OffsetTime.of(4, 5, 6, 0, ZoneOffset.ofHours(-8))}, "'{04:05:06-08}'::timetz[]");
    db.assertSends(new LocalDateTime[][] {{LocalDateTime.of(2024, 2, 29, 1, 2)}, {null}},
        "'{{\"2024-02-29 01:02:00\"},{NULL}}'::timestamp[]");
    db.assertSends(new byte[][] {{1}, null}, "ARRAY['\\x01'::bytea, NULL]");
    db.assertSends(new Instant[] {Instant.EPOCH}, "'{\"1970-01-01 00:00:00+00\"}'::timestamptz[]");
    db.assertSends(new PgInterval[] {new PgInterval(1, 2, 3_000_000)}, "'{\"1 mon 2 days 00:00:03\"}'::interval[]");
    db.assertSends(new InetAddress[] {InetAddress.getByAddress(new byte[] {10, 0, 0, 1})}, "'{10.0.0.1}'::inet[]");
    // an empty or all-NULL byte[][] is still typed bytea[]: byte[] is the element, not a dimension
    db.assertSends(new byte[0][], "'{}'::bytea[]");
    db.assertSends(new byte[][] {null}, "'{NULL}'::bytea[]");
    for (Object noElement : List.of(new byte[0][], new byte[][] {null})) {
      assertEquals("bytea[]", db.read("SELECT pg_typeof($1)::text", noElement).binary().getString(0));
    }
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
