package dev.tusk.sql.ast;

import java.util.Objects;

/** A piece of a {@link TextStatement}: SQL written by hand, or a named parameter in it. */
public sealed interface TextPart {
  /**
   * SQL text, written as is.
   *
   * @param sql the text
   */
  record Sql(String sql) implements TextPart {
    public Sql {
      Objects.requireNonNull(sql, "sql");
    }
  }

  /**
   * One occurrence of {@code :name}; each occurrence is its own {@code $n}.
   *
   * @param name the parameter's name
   * @param value the bound value, or null while unbound
   */
  record Named(String name, Expr<?> value) implements TextPart {
    public Named {
      Objects.requireNonNull(name, "name");
    }
  }
}
