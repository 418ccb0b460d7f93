package dev.tusk.sql.ast;

import java.util.Objects;

/**
 * A reference to a CTE in FROM: {@code name [AS alias]}. The definition lives in the statement's
 * WITH list.
 *
 * @param name the CTE's name
 * @param alias the alias, or null
 */
public record CteRef(String name, String alias) implements FromItem {
  public CteRef {
    Objects.requireNonNull(name, "name");
    if (alias != null) {
      Names.requireIdentifier(alias, "alias");
    }
  }

  /** {@return the column of this reference named as {@code column}, typed as it} */
  public <T> ColumnRef<T> get(Expression<T> column) {
    return new ColumnRef<>(TableName.of(alias == null ? name : alias), OutputNames.nameOf(column.expr()),
        column.type());
  }
}
