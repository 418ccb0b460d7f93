package dev.tusk.sql.types;

import java.util.Objects;
import java.util.function.Function;

/**
 * A database type seen through a user converter, like SQLAlchemy's {@code TypeDecorator}: a
 * {@code jsonb} column read as a record, a {@code text} column read as a value object. SQL sees
 * only {@link #databaseType()}; the executor converts values on their way in and out.
 *
 * <p>Equality includes the two functions, which compare by identity. Declare a converted type once,
 * as a constant: a type built anew for each statement would give each statement its own cache
 * entry.
 *
 * @param databaseType the type the server sees
 * @param javaType the Java class of values
 * @param toDatabase converts a Java value to the database type's Java value; never given null
 * @param fromDatabase converts back; never given null
 * @param <J> the Java type of values
 * @param <D> the Java type of the database type
 */
public record ConvertedType<J, D>(SqlType<D> databaseType, Class<J> javaType,
                                  Function<? super J, ? extends D> toDatabase,
                                  Function<? super D, ? extends J> fromDatabase)
    implements SqlType<J> {
  public ConvertedType {
    Objects.requireNonNull(databaseType, "databaseType");
    Objects.requireNonNull(javaType, "javaType");
    Objects.requireNonNull(toDatabase, "toDatabase");
    Objects.requireNonNull(fromDatabase, "fromDatabase");
  }

  @Override
  public int oid() {
    return databaseType.oid();
  }

  /** {@return the value the database type encodes, null for null} */
  public D encode(J value) {
    return value == null ? null : toDatabase.apply(value);
  }

  /** {@return the Java value for a decoded database value, null for null} */
  public J decode(D value) {
    return value == null ? null : fromDatabase.apply(value);
  }

  @Override
  public String toString() {
    return databaseType + " as " + javaType.getSimpleName();
  }
}
