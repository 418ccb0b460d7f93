package dev.tusk.sql.types;

import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL enum ({@code CREATE TYPE name AS ENUM (...)}) mapped to a Java enum. The labels are
 * in the order of the Java constants, so the database orders values as Java does.
 *
 * @param schema the schema of the type, or null for the search path
 * @param name the type's name, quoted in SQL when needed
 * @param javaType the Java enum
 * @param labels the database label of each constant, by ordinal
 * @param <E> the Java enum
 */
public record EnumType<E extends Enum<E>>(String schema, String name, Class<E> javaType,
                                          List<String> labels) implements SqlType<E> {
  public EnumType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(javaType, "javaType");
    labels = List.copyOf(labels);
    if (labels.size() != javaType.getEnumConstants().length) {
      throw new IllegalArgumentException("enum " + name + " needs one label per constant of "
          + javaType.getName() + ", got " + labels);
    }
    if (labels.stream().distinct().count() != labels.size()) {
      throw new IllegalArgumentException("enum " + name + " has duplicate labels: " + labels);
    }
  }

  /** {@return the enum's labels; the server resolves it by name, so it has no fixed OID} */
  @Override
  public int oid() {
    return PgTypes.UNSPECIFIED_OID;
  }

  /** {@return the database label of a constant} */
  public String label(E value) {
    return labels.get(value.ordinal());
  }

  /** {@return the constant with this database label} */
  public E constant(String label) {
    int ordinal = labels.indexOf(label);
    if (ordinal < 0) {
      throw new IllegalArgumentException("'" + label + "' is not a label of enum " + name);
    }
    return javaType.getEnumConstants()[ordinal];
  }

  @Override
  public String toString() {
    return schema == null ? name : schema + "." + name;
  }
}
