package dev.tusk.sql.types;

import dev.tusk.driver.PgInterval;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * The PostgreSQL types Tusk maps, meant to be statically imported: {@code column("id", BIGINT)}.
 *
 * <table>
 *   <caption>Java types</caption>
 *   <tr><th>PostgreSQL</th><th>Java</th></tr>
 *   <tr><td>smallint, integer, bigint</td><td>Short, Integer, Long</td></tr>
 *   <tr><td>real, double precision, numeric</td><td>Float, Double, BigDecimal</td></tr>
 *   <tr><td>text, varchar(n), character(n)</td><td>String</td></tr>
 *   <tr><td>boolean, bytea, uuid</td><td>Boolean, byte[], UUID</td></tr>
 *   <tr><td>date, time, timetz</td><td>LocalDate, LocalTime, OffsetTime</td></tr>
 *   <tr><td>timestamp, timestamptz</td><td>LocalDateTime, OffsetDateTime</td></tr>
 *   <tr><td>interval</td><td>{@link PgInterval}</td></tr>
 *   <tr><td>json, jsonb</td><td>String holding the JSON text; {@link #converted} for anything richer</td></tr>
 *   <tr><td>arrays</td><td>{@code List<E>} ({@link #array})</td></tr>
 *   <tr><td>enums</td><td>a Java enum ({@link #enumType})</td></tr>
 * </table>
 */
public final class PgTypes {
  /** The OID the extended protocol reads as "let the server infer the type". */
  public static final int UNSPECIFIED_OID = 0;

  public static final BuiltinType<Short> SMALLINT = new BuiltinType<>("smallint", 21, 1005, Short.class);
  public static final BuiltinType<Integer> INTEGER = new BuiltinType<>("integer", 23, 1007, Integer.class);
  public static final BuiltinType<Long> BIGINT = new BuiltinType<>("bigint", 20, 1016, Long.class);
  public static final BuiltinType<Float> REAL = new BuiltinType<>("real", 700, 1021, Float.class);
  public static final BuiltinType<Double> DOUBLE_PRECISION =
      new BuiltinType<>("double precision", 701, 1022, Double.class);
  public static final BuiltinType<BigDecimal> NUMERIC = new BuiltinType<>("numeric", 1700, 1231, BigDecimal.class);
  public static final BuiltinType<String> TEXT = new BuiltinType<>("text", 25, 1009, String.class);
  public static final BuiltinType<String> VARCHAR = new BuiltinType<>("varchar", 1043, 1015, String.class);
  public static final BuiltinType<Boolean> BOOLEAN = new BuiltinType<>("boolean", 16, 1000, Boolean.class);
  public static final BuiltinType<byte[]> BYTEA = new BuiltinType<>("bytea", 17, 1001, byte[].class);
  public static final BuiltinType<java.util.UUID> UUID =
      new BuiltinType<>("uuid", 2950, 2951, java.util.UUID.class);
  public static final BuiltinType<LocalDate> DATE = new BuiltinType<>("date", 1082, 1182, LocalDate.class);
  public static final BuiltinType<LocalTime> TIME = new BuiltinType<>("time", 1083, 1183, LocalTime.class);
  public static final BuiltinType<OffsetTime> TIMETZ = new BuiltinType<>("timetz", 1266, 1270, OffsetTime.class);
  public static final BuiltinType<LocalDateTime> TIMESTAMP =
      new BuiltinType<>("timestamp", 1114, 1115, LocalDateTime.class);
  public static final BuiltinType<OffsetDateTime> TIMESTAMPTZ =
      new BuiltinType<>("timestamptz", 1184, 1185, OffsetDateTime.class);
  public static final BuiltinType<PgInterval> INTERVAL = new BuiltinType<>("interval", 1186, 1187, PgInterval.class);
  public static final BuiltinType<String> JSON = new BuiltinType<>("json", 114, 199, String.class);
  public static final BuiltinType<String> JSONB = new BuiltinType<>("jsonb", 3802, 3807, String.class);
  /**
   * A type Tusk does not know, such as the result of {@code func("f", ...)} declared without a
   * type. It is never written in SQL; a parameter of this type is sent with OID 0.
   */
  public static final BuiltinType<Object> UNKNOWN = new BuiltinType<>("unknown", UNSPECIFIED_OID, 0, Object.class);

  private static final Map<Class<?>, SqlType<?>> BY_JAVA_CLASS = Map.ofEntries(
      Map.entry(Short.class, SMALLINT), Map.entry(Integer.class, INTEGER), Map.entry(Long.class, BIGINT),
      Map.entry(Float.class, REAL), Map.entry(Double.class, DOUBLE_PRECISION),
      Map.entry(BigDecimal.class, NUMERIC), Map.entry(String.class, TEXT), Map.entry(Boolean.class, BOOLEAN),
      Map.entry(byte[].class, BYTEA), Map.entry(java.util.UUID.class, UUID), Map.entry(LocalDate.class, DATE),
      Map.entry(LocalTime.class, TIME), Map.entry(OffsetTime.class, TIMETZ),
      Map.entry(LocalDateTime.class, TIMESTAMP), Map.entry(OffsetDateTime.class, TIMESTAMPTZ),
      Map.entry(PgInterval.class, INTERVAL));

  private PgTypes() {}

  /** {@return {@code numeric(precision, scale)}} */
  public static BuiltinType<BigDecimal> numeric(int precision, int scale) {
    if (precision < 1 || scale < 0 || scale > precision) {
      throw new IllegalArgumentException("numeric(" + precision + "," + scale + ") is not a valid type");
    }
    return new BuiltinType<>("numeric(" + precision + "," + scale + ")", NUMERIC.oid(), NUMERIC.arrayOid(),
        BigDecimal.class);
  }

  /** {@return {@code varchar(length)}} */
  public static BuiltinType<String> varchar(int length) {
    return sized("varchar", length, VARCHAR);
  }

  /** {@return {@code character(length)}, blank-padded} */
  public static BuiltinType<String> character(int length) {
    return sized("character", length, new BuiltinType<>("character", 1042, 1014, String.class));
  }

  private static BuiltinType<String> sized(String name, int length, BuiltinType<String> base) {
    if (length < 1) {
      throw new IllegalArgumentException(name + "(" + length + ") is not a valid type");
    }
    return new BuiltinType<>(name + "(" + length + ")", base.oid(), base.arrayOid(), String.class);
  }

  /** {@return an array of {@code elementType}} */
  public static <E> ArrayType<E> array(SqlType<E> elementType) {
    return new ArrayType<>(elementType);
  }

  /** {@return a PostgreSQL enum named {@code name} whose labels are the constants' names} */
  public static <E extends Enum<E>> EnumType<E> enumType(String name, Class<E> javaType) {
    return enumType(null, name, javaType, Enum::name);
  }

  /**
   * {@return a PostgreSQL enum in {@code schema} (null for the search path) whose labels {@code
   * label} gives, for example {@code m -> m.name().toLowerCase()}}
   */
  public static <E extends Enum<E>> EnumType<E> enumType(String schema, String name, Class<E> javaType,
                                                         Function<? super E, String> label) {
    return new EnumType<>(schema, name, javaType,
        Arrays.stream(javaType.getEnumConstants()).map(label).toList());
  }

  /**
   * {@return {@code databaseType} seen as {@code javaType} through two conversions}, for example a
   * {@code jsonb} column read as a record with a JSON library of your choice. Declare it once, as a
   * constant (see {@link ConvertedType}).
   */
  public static <J, D> ConvertedType<J, D> converted(SqlType<D> databaseType, Class<J> javaType,
                                                     Function<? super J, ? extends D> toDatabase,
                                                     Function<? super D, ? extends J> fromDatabase) {
    return new ConvertedType<>(databaseType, javaType, toDatabase, fromDatabase);
  }

  /**
   * {@return the built-in type of a Java value's class, or {@link #UNKNOWN} when there is none or
   * the value is null}; enums, lists and converted values need their type given explicitly.
   */
  @SuppressWarnings("unchecked")
  public static <T> SqlType<T> ofValue(T value) {
    if (value == null) {
      return (SqlType<T>) UNKNOWN;
    }
    return (SqlType<T>) BY_JAVA_CLASS.getOrDefault(value.getClass(), UNKNOWN);
  }
}
