package dev.tusk.driver.types;

/**
 * Types whose binary and text formats are both the UTF-8 text: text, varchar, bpchar, name, char,
 * xml, json, and any type the driver has no codec for (which it always requests in text).
 */
enum TextCodec implements Codec {
  INSTANCE;

  @Override
  public Class<?> javaType() {
    return String.class;
  }

  @Override
  public boolean binaryIsText() {
    return true;
  }

  @Override
  public boolean decodesBinary() {
    return true;
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    return TextParsing.string(bytes, offset, length);
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    return TextParsing.string(bytes, offset, length);
  }
}
