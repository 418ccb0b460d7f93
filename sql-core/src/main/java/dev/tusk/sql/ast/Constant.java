package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * A fixed SQL keyword that stands for a value: {@code NULL}, {@code TRUE}, {@code DEFAULT},
 * {@code CURRENT_TIMESTAMP}. Keywords are structure, not user values, so they are written in SQL.
 *
 * @param keyword the keyword
 * @param type its type
 * @param <T> the Java type of its value
 */
public record Constant<T>(Keyword keyword, SqlType<T> type) implements Expr<T> {
  public Constant {
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(type, "type");
  }

  /** The keywords, written as named. */
  public enum Keyword {
    NULL, TRUE, FALSE, DEFAULT, CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP
  }
}
