package dev.tusk.driver.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user codec registered by type name: the OIDs are resolved with the query the connection will
 * use, and the resulting registry decodes and encodes what the server sends and receives.
 */
@ExtendWith(PostgresExtension.class)
class UserCodecIT {
  static RoundTrip db;

  @BeforeAll
  static void connect(PostgresServer server) throws Exception {
    db = RoundTrip.connect(server);
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
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
}
