package dev.tusk.sql.ast;

import java.util.List;
import java.util.Objects;

/** What an {@code ON CONFLICT} clause watches. */
public sealed interface ConflictTarget {
  /**
   * {@code (a, b) [WHERE predicate]}: the unique index on these columns or expressions, with the
   * predicate of a partial index.
   *
   * @param elements columns or index expressions
   * @param where the partial index's predicate, or null
   */
  record Columns(List<Expr<?>> elements, Expr<Boolean> where) implements ConflictTarget {
    public Columns {
      elements = elements.stream().<Expr<?>>map(ColumnRef::unqualifiedIfColumn).toList();
      if (elements.isEmpty()) {
        throw new IllegalArgumentException("ON CONFLICT (...) needs at least one column");
      }
    }
  }

  /**
   * {@code ON CONSTRAINT name}.
   *
   * @param name the constraint's name
   */
  record Constraint(String name) implements ConflictTarget {
    public Constraint {
      Objects.requireNonNull(name, "name");
    }
  }
}
