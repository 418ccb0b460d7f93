package dev.tusk.sql.ast;

import static dev.tusk.sql.ast.ImmutableLists.exprs;

import dev.tusk.sql.compile.SqlCompiler;
import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written SQL with named parameters: {@code text("SELECT * FROM users WHERE id = :id")
 * .bind("id", 5L)}. Each {@code :name} becomes a {@code $n}. What is not a parameter is left alone:
 * {@code ::} casts, string literals ({@code '...'}, {@code E'...'}), quoted identifiers, comments
 * and dollar-quoted strings. Write {@code \:} for a colon that would otherwise start a name, as in
 * the array slice {@code a[1\:n]}. Positional {@code $1} placeholders are refused, since the
 * compiler numbers the parameters itself.
 *
 * <p>The text is part of the cache key, the bound values are not: build the text once, bind values
 * per call.
 *
 * @param parts the text cut at its parameters
 * @param columns the result columns, declared for typed access to rows, or empty
 */
public record TextStatement(List<TextPart> parts, List<Expr<?>> columns) implements Statement {
  public TextStatement {
    parts = List.copyOf(parts);
    columns = List.copyOf(columns);
  }

  /** {@return the statement for this text, its parameters unbound} */
  public static TextStatement parse(String sql) {
    return new TextStatement(TextParser.parse(sql), List.of());
  }

  /**
   * {@return this statement with every {@code :name} bound to {@code value}}, typed from the value's
   * class ({@code Long} as bigint, {@code String} as text...); an unmapped class or null is sent
   * untyped for the server to infer
   *
   * @throws IllegalArgumentException when the text has no {@code :name}
   */
  public TextStatement bind(String name, Object value) {
    return bind(name, value, PgTypes.UNKNOWN);
  }

  /** {@return this statement with every {@code :name} bound to {@code value} of {@code type}} */
  public <T> TextStatement bind(String name, T value, SqlType<T> type) {
    var bound = new ArrayList<TextPart>(parts.size());
    boolean found = false;
    for (var part : parts) {
      if (part instanceof TextPart.Named named && named.name().equals(name)) {
        bound.add(new TextPart.Named(name, Param.of(type, value)));
        found = true;
      } else {
        bound.add(part);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("the text has no parameter :" + name);
    }
    return new TextStatement(bound, columns);
  }

  /** {@return this statement declaring its result columns, for typed access to rows} */
  public TextStatement columns(Expression<?>... resultColumns) {
    return new TextStatement(parts, exprs(resultColumns));
  }

  /** {@return the SQL of this statement, with {@code $n} placeholders} */
  @Override
  public String toString() {
    boolean unbound = parts.stream().anyMatch(part -> part instanceof TextPart.Named named && named.value() == null);
    if (!unbound) {
      return SqlCompiler.render(this).sql();
    }
    var text = new StringBuilder();
    for (var part : parts) {
      switch (part) {
        case TextPart.Sql sql -> text.append(sql.sql());
        case TextPart.Named named -> text.append(':').append(named.name());
      }
    }
    return text.toString();
  }
}
