package dev.tusk.driver.types;

/** boolean: one byte in binary, {@code t}/{@code f} in text. */
enum BoolCodec implements Codec {
  INSTANCE;

  @Override
  public Class<?> javaType() {
    return Boolean.class;
  }

  @Override
  public boolean decodesBinary() {
    return true;
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    IntCodecs.checkLength(length, 1);
    return bytes[offset] != 0;
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    if (length == 1 && (bytes[offset] == 't' || bytes[offset] == 'f')) {
      return bytes[offset] == 't';
    }
    throw new DecodingException("not a boolean: " + TextParsing.string(bytes, offset, length));
  }
}
