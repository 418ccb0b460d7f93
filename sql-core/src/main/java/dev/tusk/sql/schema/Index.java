package dev.tusk.sql.schema;

import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.ast.Junction;
import dev.tusk.sql.ast.BinaryOp;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code CREATE [UNIQUE] INDEX name ON table [USING method] (elements) [WHERE predicate]}. Builder
 * methods return new values:
 * <pre>{@code
 * Index.on(USERS.email).unique()                                   // unique
 * Index.on(USERS.name.cast(TEXT)).named("users_lower_name_idx")    // expression
 * Index.on(KERNELS.statusData).using("gin")                        // GIN
 * Index.on(JOBS.createdAt).where(JOBS.done.eq(false))              // partial
 * }</pre>
 *
 * @param name the name; null lets Tusk derive {@code <table>_<columns>_idx}, which CREATE INDEX IF
 *     NOT EXISTS needs
 * @param elements the indexed columns and expressions
 * @param isUnique whether the index is unique
 * @param method the access method ({@code btree}, {@code gin}, {@code gist}...), or null for the default
 * @param where the predicate of a partial index, or null
 */
public record Index(String name, List<Element> elements, boolean isUnique, String method, Expr<Boolean> where) {
  public Index {
    elements = List.copyOf(elements);
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("an index needs at least one element");
    }
  }

  /** {@return an index on these columns or expressions} */
  public static Index on(Expression<?>... expressions) {
    return new Index(null, Arrays.stream(expressions).map(e -> new Element(e.expr(), null)).toList(), false, null,
        null);
  }

  /** {@return an index on these elements, for operator classes} */
  public static Index on(Element... elements) {
    return new Index(null, Arrays.asList(elements), false, null, null);
  }

  /** {@return this index named} */
  public Index named(String newName) {
    return new Index(newName, elements, isUnique, method, where);
  }

  /** {@return this index as UNIQUE} */
  public Index unique() {
    return new Index(name, elements, true, method, where);
  }

  /** {@return this index with {@code USING method}, e.g. {@code gin} or {@code gist}} */
  public Index using(String accessMethod) {
    return new Index(name, elements, isUnique, accessMethod, where);
  }

  /** {@return this index as a partial index over the rows where {@code predicate} holds} */
  public Index where(Expression<Boolean> predicate) {
    var combined = where == null ? predicate.expr() : Junction.of(BinaryOp.AND, List.of(where, predicate.expr()));
    return new Index(name, elements, isUnique, method, combined);
  }

  /**
   * One indexed column or expression, with an optional operator class such as {@code
   * jsonb_path_ops}.
   *
   * @param expression a column or an expression over the table's columns
   * @param operatorClass the operator class, or null
   */
  public record Element(Expr<?> expression, String operatorClass) {
    public Element {
      Objects.requireNonNull(expression, "expression");
    }

    /** {@return an element with an operator class} */
    public static Element of(Expression<?> expression, String operatorClass) {
      return new Element(expression.expr(), operatorClass);
    }
  }
}
