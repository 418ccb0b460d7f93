package dev.tusk.driver.result;

import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.types.Binary;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Collects the DataRows of one result. Each row's bytes are copied from the receive buffer into one
 * growing array shared by all rows of the result, with one int per cell pointing at its length
 * prefix: a row costs its own bytes and a few ints, not an object per value. Decoding happens
 * later, on access.
 */
public final class RowSetBuilder {
  private static final byte[] NO_DATA = new byte[0];
  private static final int[] NO_CELLS = new int[0];

  private final RowLayout layout;
  private byte[] data = NO_DATA;
  private int dataLength;
  private int[] cells = NO_CELLS;
  private int rowCount;

  public RowSetBuilder(RowLayout layout) {
    this.layout = layout;
  }

  public RowLayout layout() {
    return layout;
  }

  public int rowCount() {
    return rowCount;
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
    int start = dataLength;
    int end = start + payload;
    if (end > data.length) {
      data = Arrays.copyOf(data, Math.max(end, Math.max(128, data.length * 2)));
    }
    in.getBytes(bodyIndex + 2, data, start, payload);
    int firstCell = rowCount * columns;
    if (firstCell + columns > cells.length) {
      cells = Arrays.copyOf(cells, Math.max(firstCell + columns, Math.max(16, cells.length * 2)));
    }
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
    rowCount++;
  }

  /** {@return one row copied out of the receive buffer, owning its bytes, for streaming} */
  public static Row detachedRow(RowLayout layout, ByteBuf in, int bodyIndex, int bodyLength) {
    var builder = new RowSetBuilder(layout);
    builder.data = new byte[Math.max(0, bodyLength - 2)];
    builder.cells = new int[layout.size()];
    builder.addRow(in, bodyIndex, bodyLength);
    return new BufferedRow(layout, builder.data, builder.cells, 0);
  }

  /** {@return the finished result; the builder must not be used afterwards} */
  public RowSet build(String commandTag) {
    return new BufferedRowSet(layout, data, cells, rowCount, commandTag);
  }
}
