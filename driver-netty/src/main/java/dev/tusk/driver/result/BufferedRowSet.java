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
  /** The first page; for most results the only one (then no array is made for one element). */
  private final RowPage first;
  /** Every page, {@link #first} included, when there is more than one; else null. */
  private final RowPage[] pages;
  private final int rowCount;
  private final String commandTag;

  BufferedRowSet(RowLayout layout, RowPage only, String commandTag) {
    this(layout, only, null, only.rowCount(), commandTag);
  }

  BufferedRowSet(RowLayout layout, RowPage[] pages, int rowCount, String commandTag) {
    this(layout, pages[0], pages, rowCount, commandTag);
  }

  private BufferedRowSet(RowLayout layout, RowPage first, RowPage[] pages, int rowCount, String commandTag) {
    this.layout = layout;
    this.first = first;
    this.pages = pages;
    this.rowCount = rowCount;
    this.commandTag = commandTag;
  }

  @Override
  public Row get(int index) {
    if (index < 0 || index >= rowCount) {
      throw new IndexOutOfBoundsException("row " + index + " of " + rowCount);
    }
    RowPage page = pages == null ? first : pages[pageOf(index)];
    return row(page, index - page.firstRow());
  }

  private Row row(RowPage page, int rowInPage) {
    return new BufferedRow(layout, page.data(), page.cells(), rowInPage * layout.size());
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

  /** Walks the pages in order, without a search per row. */
  @Override
  public Iterator<Row> iterator() {
    return new Iterator<>() {
      private int page;
      private int rowInPage;

      @Override
      public boolean hasNext() {
        while (page < pageCount() && rowInPage >= page(page).rowCount()) {
          page++;
          rowInPage = 0;
        }
        return page < pageCount();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return row(page(page), rowInPage++);
      }
    };
  }

  private int pageCount() {
    return pages == null ? 1 : pages.length;
  }

  private RowPage page(int index) {
    return pages == null ? first : pages[index];
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
