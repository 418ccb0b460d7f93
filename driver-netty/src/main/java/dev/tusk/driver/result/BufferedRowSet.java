package dev.tusk.driver.result;

import dev.tusk.driver.ColumnDescriptor;
import dev.tusk.driver.PgException;
import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import java.util.AbstractList;
import java.util.List;

/** A complete, immutable result held in one byte array (see {@link RowSetBuilder}). */
final class BufferedRowSet extends AbstractList<Row> implements RowSet {
  private final RowLayout layout;
  private final byte[] data;
  private final int[] cells;
  private final int rowCount;
  private final String commandTag;

  BufferedRowSet(RowLayout layout, byte[] data, int[] cells, int rowCount, String commandTag) {
    this.layout = layout;
    this.data = data;
    this.cells = cells;
    this.rowCount = rowCount;
    this.commandTag = commandTag;
  }

  @Override
  public Row get(int index) {
    if (index < 0 || index >= rowCount) {
      throw new IndexOutOfBoundsException("row " + index + " of " + rowCount);
    }
    return new BufferedRow(layout, data, cells, index * layout.size());
  }

  @Override
  public int size() {
    return rowCount;
  }

  @Override
  public List<ColumnDescriptor> columns() {
    return layout.columns();
  }

  @Override
  public String commandTag() {
    return commandTag;
  }

  @Override
  public long rowsAffected() {
    return CommandTags.rowsAffected(commandTag);
  }

  @Override
  public Row one() {
    if (rowCount != 1) {
      throw new PgException(rowCount == 0 ? "02000" : "21000",
          "expected exactly one row, got " + rowCount + " (" + commandTag + ")");
    }
    return get(0);
  }

  @Override
  public Row firstOrNull() {
    return rowCount == 0 ? null : get(0);
  }

  @Override
  public String toString() {
    return "RowSet[" + commandTag + ", " + rowCount + " rows]";
  }
}
