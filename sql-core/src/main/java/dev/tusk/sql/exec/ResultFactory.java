package dev.tusk.sql.exec;

import dev.tusk.driver.RowSet;
import dev.tusk.sql.Result;

/** Wraps a driver result for the query layer (for callers outside this package). */
public final class ResultFactory {
  private ResultFactory() {}

  public static Result of(RowSet rows, StatementBinder.Bound bound) {
    return new RowResult(rows, bound.compiled());
  }
}
