package dev.tusk.driver.types;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps type OIDs to codecs (decoding) and Java classes to encoders (parameters). The built-in table
 * is shared by all connections; each connection's registry adds the types it resolved at run time
 * (user codecs by name).
 *
 * <p>Lookups on the hot path are an array index (built-in OIDs are small) and a {@link ClassValue}.
 */
public final class TypeRegistry {
  private static final Codec[] BUILTIN_CODECS = new Codec[8192];
  private static final TypeRegistry BUILTINS = new TypeRegistry(Map.of());

  static {
    register(PgType.BOOL, BoolCodec.INSTANCE);
    register(PgType.INT2, IntCodecs.INT2);
    register(PgType.INT4, IntCodecs.INT4);
    register(PgType.INT8, IntCodecs.INT8);
    register(PgType.OID, IntCodecs.OID);
    register(PgType.FLOAT4, FloatCodecs.FLOAT4);
    register(PgType.FLOAT8, FloatCodecs.FLOAT8);
    register(PgType.BYTEA, ByteaCodec.INSTANCE);
    for (PgType text : new PgType[] {PgType.TEXT, PgType.VARCHAR, PgType.BPCHAR, PgType.NAME, PgType.CHAR,
        PgType.XML, PgType.UNKNOWN}) {
      register(text, TextCodec.INSTANCE);
    }
  }

  private static void register(PgType type, Codec codec) {
    BUILTIN_CODECS[type.oid()] = codec;
  }

  private final Map<Integer, Codec> resolvedCodecs;
  private final ClassValue<Encoder> encoders = new ClassValue<>() {
    @Override
    protected Encoder computeValue(Class<?> type) {
      return encoderForClass(type);
    }
  };

  private TypeRegistry(Map<Integer, Codec> resolvedCodecs) {
    this.resolvedCodecs = resolvedCodecs;
  }

  /** {@return the registry of built-in types} */
  public static TypeRegistry builtins() {
    return BUILTINS;
  }

  /** {@return a registry that also decodes the given OIDs with the given codecs} */
  public TypeRegistry with(Map<Integer, Codec> codecsByOid) {
    var merged = new HashMap<>(resolvedCodecs);
    merged.putAll(codecsByOid);
    return new TypeRegistry(Map.copyOf(merged));
  }

  /** {@return the codec for values of type {@code oid}; types without one decode as their text} */
  public Codec codec(int oid) {
    if (oid > 0 && oid < BUILTIN_CODECS.length) {
      Codec builtin = BUILTIN_CODECS[oid];
      if (builtin != null) {
        return builtin;
      }
    }
    Codec resolved = resolvedCodecs.get(oid);
    return resolved != null ? resolved : UnknownTypeCodec.INSTANCE;
  }

  /**
   * {@return the encoder for a parameter value}
   *
   * @throws PgException (22023) when values of this class cannot be sent
   */
  public Encoder encoderFor(Object value) {
    Encoder encoder = encoders.get(value.getClass());
    if (encoder == null) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "cannot send a parameter of " + value.getClass().getName()
          + "; supported: numbers, String, Boolean, byte[], UUID, java.time values, arrays and Lists of these");
    }
    return encoder;
  }

  private static Encoder encoderForClass(Class<?> type) {
    if (type == Integer.class) return ScalarEncoders.INTEGER;
    if (type == Long.class) return ScalarEncoders.LONG;
    if (type == String.class) return ScalarEncoders.STRING;
    if (type == Short.class) return ScalarEncoders.SHORT;
    if (type == Double.class) return ScalarEncoders.DOUBLE;
    if (type == Float.class) return ScalarEncoders.FLOAT;
    if (type == Boolean.class) return ScalarEncoders.BOOLEAN;
    if (type == byte[].class) return ScalarEncoders.BYTES;
    if (type == Character.class) return ScalarEncoders.CHARACTER;
    if (Enum.class.isAssignableFrom(type)) return ScalarEncoders.ENUM;
    return null;
  }
}
