package dev.tusk.driver.types;

import dev.tusk.driver.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * jsonb, decoded to its JSON text as a String and never parsed. The binary format is a version byte
 * (1) followed by the text. (json needs no codec of its own: both its formats are the text, so it
 * shares {@link TextCodec}.) Encodes {@link Json} parameters as jsonb, binary.
 */
enum JsonbCodec implements Codec, Encoder {
  INSTANCE;

  private static final byte VERSION = 1;

  @Override
  public Class<?> javaType() {
    return String.class;
  }

  @Override
  public boolean decodesBinary() {
    return true;
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    if (length < 1 || bytes[offset] != VERSION) {
      throw new DecodingException("jsonb binary value without version byte 1");
    }
    return TextParsing.string(bytes, offset + 1, length - 1);
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    return TextParsing.string(bytes, offset, length);
  }

  @Override
  public int typeOid(Object value) {
    return PgType.JSONB.oid();
  }

  @Override
  public short format() {
    return 1;
  }

  @Override
  public void encode(Object value, ByteBuf out, TypeRegistry types) {
    out.writeByte(VERSION);
    ByteBufUtil.writeUtf8(out, ((Json) value).text());
  }
}
