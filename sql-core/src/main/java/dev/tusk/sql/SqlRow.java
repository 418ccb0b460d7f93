package dev.tusk.sql;

import dev.tusk.driver.Row;
import dev.tusk.sql.ast.Expression;

/**
 * One row of a statement's result, read by the expressions that produced it:
 * {@code row.get(USERS.name)} is a {@code String} because {@code USERS.name} is a
 * {@code Column<String>} — converted types, enums and arrays come back as their Java types.
 */
public interface SqlRow {
  /**
   * {@return the value of the result column {@code column} produced (a column of the select list,
   * or a labelled expression)}, null for SQL NULL
   *
   * @throws IllegalArgumentException when the statement has no such result column
   */
  <T> T get(Expression<T> column);

  /** {@return the value of the column labelled {@code name}, as its default Java type} */
  Object get(String name);

  /** {@return the value of the column labelled {@code name}, converted to {@code type}} */
  <T> T get(String name, Class<T> type);

  /** {@return the value of column {@code index}, converted to {@code type}} */
  <T> T get(int index, Class<T> type);

  /**
   * Maps the row to a record by column name: each record component takes the column with its
   * name, or its name in snake_case ({@code createdAt} ← {@code created_at}), converted to the
   * component's type. The mapping is worked out once per record class and result shape.
   *
   * @throws IllegalArgumentException when a component has no matching column
   */
  <R extends Record> R into(Class<R> recordType);

  /** {@return the driver's row underneath} */
  Row driverRow();
}
