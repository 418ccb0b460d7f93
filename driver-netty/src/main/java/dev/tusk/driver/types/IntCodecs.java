package dev.tusk.driver.types;

/** smallint, integer, bigint and oid: fixed-width big-endian in binary, decimal digits in text. */
enum IntCodecs implements Codec {
  INT2(Short.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      checkLength(length, 2);
      return Binary.readShort(bytes, offset);
    }

    @Override
    public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
      return (short) TextParsing.parseLong(bytes, offset, length);
    }
  },
  INT4(Integer.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      checkLength(length, 4);
      return Binary.readInt(bytes, offset);
    }

    @Override
    public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
      return (int) TextParsing.parseLong(bytes, offset, length);
    }
  },
  INT8(Long.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      checkLength(length, 8);
      return Binary.readLong(bytes, offset);
    }

    @Override
    public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
      return TextParsing.parseLong(bytes, offset, length);
    }
  },
  /** An unsigned 32-bit number; decoded to {@code Long} so that OIDs above 2^31 stay positive. */
  OID(Long.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      checkLength(length, 4);
      return Integer.toUnsignedLong(Binary.readInt(bytes, offset));
    }

    @Override
    public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
      return TextParsing.parseLong(bytes, offset, length);
    }
  };

  private final Class<?> javaType;

  IntCodecs(Class<?> javaType) {
    this.javaType = javaType;
  }

  @Override
  public Class<?> javaType() {
    return javaType;
  }

  @Override
  public boolean decodesBinary() {
    return true;
  }

  static void checkLength(int actual, int expected) {
    if (actual != expected) {
      throw new DecodingException("binary value of " + actual + " bytes where " + expected + " were expected");
    }
  }
}
