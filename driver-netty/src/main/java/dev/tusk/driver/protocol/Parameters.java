package dev.tusk.driver.protocol;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.message.BindValues;
import dev.tusk.driver.types.Encoder;
import dev.tusk.driver.types.TypeRegistry;
import dev.tusk.driver.wire.ProtocolConstants;
import io.netty.buffer.ByteBuf;

/**
 * A statement's parameter values with the encoder for each, decided on the caller's thread (so a
 * value that cannot be sent fails the call at once) and written on the event loop. The values are
 * not copied: callers must not change them until the future completes.
 */
final class Parameters implements BindValues {
  static final Parameters NONE = new Parameters(new Object[0], null, null);

  private final Object[] values;
  /**
   * The encoders chosen for particular values (an array's depends on its elements), at their
   * indexes; null when there are none, the common case. Any other value's encoder follows from its
   * class and is looked up again when needed, rather than kept in an array per query.
   */
  private final Encoder[] chosenEncoders;
  private final TypeRegistry types;

  private Parameters(Object[] values, Encoder[] chosenEncoders, TypeRegistry types) {
    this.values = values;
    this.chosenEncoders = chosenEncoders;
    this.types = types;
  }

  /**
   * @throws PgException (54000) for more parameters than the protocol allows, (22023) for a value
   *     of a class that cannot be sent, or one its encoder refuses (a numeric out of range)
   */
  static Parameters of(Object[] values, TypeRegistry types) {
    if (values == null || values.length == 0) {
      return NONE;
    }
    if (values.length > ProtocolConstants.MAX_PARAMETERS) {
      throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, values.length + " parameters; a statement can have at most "
          + ProtocolConstants.MAX_PARAMETERS + " (bind an array instead: = ANY($1))");
    }
    Encoder[] chosenEncoders = null;
    long knownBytes = 0;
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      knownBytes += sizeAtLeast(value, i);
      if (value == null) {
        continue;
      }
      Encoder encoder = types.encoderForType(value.getClass());
      if (encoder == null) {
        encoder = types.encoderFor(value);
        if (chosenEncoders == null) {
          chosenEncoders = new Encoder[values.length];
        }
        chosenEncoders[i] = encoder;
      }
      // asked here, on the caller's thread, so that a value its encoder refuses fails the call at once
      encoder.typeOid(value);
    }
    if (knownBytes > ProtocolConstants.MAX_FIELD_LENGTH) {
      throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "the parameters add up to more than 1 GB (" + knownBytes
          + " bytes at least); PostgreSQL takes at most 1 GB per message: use COPY, or several statements");
    }
    return new Parameters(values, chosenEncoders, types);
  }

  /** {@return the encoder of a non-null value} */
  private Encoder encoder(int index) {
    Encoder chosen = chosenEncoders != null ? chosenEncoders[index] : null;
    return chosen != null ? chosen : types.encoderForType(values[index].getClass());
  }

  /**
   * {@return the least number of bytes {@code value} takes on the wire, when that is known without
   * encoding it (bytes and text)}
   *
   * @throws PgException (54000) for a value over PostgreSQL's 1 GB limit: refused here, before it is
   *     copied into a buffer and sent only for the server to answer FATAL and close the connection
   */
  private static long sizeAtLeast(Object value, int index) {
    // a char takes at least one byte in UTF-8, so a text longer than the limit in chars is too long in bytes
    long size = value instanceof byte[] bytes ? bytes.length : value instanceof CharSequence text ? text.length() : 0;
    if (size > ProtocolConstants.MAX_FIELD_LENGTH) {
      throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "parameter $" + (index + 1) + " is " + size
          + (value instanceof byte[] ? " bytes" : " characters") + " long; PostgreSQL takes at most 1 GB per value");
    }
    return size;
  }

  /**
   * {@return the type OID declared for parameter {@code index} (0: inferred by the server)} Asked of
   * its encoder each time rather than kept in an array: a statement found in the cache, the common
   * case, only compares the types, and the array would be garbage at once.
   */
  int typeOid(int index) {
    return values[index] == null ? 0 : encoder(index).typeOid(values[index]);
  }

  /** {@return the type OID of every parameter, in a new array} For a statement about to be parsed. */
  int[] typeOids() {
    var oids = new int[values.length];
    for (int i = 0; i < oids.length; i++) {
      oids[i] = typeOid(i);
    }
    return oids;
  }

  @Override
  public int count() {
    return values.length;
  }

  @Override
  public short format(int index) {
    return values[index] == null ? ProtocolConstants.FORMAT_TEXT : encoder(index).format();
  }

  @Override
  public boolean isNull(int index) {
    return values[index] == null;
  }

  @Override
  public void write(int index, ByteBuf out) {
    encoder(index).encode(values[index], out, types);
  }
}
