package dev.tusk.driver.types;

import io.netty.buffer.ByteBuf;

/**
 * Encodes Java values as statement parameters. The driver picks an encoder per value's class at
 * call time; the type OID it reports becomes part of the Parse message (and of the prepared
 * statement cache key), so the server knows the type without guessing.
 */
public interface Encoder {
  /**
   * {@return the type OID to declare for {@code value}; 0 lets the server infer it} Asked first on
   * the caller's thread, where an encoder may refuse the value (throwing), and again on the event
   * loop whenever the statement is looked up: the same value must give the same OID.
   */
  int typeOid(Object value);

  /** {@return 0 for text format, 1 for binary} */
  short format();

  /** Writes the value's bytes (without a length prefix). */
  void encode(Object value, ByteBuf out, TypeRegistry types);
}
