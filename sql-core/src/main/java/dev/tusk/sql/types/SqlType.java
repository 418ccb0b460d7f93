package dev.tusk.sql.types;

/**
 * A PostgreSQL type as Tusk knows it: what values of it are in Java, and how the server names it.
 *
 * <p>Types are values: two equal types render the same SQL and encode the same way, so a type can
 * sit in a statement's cache key. The compiler spells a type in SQL; the executor picks a codec by
 * {@link #oid()}, or resolves the name when the OID is {@link PgTypes#UNSPECIFIED_OID}.
 *
 * @param <T> the Java type of values
 */
public sealed interface SqlType<T> permits BuiltinType, ArrayType, EnumType, ConvertedType {
  /** {@return the class of the Java values of this type} */
  Class<T> javaType();

  /**
   * {@return the OID of a built-in type, or {@link PgTypes#UNSPECIFIED_OID} when the server must
   * resolve the type by name (enums, arrays of them, and types Tusk does not know)}
   */
  int oid();
}
