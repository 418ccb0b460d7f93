package dev.tusk.driver.types;

import static dev.tusk.driver.TestConnections.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.TestConnections;
import dev.tusk.driver.types.ComplexCodec.Complex;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user codec registered by type name: the OIDs are resolved with the query the connection will
 * use, and the resulting registry decodes and encodes what the server sends and receives; then the
 * whole path through {@code PgConnectOptions.withCodecs} for a type the tests create.
 */
@ExtendWith(PostgresExtension.class)
class UserCodecIT {
  /** A composite type of the tests' own, so that nothing built in decodes it. */
  private static final String COMPLEX = "user_codec_complex";

  static RoundTrip db;
  static PostgresServer server;

  @BeforeAll
  static void connect(PostgresServer testServer) throws Exception {
    server = testServer;
    db = RoundTrip.connect(server);
    db.execute("DROP TYPE IF EXISTS " + COMPLEX + " CASCADE; CREATE TYPE " + COMPLEX + " AS (re float8, im float8)");
  }

  @AfterAll
  static void close() throws Exception {
    db.execute("DROP TYPE " + COMPLEX + " CASCADE");
    db.close();
  }

  private static PgConnection connectWith(PgCodec<?>... codecs) {
    return TestConnections.connect(TestConnections.options(server).withCodecs(codecs));
  }

  private static TypeRegistry resolve(PgCodec<?> codec) throws Exception {
    var row = db.conn.query("SELECT oid, typarray FROM pg_type WHERE oid = $1::regtype", codec.typeName()).get().one();
    int oid = row.getInt(0);
    int arrayOid = row.getInt(1);
    return TypeRegistry.builtins().withUserCodecs(Map.of(oid, codec), Map.of(arrayOid, oid));
  }

  @Test
  void userCodecDecodesTheServersTextAndBinaryForms() throws Exception {
    TypeRegistry types = resolve(new PointCodec());
    var row = db.conn.query("SELECT '(1.5,-2)'::point, point_send('(1.5,-2)'), '{\"(1,2)\",NULL}'::point[]").get().one();
    int pointOid = row.columns().get(0).typeOid();
    byte[] text = row.getRawBytes(0);
    assertEquals(new PointCodec.Point(1.5, -2), types.codec(pointOid).decodeText(text, 0, text.length, types));
    byte[] binary = (byte[]) row.get(1);
    assertEquals(new PointCodec.Point(1.5, -2), types.codec(pointOid).decodeBinary(binary, 0, binary.length, types));
    byte[] array = row.getRawBytes(2);
    assertEquals(java.util.Arrays.asList(new PointCodec.Point(1, 2), null),
        types.codec(row.columns().get(2).typeOid()).decodeText(array, 0, array.length, types));
    assertEquals(true, types.codec(row.columns().get(2).typeOid()).decodesBinary());
  }

  @Test
  void userCodecEncodesParametersAsTheResolvedType() throws Exception {
    TypeRegistry types = resolve(new PointCodec());
    var point = new PointCodec.Point(1.5, -2);
    Encoder encoder = types.encoderFor(point);
    assertEquals(600, encoder.typeOid(point));
    assertEquals(1, encoder.format());
    var out = Unpooled.buffer();
    encoder.encode(point, out, types);
    byte[] expected = (byte[]) db.conn.query("SELECT point_send('(1.5,-2)')").get().one().get(0);
    assertArrayEquals(expected, ByteBufUtil.getBytes(out));
    out.release();

    Encoder arrayEncoder = types.encoderFor(List.of(point, point));
    assertEquals(1017, arrayEncoder.typeOid(null));
    var textCodec = new PointCodec() {
      @Override
      public boolean supportsBinary() {
        return false;
      }
    };
    TypeRegistry textOnly = resolve(textCodec);
    var text = Unpooled.buffer();
    textOnly.encoderFor(point).encode(point, text, textOnly);
    String literal = text.toString(StandardCharsets.UTF_8);
    text.release();
    assertEquals(true, db.conn.query("SELECT $1::point ~= '(1.5,-2)'::point", literal).get().one().getBoolean(0));
  }

  /**
   * Through the real path: withCodecs, the type name resolved when the connection opens, then the
   * user's objects from row.get in every protocol, in binary once the statement is prepared.
   */
  @Test
  void aCodecRegisteredByTypeNameDecodesItsTypeAndArraysOfIt() {
    PgConnection connection = connectWith(new ComplexCodec("public." + COMPLEX, true));
    try {
      String sql = "SELECT ROW(1.5, -2)::" + COMPLEX + " AS z, ARRAY[ROW(0, 1)::" + COMPLEX + ", NULL] AS zs";
      Row simple = await(connection.simpleQuery(sql)).get(0).one();
      RowSet first = await(connection.query(sql));
      RowSet second = await(connection.query(sql));
      assertFalse(first.columns().get(0).isBinary(), "the first execution cannot ask for binary");
      assertTrue(second.columns().get(0).isBinary(), "a codec with a binary format gets binary results");
      assertTrue(second.columns().get(1).isBinary(), "and so do arrays of its type");
      for (Row row : List.of(simple, first.one(), second.one())) {
        String format = "format " + row.columns().get(0).format();
        assertEquals(new Complex(1.5, -2), row.get(0), format);
        assertEquals(new Complex(1.5, -2), row.get("z", Complex.class), format);
        assertEquals(Arrays.asList(new Complex(0, 1), null), row.get(1), format);
        assertArrayEquals(new Complex[] {new Complex(0, 1), null}, row.get(1, Complex[].class), format);
        assertEquals("(1.5,-2)", row.getString(0), "getString is the type's text in " + format);
        assertEquals("{\"(0,1)\",NULL}", row.getString(1), "getString of the array in " + format);
      }
    } finally {
      await(connection.close());
    }
  }

  @Test
  void valuesOfTheCodecsClassAreSentAsItsType() {
    PgConnection connection = connectWith(new ComplexCodec(COMPLEX, true));
    try {
      Row row = await(connection.query("SELECT pg_typeof($1)::text, ($1).im, $1 = ROW(1.5, -2)::" + COMPLEX
          + ", pg_typeof($2)::text, $2 = ARRAY[ROW(0, 1)::" + COMPLEX + ", NULL]",
          new Complex(1.5, -2), Arrays.asList(new Complex(0, 1), null))).one();
      assertEquals(COMPLEX, row.getString(0));
      assertEquals(-2.0, row.getDouble(1));
      assertTrue(row.getBoolean(2));
      assertEquals(COMPLEX + "[]", row.getString(3));
      assertTrue(row.getBoolean(4));

      await(connection.simpleQuery("CREATE TEMP TABLE shapes (id int, z " + COMPLEX + ")"));
      assertEquals(1, await(connection.execute("INSERT INTO shapes VALUES ($1, $2)", 1, new Complex(-0.5, 3))));
      for (int i = 0; i < 2; i++) {
        assertEquals(new Complex(-0.5, 3), await(connection.query("SELECT z FROM shapes WHERE id = $1", 1)).one().get(0));
      }
    } finally {
      await(connection.close());
    }
  }

  @Test
  void aTextOnlyCodecKeepsItsTypeInTextBothWays() {
    PgConnection connection = connectWith(new ComplexCodec(COMPLEX, false));
    try {
      String sql = "SELECT $1::" + COMPLEX + " AS z, pg_typeof($1)::text";
      for (int i = 0; i < 2; i++) {
        RowSet result = await(connection.query(sql, new Complex(2, -0.25)));
        assertFalse(result.columns().get(0).isBinary(), "no binary format, so text on every execution");
        assertEquals(new Complex(2, -0.25), result.one().get(0));
        assertEquals(COMPLEX, result.one().getString(1));
        assertEquals("(2,-0.25)", result.one().getString(0));
      }
    } finally {
      await(connection.close());
    }
  }

  @Test
  void withoutACodecTheTypeReadsAsItsText() {
    PgConnection connection = TestConnections.connect(server);
    try {
      String sql = "SELECT ROW(1.5, -2)::" + COMPLEX;
      await(connection.query(sql));
      RowSet again = await(connection.query(sql));
      assertFalse(again.columns().get(0).isBinary(), "no codec, no binary");
      assertEquals("(1.5,-2)", again.one().get(0));
    } finally {
      await(connection.close());
    }
  }

  /** As UserCodecs promises: a type name the server does not know fails the connect with its own 42704. */
  @Test
  void anUnknownTypeNameFailsTheConnectWithUndefinedObject() throws Exception {
    String applicationName = "user-codec-unknown-type";
    PgException failure = TestConnections.failure(PgConnection.connect(TestConnections.options(server)
        .withServerSetting("application_name", applicationName)
        .withCodecs(new ComplexCodec(COMPLEX, true), new ComplexCodec("no_such_codec_type", true))));
    assertEquals("42704", failure.sqlState(), failure.getMessage()); // undefined_object
    assertTrue(failure.isServerError());
    assertTrue(failure.serverMessage().contains("no_such_codec_type"), failure.serverMessage());
    // the half-open connection was closed, not left behind on the server
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long backends;
    do {
      backends = db.conn.query("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", applicationName)
          .get().one().getLong(0);
      if (backends > 0) {
        Thread.sleep(50);
      }
    } while (backends > 0 && System.nanoTime() < deadline);
    assertEquals(0, backends, "the failed connection's backend is gone");
  }

  /** A value of a domain over int, for a codec registered under the domain's name. */
  record Positive(int value) {}

  /**
   * RowDescription gives a domain column as its base type, so a codec for a domain cannot decode
   * results; it still sends parameters as the domain, whose CHECK the server then applies.
   */
  @Test
  void aCodecForADomainSendsParametersAsTheDomainButResultsArriveAsTheBaseType() {
    String domain = "user_codec_positive";
    db.conn.simpleQuery("DROP DOMAIN IF EXISTS " + domain + "; CREATE DOMAIN " + domain + " AS int CHECK (VALUE > 0)").join();
    var codec = new PgCodec<Positive>() {
      @Override
      public String typeName() {
        return domain;
      }

      @Override
      public Class<Positive> javaType() {
        return Positive.class;
      }

      @Override
      public String encodeText(Positive value) {
        return Integer.toString(value.value());
      }

      @Override
      public Positive decodeText(String text) {
        return new Positive(Integer.parseInt(text));
      }
    };
    PgConnection connection = connectWith(codec);
    try {
      assertEquals(domain, await(connection.query("SELECT pg_typeof($1)::text", new Positive(5))).one().getString(0));
      PgException refused = TestConnections.failure(connection.query("SELECT $1", new Positive(-1)));
      assertTrue(refused.isCheckViolation(), refused.getMessage());
      assertEquals(domain, refused.dataType());
      RowSet result = await(connection.query("SELECT 5::" + domain));
      assertEquals(23, result.columns().get(0).typeOid(), "described as int4");
      assertEquals(5, result.one().get(0));
    } finally {
      await(connection.close());
      db.conn.simpleQuery("DROP DOMAIN " + domain).join();
    }
  }
}
