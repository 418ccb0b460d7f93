package dev.tusk.sql.ast;

import java.util.Objects;

/**
 * A table in FROM or as the target of INSERT, UPDATE or DELETE: {@code schema.name [AS alias]}.
 *
 * @param table the table's name
 * @param alias the alias, or null
 */
public record TableRef(TableName table, String alias) implements FromItem {
  public TableRef {
    Objects.requireNonNull(table, "table");
    if (alias != null) {
      Names.requireIdentifier(alias, "alias");
    }
  }

  /** {@return the name columns of this table are qualified with: the alias if any, else the table} */
  public TableName qualifier() {
    return alias == null ? table : TableName.of(alias);
  }
}
