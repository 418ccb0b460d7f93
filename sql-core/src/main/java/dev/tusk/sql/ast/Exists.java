package dev.tusk.sql.ast;

import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * {@code EXISTS (query)}; negate it with NOT.
 *
 * @param query the subquery
 */
public record Exists(Query query) implements Expr<Boolean> {
  public Exists {
    Objects.requireNonNull(query, "query");
  }

  @Override
  public SqlType<Boolean> type() {
    return PgTypes.BOOLEAN;
  }
}
