package dev.tusk.driver.result;

import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.types.Binary;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the DataRows of one result. Each row's bytes are copied from the receive buffer into
 * pages of up to {@value #PAGE_BYTES} bytes, with one int per cell pointing at its length prefix:
 * a row costs its own bytes and a few ints, not an object per value. Pages never grow past their
 * size, so a large result is never copied again to make room and never needs one huge array; a
 * one-row result takes arrays of exactly its size. Decoding happens later, on access.
 *
 * <p>A builder serves result after result: {@link #build} hands its arrays over to the result and
 * is left empty, and {@link #restart} begins the next result.
 */
public final class RowSetBuilder {
  static final int PAGE_BYTES = 32 * 1024;
  private static final byte[] NO_DATA = new byte[0];
  private static final int[] NO_CELLS = new int[0];

  private RowLayout layout;
  private List<RowPage> sealed;
  private byte[] data = NO_DATA;
  private int dataLength;
  private int[] cells = NO_CELLS;
  private int pageFirstRow;
  private int pageRows;

  public RowSetBuilder(RowLayout layout) {
    this.layout = layout;
  }

  /**
   * Starts a new result of {@code newLayout}, dropping whatever was collected and not built (the
   * rows of a statement that failed half way), so that nothing keeps those pages alive.
   */
  public void restart(RowLayout newLayout) {
    layout = newLayout;
    sealed = null;
    data = NO_DATA;
    dataLength = 0;
    cells = NO_CELLS;
    pageFirstRow = 0;
    pageRows = 0;
  }

  public RowLayout layout() {
    return layout;
  }

  public int rowCount() {
    return pageFirstRow + pageRows;
  }

  /**
   * Copies one DataRow out of the receive buffer. The buffer is only borrowed: nothing refers to it
   * when this returns.
   *
   * @param bodyIndex where the DataRow body (the int16 column count) starts
   * @param bodyLength the body's length, from the frame header
   * @throws ProtocolViolation when the row does not match the RowDescription or its own lengths
   */
  public void addRow(ByteBuf in, int bodyIndex, int bodyLength) {
    int columns = layout.size();
    if (bodyLength < 2 || in.getUnsignedShort(bodyIndex) != columns) {
      throw new ProtocolViolation("DataRow does not have the " + columns + " columns its RowDescription announced");
    }
    int payload = bodyLength - 2;
    makeRoom(payload, columns);
    int start = dataLength;
    int end = start + payload;
    in.getBytes(bodyIndex + 2, data, start, payload);
    int firstCell = pageRows * columns;
    int position = start;
    for (int column = 0; column < columns; column++) {
      if (position + 4 > end) {
        throw new ProtocolViolation("DataRow ends inside its column " + column);
      }
      int length = Binary.readInt(data, position);
      cells[firstCell + column] = position;
      if (length == -1) {
        position += 4;
      } else if (length < 0 || length > end - position - 4) {
        throw new ProtocolViolation("DataRow column " + column + " declares length " + length);
      } else {
        position += 4 + length;
      }
    }
    if (position != end) {
      throw new ProtocolViolation("DataRow has " + (end - position) + " bytes after its last column");
    }
    dataLength = end;
    pageRows++;
  }

  /**
   * Makes room in the current page for a row: grows it (doubling, up to a page) while it is small,
   * else seals it and opens a new page. The first row gets arrays of exactly its size.
   */
  private void makeRoom(int payload, int columns) {
    int neededCells = (pageRows + 1) * columns;
    if (dataLength + payload <= data.length && neededCells <= cells.length) {
      return;
    }
    int cellsPerPage = cells.length;
    if (pageRows > 0 && (data.length >= PAGE_BYTES || dataLength + payload > PAGE_BYTES)) {
      seal();
      neededCells = columns;
    }
    if (dataLength + payload > data.length) {
      // a first page starts exact (most results are small); later pages start full size
      int grown = sealed != null ? PAGE_BYTES : pageRows == 0 ? payload : Math.min(PAGE_BYTES, Math.max(data.length * 2, 256));
      data = Arrays.copyOf(data, Math.max(dataLength + payload, grown));
    }
    if (neededCells > cells.length) {
      int grown = sealed != null && pageRows == 0 ? cellsPerPage : pageRows == 0 ? columns : Math.max(cells.length * 2, 16);
      cells = Arrays.copyOf(cells, Math.max(neededCells, grown));
    }
  }

  private void seal() {
    if (sealed == null) {
      sealed = new ArrayList<>();
    }
    sealed.add(new RowPage(data, cells, pageFirstRow, pageRows));
    pageFirstRow += pageRows;
    pageRows = 0;
    data = NO_DATA;
    dataLength = 0;
    cells = NO_CELLS;
  }

  /** {@return one row copied out of the receive buffer, owning its bytes, for streaming} */
  public static Row detachedRow(RowLayout layout, ByteBuf in, int bodyIndex, int bodyLength) {
    var builder = new RowSetBuilder(layout);
    builder.addRow(in, bodyIndex, bodyLength);
    return new BufferedRow(layout, builder.data, builder.cells, 0);
  }

  /**
   * {@return the finished result} It takes the rows: the builder is left empty, with no columns,
   * until {@link #restart} begins the next result.
   */
  public RowSet build(String commandTag) {
    RowSet result;
    if (sealed == null) {
      result = new BufferedRowSet(layout, data, cells, pageRows, commandTag);
    } else {
      sealed.add(new RowPage(data, cells, pageFirstRow, pageRows));
      result = new BufferedRowSet(layout, sealed.toArray(RowPage[]::new), pageFirstRow + pageRows, commandTag);
    }
    restart(RowLayout.EMPTY);
    return result;
  }
}
