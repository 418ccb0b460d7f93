package dev.tusk.sql.ast;

import java.util.Objects;

/**
 * A subquery in FROM: {@code [LATERAL] (SELECT ...) AS alias}. Its columns are typed through
 * {@link #get}.
 *
 * @param query the subquery
 * @param alias its name, required by PostgreSQL before version 16 and always given here
 * @param isLateral whether it may refer to FROM items to its left
 */
public record DerivedTable(Query query, String alias, boolean isLateral) implements FromItem {
  public DerivedTable {
    Objects.requireNonNull(query, "query");
    Names.requireIdentifier(alias, "alias");
  }

  /** {@return this subquery as LATERAL} */
  public DerivedTable lateral() {
    return new DerivedTable(query, alias, true);
  }

  /**
   * {@return the subquery's output column that {@code column} produced}, typed as it: {@code
   * sub.get(USERS.id)} is {@code sub.id}, {@code sub.get(count)} for a label {@code count} is
   * {@code sub.count}
   *
   * @throws IllegalArgumentException when the subquery has no output of that name
   */
  public <T> ColumnRef<T> get(Expression<T> column) {
    return OutputNames.columnOf(alias, query, column);
  }
}
