package dev.tusk.sql.ast;

import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;

/**
 * {@code *} or {@code t.*}: the argument of {@code count(*)}, or all columns of a relation.
 *
 * @param qualifier the relation, or null for all of them
 */
public record Star(TableName qualifier) implements Expr<Object> {
  @Override
  public SqlType<Object> type() {
    return PgTypes.UNKNOWN;
  }
}
