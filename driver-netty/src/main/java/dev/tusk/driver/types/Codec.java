package dev.tusk.driver.types;

/**
 * Decodes values of one PostgreSQL type (or family) into Java objects. Values arrive as a bounded
 * slice of a byte array that the codec must not keep: copy out what you return.
 *
 * <p>Implementations are stateless and shared by every connection.
 */
public interface Codec {
  /** {@return the Java class values decode to by default} */
  Class<?> javaType();

  /**
   * {@return whether the binary format of the type is its UTF-8 text}, so that a binary value can be
   * read as a String without decoding (text, varchar, json …; not jsonb, whose binary form starts
   * with a version byte)
   */
  default boolean binaryIsText() {
    return false;
  }

  /** {@return whether {@link #decodeBinary} works; only then does the driver ask for binary results} */
  boolean decodesBinary();

  /** Decodes the binary send format of the type. */
  Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types);

  /** Decodes the text output format of the type (UTF-8). */
  Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types);

  /**
   * {@return a value this codec decoded, in the type's text form}: what {@code getString} gives for
   * a value that arrived in binary. Built-in types print as PostgreSQL does ({@link TextOutput}).
   */
  default String formatText(Object value) {
    return TextOutput.format(value);
  }
}
