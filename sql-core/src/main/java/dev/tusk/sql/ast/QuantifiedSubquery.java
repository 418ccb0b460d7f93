package dev.tusk.sql.ast;

import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * {@code left op ANY (SELECT ...)} or {@code left op ALL (SELECT ...)}: a comparison with every row
 * of a subquery, which {@code = ANY} makes an {@code IN (SELECT ...)}. Kept apart from
 * {@link Quantified} because {@code ANY ((SELECT ...))} would compare with one array-valued row.
 *
 * @param left the value compared
 * @param op a comparison operator
 * @param quantifier ANY or ALL
 * @param query a one-column query
 */
public record QuantifiedSubquery(Expr<?> left, BinaryOp op, Quantifier quantifier, Query query)
    implements Expr<Boolean> {
  public QuantifiedSubquery {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(quantifier, "quantifier");
    Objects.requireNonNull(query, "query");
  }

  @Override
  public SqlType<Boolean> type() {
    return PgTypes.BOOLEAN;
  }
}
