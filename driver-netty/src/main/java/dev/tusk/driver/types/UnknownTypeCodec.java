package dev.tusk.driver.types;

/**
 * Any type the registry has no codec for: requested in text format and returned as its text, so a
 * user type, an extension's type or a future built-in is readable rather than an error.
 */
enum UnknownTypeCodec implements Codec {
  INSTANCE;

  @Override
  public Class<?> javaType() {
    return String.class;
  }

  @Override
  public boolean decodesBinary() {
    return false;
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    throw new DecodingException("no binary decoder for this type; the driver requests it in text");
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    return TextParsing.string(bytes, offset, length);
  }
}
