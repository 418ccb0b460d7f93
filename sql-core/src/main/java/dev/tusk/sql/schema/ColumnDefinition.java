package dev.tusk.sql.schema;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * A column as CREATE TABLE declares it.
 *
 * @param name the column's name
 * @param type its type
 * @param spec the rest of its declaration
 */
public record ColumnDefinition(String name, SqlType<?> type, ColumnSpec spec) {
  public ColumnDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(spec, "spec");
  }
}
