package dev.tusk.driver.types;

import dev.tusk.driver.Json;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgInet;
import dev.tusk.driver.PgInterval;
import dev.tusk.driver.PgRange;
import dev.tusk.driver.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Maps type OIDs to codecs (decoding) and Java classes to encoders (parameters). The built-in table
 * is shared by all connections; each connection's registry adds the types it resolved at run time
 * (user codecs by name, see {@link #withUserCodecs}).
 *
 * <p>Every built-in array type decodes through an {@link ArrayCodec} over its element type's codec,
 * and is requested in binary only when the element type is. Types with no codec arrive in text and
 * read as their text ({@link UnknownTypeCodec}).
 *
 * <p>Lookups on the hot path are an array index (built-in OIDs are small) and a {@link ClassValue}.
 */
public final class TypeRegistry {
  private static final Codec[] BUILTIN_CODECS = new Codec[8192];
  private static final TypeRegistry BUILTINS = new TypeRegistry(Map.of(), Map.of(), Map.of());

  static {
    register(PgType.BOOL, BoolCodec.INSTANCE);
    register(PgType.INT2, IntCodecs.INT2);
    register(PgType.INT4, IntCodecs.INT4);
    register(PgType.INT8, IntCodecs.INT8);
    register(PgType.OID, IntCodecs.OID);
    register(PgType.FLOAT4, FloatCodecs.FLOAT4);
    register(PgType.FLOAT8, FloatCodecs.FLOAT8);
    register(PgType.NUMERIC, NumericCodec.INSTANCE);
    register(PgType.BYTEA, ByteaCodec.INSTANCE);
    register(PgType.UUID, UuidCodec.INSTANCE);
    for (PgType text : new PgType[] {PgType.TEXT, PgType.VARCHAR, PgType.BPCHAR, PgType.NAME, PgType.CHAR,
        PgType.XML, PgType.JSON, PgType.UNKNOWN}) {
      register(text, TextCodec.INSTANCE);
    }
    register(PgType.JSONB, JsonbCodec.INSTANCE);
    register(PgType.DATE, DateTimeCodecs.DATE);
    register(PgType.TIME, DateTimeCodecs.TIME);
    register(PgType.TIMETZ, DateTimeCodecs.TIMETZ);
    register(PgType.TIMESTAMP, DateTimeCodecs.TIMESTAMP);
    register(PgType.TIMESTAMPTZ, DateTimeCodecs.TIMESTAMPTZ);
    register(PgType.INTERVAL, IntervalCodec.INSTANCE);
    register(PgType.INET, NetworkCodecs.INET);
    register(PgType.CIDR, NetworkCodecs.CIDR);
    register(PgType.MACADDR, NetworkCodecs.MACADDR);
    register(PgType.MACADDR8, NetworkCodecs.MACADDR8);
    register(PgType.RECORD, RecordCodec.INSTANCE);
    registerRange(PgType.INT4RANGE, PgType.INT4MULTIRANGE, PgType.INT4);
    registerRange(PgType.INT8RANGE, PgType.INT8MULTIRANGE, PgType.INT8);
    registerRange(PgType.NUMRANGE, PgType.NUMMULTIRANGE, PgType.NUMERIC);
    registerRange(PgType.TSRANGE, PgType.TSMULTIRANGE, PgType.TIMESTAMP);
    registerRange(PgType.TSTZRANGE, PgType.TSTZMULTIRANGE, PgType.TIMESTAMPTZ);
    registerRange(PgType.DATERANGE, PgType.DATEMULTIRANGE, PgType.DATE);
    // after every element type: arrays of any built-in, in binary exactly when their elements are
    for (PgType type : PgType.values()) {
      if (type.arrayOid() != 0) {
        BUILTIN_CODECS[type.arrayOid()] = new ArrayCodec(type.oid(), BUILTINS.codec(type.oid()), type == PgType.BOX ? ';' : ',');
      }
    }
  }

  private static void register(PgType type, Codec codec) {
    BUILTIN_CODECS[type.oid()] = codec;
  }

  private static void registerRange(PgType range, PgType multirange, PgType element) {
    register(range, new RangeCodec(BUILTIN_CODECS[element.oid()], false));
    register(multirange, new RangeCodec(BUILTIN_CODECS[element.oid()], true));
  }

  /** Chooses an encoder by looking at the value, for classes whose type depends on content (arrays, ranges). */
  @FunctionalInterface
  private interface EncoderChoice {
    Encoder choose(Object value, TypeRegistry types);
  }

  private final Map<Integer, Codec> resolvedCodecs;
  private final Map<Integer, Integer> arrayOidByElement;
  private final Map<Class<?>, UserCodec> userEncoders;
  /** Per class: an {@link Encoder}, an {@link EncoderChoice}, or null for classes that cannot be sent. */
  private final ClassValue<Object> encoders = new ClassValue<>() {
    @Override
    protected Object computeValue(Class<?> type) {
      return encoderForClass(type);
    }
  };

  private TypeRegistry(Map<Integer, Codec> resolvedCodecs, Map<Integer, Integer> arrayOidByElement,
      Map<Class<?>, UserCodec> userEncoders) {
    this.resolvedCodecs = resolvedCodecs;
    this.arrayOidByElement = arrayOidByElement;
    this.userEncoders = userEncoders;
  }

  /** {@return the registry of built-in types} */
  public static TypeRegistry builtins() {
    return BUILTINS;
  }

  /** {@return a registry that also decodes the given OIDs with the given codecs} */
  public TypeRegistry with(Map<Integer, Codec> codecsByOid) {
    var merged = new HashMap<>(resolvedCodecs);
    merged.putAll(codecsByOid);
    return new TypeRegistry(Map.copyOf(merged), arrayOidByElement, userEncoders);
  }

  /**
   * {@return a registry that also handles user types}, once the connection has resolved each
   * {@link PgCodec#typeName()} to its OIDs ({@code SELECT oid, typarray FROM pg_type WHERE oid =
   * $1::regtype}): values of each type decode with its codec, arrays of it decode element by element
   * with it, and parameters of the codec's {@link PgCodec#javaType()} (and arrays and Lists of them)
   * are sent as the type, unless the driver already sends that class itself. User codecs take
   * precedence over built-in codecs for the same OID.
   *
   * @param codecsByOid each codec under the OID of its type
   * @param elementOidByArrayOid for each type's array type ({@code typarray}, when not 0): array OID → element OID
   */
  public TypeRegistry withUserCodecs(Map<Integer, PgCodec<?>> codecsByOid, Map<Integer, Integer> elementOidByArrayOid) {
    var codecs = new HashMap<>(resolvedCodecs);
    var arrays = new HashMap<>(arrayOidByElement);
    var users = new HashMap<>(userEncoders);
    codecsByOid.forEach((oid, codec) -> {
      var user = new UserCodec(codec, oid);
      codecs.put(oid, user);
      users.put(codec.javaType(), user);
    });
    elementOidByArrayOid.forEach((arrayOid, elementOid) -> {
      Codec element = codecs.containsKey(elementOid) ? codecs.get(elementOid) : codec(elementOid);
      codecs.put(arrayOid, new ArrayCodec(elementOid, element, ','));
      arrays.put(elementOid, arrayOid);
    });
    return new TypeRegistry(Map.copyOf(codecs), Map.copyOf(arrays), Map.copyOf(users));
  }

  /** {@return the codec for values of type {@code oid}; types without one decode as their text} */
  public Codec codec(int oid) {
    if (!resolvedCodecs.isEmpty()) {
      Codec resolved = resolvedCodecs.get(oid);
      if (resolved != null) {
        return resolved;
      }
    }
    if (oid > 0 && oid < BUILTIN_CODECS.length) {
      Codec builtin = BUILTIN_CODECS[oid];
      if (builtin != null) {
        return builtin;
      }
    }
    return UnknownTypeCodec.INSTANCE;
  }

  /** {@return the OID of the array type of {@code elementOid}, or 0 when none is known} */
  int arrayOidOf(int elementOid) {
    Integer user = arrayOidByElement.get(elementOid);
    if (user != null) {
      return user;
    }
    PgType type = PgType.ofOid(elementOid);
    return type == null ? 0 : type.arrayOid();
  }

  /**
   * {@return the encoder for a parameter value}
   *
   * @throws PgException (22023) when values of this class cannot be sent, or this value cannot
   */
  public Encoder encoderFor(Object value) {
    Object encoder = encoders.get(value.getClass());
    if (encoder instanceof Encoder fixed) {
      return fixed;
    }
    if (encoder instanceof EncoderChoice choice) {
      return choice.choose(value, this);
    }
    throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "cannot send a parameter of " + value.getClass().getName()
        + "; supported: numbers, String, Boolean, byte[], UUID, java.time values, PgInterval, PgRange, Json,"
        + " InetAddress, PgInet, arrays and Lists of these, and classes of registered PgCodecs");
  }

  /** {@return the encoder every value of {@code type} uses, or null when it depends on the value or there is none} */
  public Encoder encoderForType(Class<?> type) {
    return encoders.get(type) instanceof Encoder fixed ? fixed : null;
  }

  private Object encoderForClass(Class<?> type) {
    Object builtin = builtinEncoderFor(type);
    if (builtin != null) {
      return builtin;
    }
    UserCodec user = userEncoders.get(type);
    if (user == null) {
      for (var entry : userEncoders.entrySet()) {
        if (entry.getKey().isAssignableFrom(type)) {
          user = entry.getValue();
          break;
        }
      }
    }
    if (user == null) {
      return null;
    }
    UserCodec chosen = user;
    return (EncoderChoice) (value, types) -> chosen.encoderFor(value);
  }

  private static Object builtinEncoderFor(Class<?> type) {
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
    if (type == BigDecimal.class || type == BigInteger.class) return NumericCodec.INSTANCE;
    if (type == UUID.class) return UuidCodec.INSTANCE;
    if (type == LocalDate.class) return DateTimeCodecs.DATE;
    if (type == LocalTime.class) return DateTimeCodecs.TIME;
    if (type == OffsetTime.class) return DateTimeCodecs.TIMETZ;
    if (type == LocalDateTime.class) return DateTimeCodecs.TIMESTAMP;
    if (type == OffsetDateTime.class || type == Instant.class || type == ZonedDateTime.class) return DateTimeCodecs.TIMESTAMPTZ;
    if (type == PgInterval.class || type == Duration.class || type == Period.class) return IntervalCodec.INSTANCE;
    if (type == Json.class) return JsonbCodec.INSTANCE;
    if (type == PgInet.class || InetAddress.class.isAssignableFrom(type)) return NetworkCodecs.InetEncoder.INSTANCE;
    if (ByteBuffer.class.isAssignableFrom(type)) return ScalarEncoders.BYTE_BUFFER;
    if (type == PgRange.class) return (EncoderChoice) RangeEncoder::forValue;
    if (List.class.isAssignableFrom(type) || type.isArray()) return (EncoderChoice) ArrayEncoder::forValue;
    return null;
  }
}
