package dev.tusk.sql.types;

import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL array of {@code elementType}, as a Java {@link List}. Lists were chosen over Java
 * arrays because they are generic ({@code List<UUID>} rather than an erased {@code Object[]}), and
 * immutable lists can be shared safely. An array of arrays is PostgreSQL's multidimensional array
 * of the same element type.
 *
 * @param elementType the type of the elements
 * @param <E> the Java type of the elements
 */
public record ArrayType<E>(SqlType<E> elementType) implements SqlType<List<E>> {
  public ArrayType {
    Objects.requireNonNull(elementType, "elementType");
  }

  @Override
  @SuppressWarnings("unchecked")
  public Class<List<E>> javaType() {
    return (Class<List<E>>) (Class<?>) List.class;
  }

  /** PostgreSQL gives every dimension of an array the same type, hence the recursion. */
  @Override
  public int oid() {
    return switch (elementType) {
      case BuiltinType<E> builtin -> builtin.arrayOid();
      case ArrayType<?> inner -> inner.oid();
      case ConvertedType<E, ?> converted -> new ArrayType<>(converted.databaseType()).oid();
      case EnumType<?> enumType -> PgTypes.UNSPECIFIED_OID;
    };
  }

  @Override
  public String toString() {
    return elementType + "[]";
  }
}
