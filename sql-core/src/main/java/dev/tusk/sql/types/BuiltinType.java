package dev.tusk.sql.types;

import java.util.Objects;

/**
 * A type built into PostgreSQL, with a fixed OID.
 *
 * @param name the type as written in SQL, with its modifiers ({@code numeric(10,2)}, {@code
 *     varchar(20)}, {@code double precision}); written verbatim, never quoted
 * @param oid the type's OID in {@code pg_type}, or 0 for {@link PgTypes#UNKNOWN}
 * @param arrayOid the OID of the array of this type, or 0 when there is none
 * @param javaType the Java class of values
 * @param <T> the Java type of values
 */
public record BuiltinType<T>(String name, int oid, int arrayOid, Class<T> javaType)
    implements SqlType<T> {
  public BuiltinType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(javaType, "javaType");
  }

  @Override
  public String toString() {
    return name;
  }
}
