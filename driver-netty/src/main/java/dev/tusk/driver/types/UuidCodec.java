package dev.tusk.driver.types;

import io.netty.buffer.ByteBuf;
import java.util.UUID;

/** uuid: 16 bytes in binary, the canonical hyphenated hex in text; {@link UUID} parameters go binary. */
enum UuidCodec implements Codec, Encoder {
  INSTANCE;

  @Override
  public Class<?> javaType() {
    return UUID.class;
  }

  @Override
  public boolean decodesBinary() {
    return true;
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    IntCodecs.checkLength(length, 16);
    return new UUID(Binary.readLong(bytes, offset), Binary.readLong(bytes, offset + 8));
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    String text = TextParsing.string(bytes, offset, length);
    if (length != 36) {
      throw new DecodingException("not a uuid: " + text);
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("not a uuid: " + text);
    }
  }

  @Override
  public int typeOid(Object value) {
    return PgType.UUID.oid();
  }

  @Override
  public short format() {
    return 1;
  }

  @Override
  public void encode(Object value, ByteBuf out, TypeRegistry types) {
    UUID uuid = (UUID) value;
    out.writeLong(uuid.getMostSignificantBits());
    out.writeLong(uuid.getLeastSignificantBits());
  }
}
