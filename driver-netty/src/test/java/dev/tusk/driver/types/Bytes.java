package dev.tusk.driver.types;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Test helpers: encode a parameter to its bytes, decode bytes with a registry codec. */
final class Bytes {
  private Bytes() {}

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static byte[] encode(Object value) {
    TypeRegistry types = TypeRegistry.builtins();
    Encoder encoder = types.encoderFor(value);
    encoder.typeOid(value);
    var out = Unpooled.buffer();
    try {
      encoder.encode(value, out, types);
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }

  static Object decodeBinary(PgType type, byte[] bytes) {
    return decodeBinary(type.oid(), bytes);
  }

  static Object decodeBinary(int oid, byte[] bytes) {
    // decode from the middle of a larger array, as rows do, so that offsets are exercised
    byte[] padded = new byte[bytes.length + 6];
    System.arraycopy(bytes, 0, padded, 3, bytes.length);
    return TypeRegistry.builtins().codec(oid).decodeBinary(padded, 3, bytes.length, TypeRegistry.builtins());
  }

  static Object decodeText(PgType type, String text) {
    byte[] bytes = ("..." + text + "...").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return TypeRegistry.builtins().codec(type.oid()).decodeText(bytes, 3, bytes.length - 6, TypeRegistry.builtins());
  }
}
