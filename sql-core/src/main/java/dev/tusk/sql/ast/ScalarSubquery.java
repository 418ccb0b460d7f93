package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * {@code (SELECT ...)} used as a value: one row, one column.
 *
 * @param query the subquery
 * @param type the type of its column
 * @param <T> the Java type of its column
 */
public record ScalarSubquery<T>(Query query, SqlType<T> type) implements Expr<T> {
  public ScalarSubquery {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(type, "type");
  }
}
