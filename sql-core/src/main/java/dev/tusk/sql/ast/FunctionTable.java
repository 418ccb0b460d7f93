package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.List;
import java.util.Objects;

/**
 * A set-returning function in FROM: {@code [LATERAL] f(args) [WITH ORDINALITY] AS alias [(c1,
 * ...)]}, such as {@code jsonb_array_elements(doc) AS e} or {@code generate_series($1, $2) AS g (n)}.
 *
 * @param function the call
 * @param alias its name
 * @param columns the names of its columns, or empty to keep the function's own
 * @param hasOrdinality whether a row number column is appended
 * @param isLateral whether it may refer to FROM items to its left
 */
public record FunctionTable(FunctionCall<?> function, String alias, List<String> columns, boolean hasOrdinality,
                            boolean isLateral) implements FromItem {
  public FunctionTable {
    Objects.requireNonNull(function, "function");
    Names.requireIdentifier(alias, "alias");
    columns = List.copyOf(columns);
    columns.forEach(name -> Names.requireIdentifier(name, "column name"));
  }

  /** {@return this function as LATERAL} */
  public FunctionTable lateral() {
    return new FunctionTable(function, alias, columns, hasOrdinality, true);
  }

  /** {@return this function WITH ORDINALITY} */
  public FunctionTable withOrdinality() {
    return new FunctionTable(function, alias, columns, true, isLateral);
  }

  /** {@return the column {@code alias.name}, typed as {@code type}} */
  public <T> ColumnRef<T> column(String name, SqlType<T> type) {
    return new ColumnRef<>(TableName.of(alias), name, type);
  }
}
