package dev.tusk.sql;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The complete result of one statement: its rows (for SELECT and RETURNING) and how many rows it
 * affected.
 */
public interface Result extends Iterable<SqlRow> {
  /** {@return the rows, in order} */
  List<SqlRow> rows();

  default int size() {
    return rows().size();
  }

  default Stream<SqlRow> stream() {
    return rows().stream();
  }

  /** {@return the rows affected or returned, from the command tag} */
  long rowsAffected();

  /** {@return the command tag, for example {@code INSERT 0 3}} */
  String commandTag();

  /**
   * {@return the only row}
   *
   * @throws dev.tusk.driver.PgException when there is no row or more than one
   */
  SqlRow one();

  /** {@return the first row, if any} */
  Optional<SqlRow> first();

  /** {@return the first column of the only row}, typed as the statement's first result column */
  <T> T scalar();

  /** {@return every row mapped to a record} (see {@link SqlRow#into}) */
  <R extends Record> List<R> into(Class<R> recordType);
}
