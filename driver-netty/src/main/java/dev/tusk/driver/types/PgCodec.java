package dev.tusk.driver.types;

import java.nio.ByteBuffer;

/**
 * A codec users provide for a PostgreSQL type the driver does not know, such as an extension's type
 * ({@code hstore}) or their own ({@code public.money2}). It is registered by type name; the
 * connection looks the name up once ({@code pg_type}) and then decodes values of that type, and
 * arrays of it, with this codec, and sends parameters of {@link #javaType()} as that type.
 *
 * <p>Every codec handles the text format. A codec that also implements the type's binary format
 * returns true from {@link #supportsBinary()}; the driver then asks for binary results and sends
 * parameters in binary. Implementations must be thread-safe (one instance serves every connection)
 * and must not keep the buffers they are handed.
 *
 * <p>A user codec never changes how the driver sends classes it already sends (String, numbers,
 * java.time, UUID, Lists, arrays …): a codec whose {@code javaType()} is one of those only decodes.
 *
 * <p>A domain can be named, but PostgreSQL describes result columns of a domain as its base type:
 * such a codec only sends parameters (which the server then checks against the domain), and
 * results decode as the base type.
 *
 * @param <T> the Java class of the values
 */
public interface PgCodec<T> {
  /** {@return the type's name as {@code regtype} accepts it, optionally schema-qualified: {@code hstore}, {@code public.money2}} */
  String typeName();

  /** {@return the class values decode to, and parameters of which are sent as this type} */
  Class<T> javaType();

  /**
   * {@return the type's text input form of {@code value}}; also what {@code Row.getString} gives for
   * a value that arrived in binary, so it should match the server's text output
   */
  String encodeText(T value);

  /** {@return the value of the type's text output form} */
  T decodeText(String text);

  /** {@return whether {@link #encodeBinary} and {@link #decodeBinary} implement the type's binary format} */
  default boolean supportsBinary() {
    return false;
  }

  /** {@return the type's binary send form of {@code value}} (the {@code typreceive} input) */
  default byte[] encodeBinary(T value) {
    throw new UnsupportedOperationException(typeName() + " codec has no binary format");
  }

  /**
   * {@return the value of a binary form}, read from {@code bytes}' position to its limit (a read-only
   * view, valid only during the call)
   */
  default T decodeBinary(ByteBuffer bytes) {
    throw new UnsupportedOperationException(typeName() + " codec has no binary format");
  }
}
