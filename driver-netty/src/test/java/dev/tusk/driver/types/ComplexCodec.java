package dev.tusk.driver.types;

import java.nio.ByteBuffer;

/**
 * A user codec for a composite type the tests create ({@code CREATE TYPE … AS (re float8, im
 * float8)}), in text and in the composite binary format: a field count, then per field its type
 * OID, its length and its bytes.
 */
class ComplexCodec implements PgCodec<ComplexCodec.Complex> {
  record Complex(double re, double im) {}

  private static final int FLOAT8 = 701;

  private final String typeName;
  private final boolean binary;

  ComplexCodec(String typeName, boolean binary) {
    this.typeName = typeName;
    this.binary = binary;
  }

  @Override
  public String typeName() {
    return typeName;
  }

  @Override
  public Class<Complex> javaType() {
    return Complex.class;
  }

  @Override
  public String encodeText(Complex value) {
    return "(" + number(value.re()) + "," + number(value.im()) + ")";
  }

  /** As PostgreSQL prints a float8: no ".0" on whole numbers. */
  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  @Override
  public Complex decodeText(String text) {
    if (!text.startsWith("(") || !text.endsWith(")") || text.indexOf(',') < 0) {
      throw new IllegalArgumentException("not a complex: " + text);
    }
    int comma = text.indexOf(',');
    return new Complex(Double.parseDouble(text.substring(1, comma)), Double.parseDouble(text.substring(comma + 1, text.length() - 1)));
  }

  @Override
  public boolean supportsBinary() {
    return binary;
  }

  @Override
  public byte[] encodeBinary(Complex value) {
    return ByteBuffer.allocate(4 + 2 * 16).putInt(2)
        .putInt(FLOAT8).putInt(8).putDouble(value.re())
        .putInt(FLOAT8).putInt(8).putDouble(value.im())
        .array();
  }

  @Override
  public Complex decodeBinary(ByteBuffer bytes) {
    if (bytes.getInt() != 2) {
      throw new IllegalArgumentException("a complex has two fields");
    }
    double[] parts = new double[2];
    for (int i = 0; i < 2; i++) {
      int oid = bytes.getInt();
      int length = bytes.getInt();
      if (oid != FLOAT8 || length != 8) {
        throw new IllegalArgumentException("field " + i + " of type " + oid + " and length " + length);
      }
      parts[i] = bytes.getDouble();
    }
    if (bytes.hasRemaining()) {
      throw new IllegalArgumentException(bytes.remaining() + " bytes after a complex");
    }
    return new Complex(parts[0], parts[1]);
  }
}
