package dev.tusk.driver.types;

/** real and double precision: IEEE 754 bits in binary; text includes NaN and ±Infinity. */
enum FloatCodecs implements Codec {
  FLOAT4(Float.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      IntCodecs.checkLength(length, 4);
      return Float.intBitsToFloat(Binary.readInt(bytes, offset));
    }

    @Override
    public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
      return Float.parseFloat(javaSpelling(TextParsing.string(bytes, offset, length)));
    }
  },
  FLOAT8(Double.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      IntCodecs.checkLength(length, 8);
      return Double.longBitsToDouble(Binary.readLong(bytes, offset));
    }

    @Override
    public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
      return Double.parseDouble(javaSpelling(TextParsing.string(bytes, offset, length)));
    }
  };

  private final Class<?> javaType;

  FloatCodecs(Class<?> javaType) {
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

  /** PostgreSQL writes {@code Infinity}, {@code -Infinity} and {@code NaN} as Java does; only case differs in input. */
  private static String javaSpelling(String text) {
    return switch (text) {
      case "Infinity", "infinity" -> "Infinity";
      case "-Infinity", "-infinity" -> "-Infinity";
      case "NaN", "nan" -> "NaN";
      default -> text;
    };
  }
}
