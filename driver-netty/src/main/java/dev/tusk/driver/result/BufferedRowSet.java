package dev.tusk.driver.result;

import dev.tusk.driver.ColumnDescriptor;
import dev.tusk.driver.PgException;
import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A complete, immutable result held in pages of row bytes (see {@link RowSetBuilder}). */
final class BufferedRowSet extends AbstractList<Row> implements RowSet {
  private final RowLayout layout;
  /**
   * The rows of a one-page result, the common case, held here rather than in a {@link RowPage} of
   * their own; null when the result has {@link #pages}.
   */
  private final byte[] data;
  private final int[] cells;
  /** Every page, when there is more than one; else null. */
  private final RowPage[] pages;
  private final int rowCount;
  private final String commandTag;

  /** A result of one page: {@code rowCount} rows in {@code data}, their cells in {@code cells}. */
  BufferedRowSet(RowLayout layout, byte[] data, int[] cells, int rowCount, String commandTag) {
    this(layout, data, cells, null, rowCount, commandTag);
  }

  BufferedRowSet(RowLayout layout, RowPage[] pages, int rowCount, String commandTag) {
    this(layout, null, null, pages, rowCount, commandTag);
  }

  private BufferedRowSet(RowLayout layout, byte[] data, int[] cells, RowPage[] pages, int rowCount, String commandTag) {
    this.layout = layout;
    this.data = data;
    this.cells = cells;
    this.pages = pages;
    this.rowCount = rowCount;
    this.commandTag = commandTag;
  }

  @Override
  public Row get(int index) {
    if (index < 0 || index >= rowCount) {
      throw new IndexOutOfBoundsException("row " + index + " of " + rowCount);
    }
    if (pages == null) {
      return row(data, cells, index);
    }
    RowPage page = pages[pageOf(index)];
    return row(page.data(), page.cells(), index - page.firstRow());
  }

  private Row row(byte[] pageData, int[] pageCells, int rowInPage) {
    return new BufferedRow(layout, pageData, pageCells, rowInPage * layout.size());
  }

  private int pageOf(int index) {
    int low = 0;
    int high = pages.length - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (pages[middle].firstRow() <= index) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  /** Goes by index through one page; walks several in order, without a search per row. */
  @Override
  public Iterator<Row> iterator() {
    if (pages == null) {
      return super.iterator();
    }
    return new Iterator<>() {
      private int page;
      private int rowInPage;

      @Override
      public boolean hasNext() {
        while (page < pages.length && rowInPage >= pages[page].rowCount()) {
          page++;
          rowInPage = 0;
        }
        return page < pages.length;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return row(pages[page].data(), pages[page].cells(), rowInPage++);
      }
    };
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
