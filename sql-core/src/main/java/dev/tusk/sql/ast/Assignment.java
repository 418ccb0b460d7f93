package dev.tusk.sql.ast;

import java.util.Objects;

/**
 * {@code column = value} in UPDATE SET or ON CONFLICT DO UPDATE SET.
 *
 * @param column the column assigned, written unqualified as PostgreSQL requires
 * @param value the new value
 */
public record Assignment(ColumnRef<?> column, Expr<?> value) {
  public Assignment {
    column = Objects.requireNonNull(column, "column").unqualified();
    Objects.requireNonNull(value, "value");
  }

  static ColumnRef<?> column(Expression<?> column) {
    if (column.expr() instanceof ColumnRef<?> ref) {
      return ref;
    }
    throw new IllegalArgumentException("only a column can be assigned, not " + column.expr());
  }
}
