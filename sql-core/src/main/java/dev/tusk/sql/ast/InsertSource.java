package dev.tusk.sql.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Where the rows of an INSERT come from. */
public sealed interface InsertSource {
  /**
   * {@code VALUES (...), (...)}: one list of expressions per row. The number of rows is part of the
   * shape; for bulk loads of varying size bind arrays instead.
   *
   * @param rows the rows
   */
  record Values(List<List<Expr<?>>> rows) implements InsertSource {
    public Values {
      var copy = new ArrayList<List<Expr<?>>>(rows.size());
      rows.forEach(row -> copy.add(List.copyOf(row)));
      rows = List.copyOf(copy);
    }
  }

  /**
   * {@code INSERT ... SELECT ...}.
   *
   * @param query the query whose rows are inserted
   */
  record FromQuery(Query query) implements InsertSource {
    public FromQuery {
      Objects.requireNonNull(query, "query");
    }
  }

  /** {@code DEFAULT VALUES}: one row of defaults. */
  record DefaultValues() implements InsertSource {}
}
