package dev.tusk.sql.ast;

import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * {@code left op ANY (array)} or {@code left op ALL (array)}. This is how IN lists are bound: one
 * array parameter, whatever the list's length.
 *
 * @param left the value compared
 * @param op a comparison operator
 * @param quantifier ANY or ALL
 * @param array an array-valued expression, usually a {@link Param}
 */
public record Quantified(Expr<?> left, BinaryOp op, Quantifier quantifier, Expr<?> array)
    implements Expr<Boolean> {
  public Quantified {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(quantifier, "quantifier");
    Objects.requireNonNull(array, "array");
  }

  @Override
  public SqlType<Boolean> type() {
    return PgTypes.BOOLEAN;
  }
}
