package dev.tusk.driver.protocol;

import dev.tusk.driver.RowSet;
import dev.tusk.driver.result.RowLayout;
import dev.tusk.driver.result.RowSetBuilder;
import io.netty.buffer.ByteBuf;

/** Keeps every row, copied out of the receive buffer, for a complete {@link RowSet}. */
final class BufferedRows implements RowSink {
  private RowSetBuilder rows;

  @Override
  public void begin(RowLayout layout) {
    rows = new RowSetBuilder(layout);
  }

  @Override
  public void row(ByteBuf in, int bodyIndex, int bodyLength) {
    rows.addRow(in, bodyIndex, bodyLength);
  }

  @Override
  public RowSet end(String commandTag) {
    return (rows != null ? rows : new RowSetBuilder(RowLayout.EMPTY)).build(commandTag);
  }
}
