package dev.tusk.driver.message;

import io.netty.buffer.ByteBuf;

/**
 * The parameter values of a Bind message, encoded straight into the outbound buffer so that no
 * intermediate byte arrays exist.
 */
public interface BindValues {
  /** {@return the number of parameters} */
  int count();

  /** {@return the format of parameter {@code index}: 0 text, 1 binary} */
  short format(int index);

  /** {@return whether parameter {@code index} is SQL NULL} */
  boolean isNull(int index);

  /** Writes the bytes of parameter {@code index} (not its length; the encoder adds that). */
  void write(int index, ByteBuf out);

  BindValues NONE = new BindValues() {
    @Override public int count() { return 0; }
    @Override public short format(int index) { throw new IndexOutOfBoundsException(index); }
    @Override public boolean isNull(int index) { throw new IndexOutOfBoundsException(index); }
    @Override public void write(int index, ByteBuf out) { throw new IndexOutOfBoundsException(index); }
  };
}
