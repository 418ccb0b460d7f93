package dev.tusk.sql.ast;

import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * {@code value [NOT] BETWEEN low AND high}.
 *
 * @param value the value tested
 * @param low the lower bound, inclusive
 * @param high the upper bound, inclusive
 * @param negated whether this is NOT BETWEEN
 */
public record Between(Expr<?> value, Expr<?> low, Expr<?> high, boolean negated) implements Expr<Boolean> {
  public Between {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(high, "high");
  }

  @Override
  public SqlType<Boolean> type() {
    return PgTypes.BOOLEAN;
  }
}
