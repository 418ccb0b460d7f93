package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * A reference to a column of a table, alias, subquery or CTE. It holds names and a type only, never
 * the table object: two references render alike exactly when they are equal, which is what the
 * cache key needs, and aliases built per call cost no cache entries.
 *
 * @param qualifier the relation's name or alias, or null for a bare column name
 * @param name the column's name
 * @param type the column's type
 * @param <T> the Java type of values
 */
public record ColumnRef<T>(TableName qualifier, String name, SqlType<T> type) implements Expr<T> {
  public ColumnRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /**
   * {@return this column without its qualifier}, for places that write a bare name (INSERT column
   * lists, SET targets, conflict targets): storing the bare name there keeps one tree per SQL text
   */
  public ColumnRef<T> unqualified() {
    return qualifier == null ? this : new ColumnRef<>(null, name, type);
  }

  /** {@return an expression that is a column reference, unqualified, or any other expression unchanged} */
  static Expr<?> unqualifiedIfColumn(Expr<?> expr) {
    return expr instanceof ColumnRef<?> column ? column.unqualified() : expr;
  }

  /**
   * {@return a reference to an output column by name, for a label used as a sort or group key}:
   * {@code ORDER BY n} names the output column whatever expression the label held
   */
  static Expr<?> outputNameIfLabel(Expr<?> expr) {
    return expr instanceof Label<?> label ? new ColumnRef<>(null, label.name(), label.type()) : expr;
  }
}
