package dev.tusk.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * A common table expression: {@code name [(columns)] AS [NOT] [MATERIALIZED] (body)}. Its body may
 * be a query or an INSERT, UPDATE or DELETE with RETURNING (a data-modifying CTE). A statement lists
 * its CTEs with {@code with(...)}; FROM refers to one through {@link #fromItem()}.
 *
 * <p>A recursive CTE is declared first with its columns, so its body can refer to it, and then
 * completed with {@link #as(Statement)}.
 *
 * @param name the CTE's name
 * @param columns the declared column names, or empty to take the body's
 * @param body the body, null only while a recursive CTE is being declared
 * @param materialization the materialization hint
 * @param recursive whether the statement needs {@code WITH RECURSIVE}
 */
public record Cte(String name, List<String> columns, Statement body, Materialization materialization,
                  boolean recursive) implements FromSource {
  public Cte {
    Names.requireIdentifier(name, "CTE name");
    columns = List.copyOf(columns);
    Objects.requireNonNull(materialization, "materialization");
  }

  /** {@return this CTE with its body} */
  public Cte as(Statement newBody) {
    return new Cte(name, columns, Objects.requireNonNull(newBody, "body"), materialization, recursive);
  }

  /** {@return this CTE with {@code MATERIALIZED}} */
  public Cte materialized() {
    return new Cte(name, columns, body, Materialization.MATERIALIZED, recursive);
  }

  /** {@return this CTE with {@code NOT MATERIALIZED}} */
  public Cte notMaterialized() {
    return new Cte(name, columns, body, Materialization.NOT_MATERIALIZED, recursive);
  }

  /** {@return a reference to this CTE under another name, for self-joins} */
  public CteRef alias(String alias) {
    return new CteRef(name, alias);
  }

  @Override
  public CteRef fromItem() {
    return new CteRef(name, null);
  }

  /**
   * {@return the CTE's column that {@code column} produced, typed as it}
   *
   * @throws IllegalArgumentException when the CTE has no column of that name
   */
  public <T> ColumnRef<T> get(Expression<T> column) {
    if (!columns.isEmpty()) {
      String name = OutputNames.nameOf(column.expr());
      if (!columns.contains(name)) {
        throw new IllegalArgumentException("CTE " + this.name + " has no column " + name + "; its columns are "
            + columns);
      }
      return new ColumnRef<>(TableName.of(this.name), name, column.type());
    }
    if (body == null) {
      throw new IllegalStateException("CTE " + name + " has neither columns nor a body yet");
    }
    return OutputNames.columnOf(name, body, column);
  }

  /** The materialization hints of PostgreSQL 12 and later. */
  public enum Materialization {
    DEFAULT, MATERIALIZED, NOT_MATERIALIZED
  }
}
