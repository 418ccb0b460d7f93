package dev.tusk.driver.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.driver.Json;
import dev.tusk.driver.PgInet;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ScalarTypesIT {
  static RoundTrip db;

  @BeforeAll
  static void connect(PostgresServer server) throws Exception {
    db = RoundTrip.connect(server);
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @Test
  void booleansAndIntegersReadAlikeInTextAndBinary() throws Exception {
    db.assertReads("SELECT true", true);
    db.assertReads("SELECT false", false);
    db.assertReads("SELECT (-32768)::int2", (short) -32768);
    db.assertReads("SELECT 2147483647", Integer.MAX_VALUE);
    db.assertReads("SELECT (-9223372036854775808)::int8", Long.MIN_VALUE);
    db.assertReads("SELECT 4294967295::oid", 4294967295L);
    db.assertSends(true, "true");
    db.assertSends((short) -5, "-5::int2");
    db.assertSends(Long.MAX_VALUE, "9223372036854775807::int8");
  }

  @Test
  void floatsKeepNaNInfinitiesNegativeZeroAndExtremes() throws Exception {
    db.assertReads("SELECT 'NaN'::float8", Double.NaN);
    db.assertReads("SELECT 'Infinity'::float8", Double.POSITIVE_INFINITY);
    db.assertReads("SELECT '-Infinity'::float4", Float.NEGATIVE_INFINITY);
    db.assertReads("SELECT '-0'::float8", -0.0);
    db.assertReads("SELECT 1.7976931348623157e308::float8", Double.MAX_VALUE);
    db.assertReads("SELECT 4.9e-324::float8", Double.MIN_VALUE);
    db.assertReads("SELECT 3.4028235e38::float4", Float.MAX_VALUE);
    db.assertReads("SELECT 1.4e-45::float4", Float.MIN_VALUE);
    for (String value : new String[] {"0.1", "1e14", "1e15", "123456789012345678", "0.0001", "0.00001", "-2.5e-300", "100", "1.5"}) {
      db.assertSameText("SELECT " + value + "::float8");
    }
    for (String value : new String[] {"0.1", "123456", "1234567", "1e6", "0.0001", "0.00001", "-3.25"}) {
      db.assertSameText("SELECT " + value + "::float4");
    }
    db.assertSends(Double.NaN, "'NaN'::float8");
    db.assertSends(-0.0, "'-0'::float8");
    db.assertSends(Float.POSITIVE_INFINITY, "'Infinity'::float4");
  }

  @Test
  void numericKeepsScaleAndPrecision() throws Exception {
    db.assertReads("SELECT 12345.678::numeric", new BigDecimal("12345.678"));
    db.assertReads("SELECT 1.50::numeric(5,2)", new BigDecimal("1.50"));
    db.assertReads("SELECT '-0'::numeric", new BigDecimal("0"));
    db.assertReads("SELECT 0.000::numeric", new BigDecimal("0.000"));
    db.assertReads("SELECT 100000::numeric", new BigDecimal("100000"));
    db.assertReads("SELECT -0.00012::numeric", new BigDecimal("-0.00012"));
    db.assertReads("SELECT 123456789012345678901234567890.123456789::numeric", new BigDecimal("123456789012345678901234567890.123456789"));
    db.assertReads("SELECT 'NaN'::numeric", Double.NaN);
    String thousandDigits = "9".repeat(600) + "." + "1".repeat(400);
    db.assertReads("SELECT " + thousandDigits + "::numeric", new BigDecimal(thousandDigits));
    db.assertReads("SELECT 1e-1000::numeric", new BigDecimal("1e-1000").setScale(1000));
    db.assertReads("SELECT 1e130000::numeric", new BigDecimal("1e130000").setScale(0));
  }

  @Test
  void numericInfinitiesReadAsDoubleAndRefuseBigDecimal() throws Exception {
    assumeTrue(db.majorVersion() >= 14, "numeric infinity needs PostgreSQL 14");
    var reads = db.assertReads("SELECT '-Infinity'::numeric", Double.NEGATIVE_INFINITY);
    db.assertReads("SELECT 'Infinity'::numeric", Double.POSITIVE_INFINITY);
    assertThrows(DecodingException.class, () -> reads.binary().get(0, BigDecimal.class));
    assertEquals(Double.NEGATIVE_INFINITY, reads.binary().getDouble(0));
  }

  @Test
  void numericParametersAreSentExactlyIncludingNegativeScale() throws Exception {
    db.assertSends(new BigDecimal("12345.678"), "12345.678::numeric");
    db.assertSends(new BigDecimal("-0.00012"), "-0.00012::numeric");
    db.assertSends(new BigDecimal("1E+5"), "100000::numeric");
    db.assertSends(new BigDecimal("-12.3E+7"), "-123000000::numeric");
    db.assertSends(new BigDecimal("0.00"), "0.00::numeric");
    db.assertSends(new BigDecimal("1.10"), "1.10::numeric");
    db.assertSends(new BigDecimal("9".repeat(500) + "." + "9".repeat(500)), "9".repeat(500) + "." + "9".repeat(500) + "::numeric");
    db.assertSends(new BigInteger("-123456789012345678901234567890"), "-123456789012345678901234567890::numeric");
    var reads = db.read("SELECT $1::numeric::text", new BigDecimal("1.10"));
    assertEquals("1.10", reads.binary().getString(0));
  }

  @Test
  void textTypesAndByteaReadAsTheyAre() throws Exception {
    db.assertReads("SELECT 'héllo ☃'::text", "héllo ☃");
    db.assertReads("SELECT 'ab '::char(4)", "ab  ");
    db.assertReads("SELECT 'x'::\"char\"", "x");
    db.assertReads("SELECT 'pg_class'::name", "pg_class");
    var reads = db.read("SELECT '\\x00ff10'::bytea");
    for (var row : reads.all()) {
      assertArrayEquals(new byte[] {0, (byte) 0xFF, 0x10}, (byte[]) row.get(0));
    }
    assertEquals("\\x00ff10", reads.binary().getString(0));
    db.assertSends(new byte[] {1, 2, 3}, "'\\x010203'::bytea");
    db.assertSends(ByteBuffer.wrap(new byte[] {9, 1, 2, 3}, 1, 3), "'\\x010203'::bytea");
  }

  @Test
  void uuidReadsAndSendsAsUuid() throws Exception {
    UUID uuid = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    db.assertReads("SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", uuid);
    db.assertSends(uuid, "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid");
    assertEquals(uuid, db.read("SELECT $1", uuid).binary().get(0));
    assertEquals(uuid, db.read("SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'").binary().get(0, UUID.class));
  }

  @Test
  void jsonAndJsonbReadAsTextAndJsonSendsAsJsonb() throws Exception {
    db.assertReads("SELECT '{\"a\": [1, 2.5, \"ü\"]}'::json", "{\"a\": [1, 2.5, \"ü\"]}");
    db.assertReads("SELECT '{\"b\":1,  \"a\":null}'::jsonb", "{\"a\": null, \"b\": 1}");
    var reads = db.read("SELECT $1, pg_typeof($1)::text", Json.of("{\"k\": [true]}"));
    assertEquals("{\"k\": [true]}", reads.binary().get(0));
    assertEquals("jsonb", reads.binary().getString(1));
    assertEquals(Json.of("{\"k\": [true]}"), reads.binary().get(0, Json.class));
    // a plain String stays untyped: the server infers jsonb from the context
    assertEquals(true, db.read("SELECT $1 @> '{\"k\": 1}'::jsonb", "{\"k\": 1, \"j\": 2}").binary().get(0));
  }

  @Test
  void networkAddressesReadAsInetAddressOrPgInet() throws Exception {
    db.assertReads("SELECT '192.168.0.1'::inet", InetAddress.getByName("192.168.0.1"));
    db.assertReads("SELECT '10.1.0.0/16'::inet", new PgInet(InetAddress.getByName("10.1.0.0"), 16));
    db.assertReads("SELECT '10.0.0.0/8'::cidr", new PgInet(InetAddress.getByName("10.0.0.0"), 8));
    db.assertReads("SELECT '10.0.0.1/32'::cidr", new PgInet(InetAddress.getByName("10.0.0.1"), 32));
    db.assertReads("SELECT '::1'::inet", InetAddress.getByName("::1"));
    for (String address : new String[] {"2001:db8::1", "2001:db8::/32", "::", "1::", "::ffff:1.2.3.4", "::1.2.3.4",
        "fe80::1:0:0:1", "2001:db8:0:0:1:0:0:1", "1:2:3:4:5:6:7:8"}) {
      db.assertSameText("SELECT '" + address + "'::inet");
      db.assertSends(db.read("SELECT '" + address + "'::inet").binary().get(0), "'" + address + "'::inet");
    }
    db.assertReads("SELECT '08:00:2b:01:02:03'::macaddr", "08:00:2b:01:02:03");
    db.assertReads("SELECT '08:00:2b:01:02:03:04:05'::macaddr8", "08:00:2b:01:02:03:04:05");
    db.assertSends(InetAddress.getByName("192.168.0.1"), "'192.168.0.1'::inet");
    db.assertSends(new PgInet(InetAddress.getByName("10.0.0.0"), 8), "'10.0.0.0/8'::inet");
  }
}
