package dev.tusk.sql.ast;

import java.util.Objects;

/**
 * The name of a relation as SQL refers to it: a table ({@code app.users}), or the bare name of an
 * alias, a subquery or a CTE (schema null).
 *
 * @param schema the schema, or null for the search path
 * @param name the relation's name
 */
public record TableName(String schema, String name) {
  public TableName {
    Objects.requireNonNull(name, "name");
  }

  /** {@return an unqualified name} */
  public static TableName of(String name) {
    return new TableName(null, name);
  }

  @Override
  public String toString() {
    return schema == null ? name : schema + "." + name;
  }
}
