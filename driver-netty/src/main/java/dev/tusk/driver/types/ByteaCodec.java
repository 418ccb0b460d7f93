package dev.tusk.driver.types;

import java.util.HexFormat;

/** bytea: raw bytes in binary; {@code \x}-hex (or the old escape format) in text. */
enum ByteaCodec implements Codec {
  INSTANCE;

  @Override
  public Class<?> javaType() {
    return byte[].class;
  }

  @Override
  public boolean decodesBinary() {
    return true;
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    byte[] copy = new byte[length];
    System.arraycopy(bytes, offset, copy, 0, length);
    return copy;
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    if (length >= 2 && bytes[offset] == '\\' && bytes[offset + 1] == 'x') {
      return HexFormat.of().parseHex(TextParsing.string(bytes, offset + 2, length - 2));
    }
    return unescape(bytes, offset, length);
  }

  /** The escape format ({@code bytea_output = escape}): octal {@code \nnn} and {@code \\}. */
  private static byte[] unescape(byte[] bytes, int offset, int length) {
    var out = new java.io.ByteArrayOutputStream(length);
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      byte b = bytes[i];
      if (b != '\\') {
        out.write(b);
      } else if (i + 1 < end && bytes[i + 1] == '\\') {
        out.write('\\');
        i++;
      } else if (i + 3 < end) {
        out.write(((bytes[i + 1] - '0') << 6) | ((bytes[i + 2] - '0') << 3) | (bytes[i + 3] - '0'));
        i += 3;
      } else {
        throw new DecodingException("malformed bytea escape");
      }
    }
    return out.toByteArray();
  }
}
