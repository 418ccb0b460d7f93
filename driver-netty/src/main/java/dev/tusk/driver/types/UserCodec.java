package dev.tusk.driver.types;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * Adapts a {@link PgCodec} to the driver's {@link Codec} and {@link Encoder} for the OID its type
 * name resolved to. Exceptions from user code become {@link DecodingException}s when decoding.
 */
final class UserCodec implements Codec {
  private final PgCodec<Object> codec;
  private final int oid;

  @SuppressWarnings("unchecked")
  UserCodec(PgCodec<?> codec, int oid) {
    this.codec = (PgCodec<Object>) codec;
    this.oid = oid;
  }

  Class<?> valueClass() {
    return codec.javaType();
  }

  @Override
  public Class<?> javaType() {
    return codec.javaType();
  }

  @Override
  public boolean decodesBinary() {
    return codec.supportsBinary();
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    try {
      return codec.decodeBinary(ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer());
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    try {
      return codec.decodeText(TextParsing.string(bytes, offset, length));
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /** The codec's own text form: the driver cannot know how the type prints, only the codec does. */
  @Override
  public String formatText(Object value) {
    try {
      return codec.encodeText(value);
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  private DecodingException failed(RuntimeException e) {
    return e instanceof DecodingException decoding ? decoding
        : new DecodingException("codec for " + codec.typeName() + " failed: " + e, e);
  }

  /**
   * {@return an encoder holding {@code value} already encoded}: user code runs here, on the caller's
   * thread, so that its failure fails the call rather than the write on the event loop
   */
  Encoder encoderFor(Object value) {
    byte[] bytes;
    try {
      bytes = codec.supportsBinary() ? codec.encodeBinary(value)
          : codec.encodeText(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      throw new dev.tusk.driver.PgException(dev.tusk.driver.SqlState.INVALID_PARAMETER_VALUE,
          "codec for " + codec.typeName() + " could not encode a " + value.getClass().getName() + ": " + e, e);
    }
    return new Encoded(oid, (short) (codec.supportsBinary() ? 1 : 0), bytes);
  }

  /** A parameter value in its final bytes. */
  private record Encoded(int oid, short format, byte[] bytes) implements Encoder {
    @Override
    public int typeOid(Object value) {
      return oid;
    }

    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      out.writeBytes(bytes);
    }
  }
}
