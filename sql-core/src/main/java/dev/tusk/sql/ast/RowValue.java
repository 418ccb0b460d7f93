package dev.tusk.sql.ast;

import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.List;

/**
 * A row constructor {@code (a, b, ...)}, compared as a whole: {@code (a, b) = (x, y)}, {@code (a,
 * b) > (x, y)} for keyset pagination.
 *
 * @param items two or more expressions
 */
public record RowValue(List<Expr<?>> items) implements Expr<Object> {
  public RowValue {
    items = List.copyOf(items);
    if (items.size() < 2) {
      throw new IllegalArgumentException("a row value needs two or more items");
    }
  }

  @Override
  public SqlType<Object> type() {
    return PgTypes.UNKNOWN;
  }
}
