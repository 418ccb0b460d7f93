package dev.tusk.driver;

import java.util.List;

/**
 * One row of a result. Values are decoded on access, from bytes the row owns (never from a network
 * buffer), so a row stays valid after the query's future completed and may be kept.
 *
 * <p>Columns are addressed by 0-based index or by label. Object getters return {@code null} for SQL
 * NULL; the primitive getters ({@link #getInt}, {@link #getLong} …) throw a {@link PgException} for
 * NULL rather than invent a zero.
 */
public interface Row {
  /** {@return the number of columns} */
  int size();

  /** {@return the columns as the server described them} */
  List<ColumnDescriptor> columns();

  /**
   * {@return the index of the column labelled {@code name}}: an exact match first, then a
   * case-insensitive one
   *
   * @throws PgException (42703) when no column has that label
   */
  int indexOf(String name);

  /** {@return whether the value is SQL NULL} */
  boolean isNull(int index);

  default boolean isNull(String name) {
    return isNull(indexOf(name));
  }

  /** {@return the value decoded to its type's default Java class (see the type table in the docs), or null} */
  Object get(int index);

  default Object get(String name) {
    return get(indexOf(name));
  }

  /**
   * {@return the value converted to {@code type}, or null for SQL NULL}
   *
   * @throws PgException (22000) when the value cannot be represented as {@code type}
   */
  <T> T get(int index, Class<T> type);

  default <T> T get(String name, Class<T> type) {
    return get(indexOf(name), type);
  }

  /**
   * {@return the value as a string, or null}: text types as they are; other types as PostgreSQL
   * writes them in text format
   */
  String getString(int index);

  default String getString(String name) {
    return getString(indexOf(name));
  }

  /** {@return an integer column's value} @throws PgException for NULL or a value out of range */
  int getInt(int index);

  default int getInt(String name) {
    return getInt(indexOf(name));
  }

  /** {@return an integer column's value} @throws PgException for NULL */
  long getLong(int index);

  default long getLong(String name) {
    return getLong(indexOf(name));
  }

  /** {@return a numeric column's value} @throws PgException for NULL */
  double getDouble(int index);

  default double getDouble(String name) {
    return getDouble(indexOf(name));
  }

  /** {@return a boolean column's value} @throws PgException for NULL */
  boolean getBoolean(int index);

  default boolean getBoolean(String name) {
    return getBoolean(indexOf(name));
  }

  /** {@return the value's bytes as received (text or binary format), or null}; a copy */
  byte[] getRawBytes(int index);
}
