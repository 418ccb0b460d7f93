package dev.tusk.driver.types;

import java.nio.ByteBuffer;

/** A user codec for the built-in {@code point} type, registered by name: the SPI's example. */
class PointCodec implements PgCodec<PointCodec.Point> {
  record Point(double x, double y) {}

  @Override
  public String typeName() {
    return "point";
  }

  @Override
  public Class<Point> javaType() {
    return Point.class;
  }

  @Override
  public String encodeText(Point value) {
    return "(" + value.x() + "," + value.y() + ")";
  }

  @Override
  public Point decodeText(String text) {
    int comma = text.indexOf(',');
    return new Point(Double.parseDouble(text.substring(1, comma)), Double.parseDouble(text.substring(comma + 1, text.length() - 1)));
  }

  @Override
  public boolean supportsBinary() {
    return true;
  }

  @Override
  public byte[] encodeBinary(Point value) {
    return ByteBuffer.allocate(16).putDouble(value.x()).putDouble(value.y()).array();
  }

  @Override
  public Point decodeBinary(ByteBuffer bytes) {
    if (bytes.remaining() != 16) {
      throw new IllegalArgumentException("point of " + bytes.remaining() + " bytes");
    }
    return new Point(bytes.getDouble(), bytes.getDouble());
  }
}
