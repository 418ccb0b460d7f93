package dev.tusk.sql;

import dev.tusk.sql.ast.ColumnRef;
import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.ast.OutputNames;
import dev.tusk.sql.ast.Param;
import dev.tusk.sql.ast.TableName;
import dev.tusk.sql.ast.ValuesTable;
import java.util.ArrayList;
import java.util.List;

/**
 * A VALUES list being built: {@code values(USERS.id, USERS.name).row(1L, "a").row(2L, "b").as("v")},
 * then {@code v.get(USERS.id)} for its typed columns. Every value is a bound parameter.
 *
 * @param columns the columns: their names and types
 * @param rows the rows so far
 */
public record ValuesList(List<Expr<?>> columns, List<List<Expr<?>>> rows) {
  public ValuesList {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  static ValuesList of(List<? extends Expression<?>> columns) {
    return new ValuesList(columns.stream().<Expr<?>>map(Expression::expr).toList(), List.of());
  }

  /**
   * {@return this list with one more row}: one value per column, each a Java value of the column's
   * type or an {@link Expression}
   */
  public ValuesList row(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " columns");
    }
    var row = new ArrayList<Expr<?>>(values.length);
    for (int i = 0; i < values.length; i++) {
      row.add(bind(columns.get(i), values[i]));
    }
    var more = new ArrayList<>(rows);
    more.add(List.copyOf(row));
    return new ValuesList(columns, more);
  }

  /** {@return the list in FROM: {@code (VALUES ...) AS alias (columns)}} */
  public ValuesTable as(String alias) {
    var refs = columns.stream()
        .<ColumnRef<?>>map(c -> new ColumnRef<>(TableName.of(alias), OutputNames.nameOf(c), c.type()))
        .toList();
    return new ValuesTable(refs, rows, alias);
  }

  private static <T> Expr<?> bind(Expr<T> column, Object value) {
    if (value instanceof Expression<?> expression) {
      return expression.expr();
    }
    var javaType = column.type().javaType();
    if (value != null && !javaType.isInstance(value)) {
      throw new IllegalArgumentException("column " + OutputNames.nameOf(column) + " takes " + javaType.getSimpleName()
          + ", not " + value.getClass().getSimpleName());
    }
    return Param.of(column.type(), javaType.cast(value));
  }
}
