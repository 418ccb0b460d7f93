package dev.tusk.driver;

import dev.tusk.driver.types.Conversions;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A composite value: {@code ROW(1, 'a')}, or a table's row type ({@code SELECT t FROM t}). Fields are
 * decoded by their own types when the value arrives in binary format (anonymous records); a named
 * composite type arrives as text, where the field types are not known, so its fields are Strings
 * (and {@code null} for NULL). Read a field as another class with {@link #get(int, Class)}.
 *
 * @param values the fields in order; NULL fields are {@code null}
 */
public record PgRecord(List<Object> values) {
  public PgRecord {
    values = Collections.unmodifiableList(Arrays.asList(values.toArray()));
  }

  /** {@return a record of these fields} */
  public static PgRecord of(Object... values) {
    return new PgRecord(Arrays.asList(values));
  }

  /** {@return the number of fields} */
  public int size() {
    return values.size();
  }

  /** {@return field {@code index} (0-based)} */
  public Object get(int index) {
    return values.get(index);
  }

  /** {@return field {@code index} converted as {@link Row#get(int, Class)} converts} */
  public <T> T get(int index, Class<T> type) {
    Object value = values.get(index);
    return value == null ? null : Conversions.convert(value, type);
  }

  /** {@return the record as PostgreSQL prints it, for example {@code (1,"a b",)}} */
  @Override
  public String toString() {
    return dev.tusk.driver.types.TextOutput.format(this);
  }
}
