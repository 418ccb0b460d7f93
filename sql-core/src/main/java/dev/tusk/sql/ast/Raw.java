package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * A fragment of SQL written by the programmer, such as {@code now()} or {@code '{}'::jsonb}. It is
 * part of the cache key, so a fragment built from changing data (string concatenation of user
 * input) would both open an injection hole and fill the cache: bind values with {@link Param}.
 * The compiler puts parentheses around it wherever an operator touches it.
 *
 * @param sql the SQL text
 * @param type the type of its value
 * @param <T> the Java type of its value
 */
public record Raw<T>(String sql, SqlType<T> type) implements Expr<T> {
  public Raw {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(type, "type");
  }
}
