package dev.tusk.driver;

import java.util.List;

/**
 * The complete result of one statement: its rows (as an unmodifiable list), its columns and its
 * command tag. Rows were copied out of the network buffers before the future completed.
 */
public interface RowSet extends List<Row> {
  /** {@return the columns, empty for statements that return no rows} */
  List<ColumnDescriptor> columns();

  /** {@return the command tag, for example {@code SELECT 2}, {@code INSERT 0 1} or {@code UPDATE 5}} */
  String commandTag();

  /**
   * {@return the number of rows the statement affected or returned}: the count at the end of the
   * command tag (INSERT, UPDATE, DELETE, MERGE, SELECT, COPY, FETCH, MOVE), or 0 when it has none
   */
  long rowsAffected();

  /**
   * {@return the only row}
   *
   * @throws PgException (21000 / 02000) when there is more than one row, or none
   */
  Row one();

  /** {@return the first row, or {@code null} when there is none} */
  Row firstOrNull();
}
