package dev.tusk.sql.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * A VALUES list in FROM: {@code (VALUES ($1, $2), ($3, $4)) AS alias (a, b)}. Every value is a
 * parameter; the number of rows is part of the statement's shape.
 *
 * @param columns the columns, as references qualified by the alias
 * @param rows the rows, each with one expression per column
 * @param alias the name of the list
 */
public record ValuesTable(List<ColumnRef<?>> columns, List<List<Expr<?>>> rows, String alias) implements FromItem {
  public ValuesTable {
    columns = List.copyOf(columns);
    Names.requireIdentifier(alias, "alias");
    var copy = new ArrayList<List<Expr<?>>>(rows.size());
    for (var row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("a VALUES row has " + row.size() + " values for " + columns.size()
            + " columns");
      }
      copy.add(List.copyOf(row));
    }
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("VALUES needs at least one row");
    }
    rows = List.copyOf(copy);
  }

  /** {@return the column of this list named as {@code column}, typed as it} */
  public <T> ColumnRef<T> get(Expression<T> column) {
    String name = OutputNames.nameOf(column.expr());
    for (var own : columns) {
      if (own.name().equals(name)) {
        return new ColumnRef<>(TableName.of(alias), name, column.type());
      }
    }
    throw new IllegalArgumentException("VALUES list " + alias + " has no column " + name);
  }
}
