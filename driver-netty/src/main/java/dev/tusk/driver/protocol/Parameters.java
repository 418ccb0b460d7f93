package dev.tusk.driver.protocol;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.message.BindValues;
import dev.tusk.driver.types.Encoder;
import dev.tusk.driver.types.TypeRegistry;
import dev.tusk.driver.wire.ProtocolConstants;
import io.netty.buffer.ByteBuf;

/**
 * A statement's parameter values with the encoder chosen for each, decided on the caller's thread
 * (so a value that cannot be sent fails the call at once) and written on the event loop. The
 * values are not copied: callers must not change them until the future completes.
 */
final class Parameters implements BindValues {
  private static final int[] NO_OIDS = new int[0];
  private static final Encoder[] NO_ENCODERS = new Encoder[0];
  static final Parameters NONE = new Parameters(new Object[0], NO_ENCODERS, NO_OIDS, null);

  private final Object[] values;
  private final Encoder[] encoders;
  private final int[] oids;
  private final TypeRegistry types;

  private Parameters(Object[] values, Encoder[] encoders, int[] oids, TypeRegistry types) {
    this.values = values;
    this.encoders = encoders;
    this.oids = oids;
    this.types = types;
  }

  /**
   * @throws PgException (54000) for more parameters than the protocol allows, (22023) for a value
   *     of a class that cannot be sent
   */
  static Parameters of(Object[] values, TypeRegistry types) {
    if (values == null || values.length == 0) {
      return NONE;
    }
    if (values.length > ProtocolConstants.MAX_PARAMETERS) {
      throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, values.length + " parameters; a statement can have at most "
          + ProtocolConstants.MAX_PARAMETERS + " (bind an array instead: = ANY($1))");
    }
    var encoders = new Encoder[values.length];
    var oids = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value != null) {
        Encoder encoder = types.encoderFor(value);
        encoders[i] = encoder;
        oids[i] = encoder.typeOid(value);
      }
    }
    return new Parameters(values, encoders, oids, types);
  }

  /** {@return the type OID declared for each parameter (0: inferred by the server)} */
  int[] oids() {
    return oids;
  }

  @Override
  public int count() {
    return values.length;
  }

  @Override
  public short format(int index) {
    Encoder encoder = encoders[index];
    return encoder == null ? ProtocolConstants.FORMAT_TEXT : encoder.format();
  }

  @Override
  public boolean isNull(int index) {
    return values[index] == null;
  }

  @Override
  public void write(int index, ByteBuf out) {
    encoders[index].encode(values[index], out, types);
  }
}
