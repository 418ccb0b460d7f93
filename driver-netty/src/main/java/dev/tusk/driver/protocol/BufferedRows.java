package dev.tusk.driver.protocol;

import dev.tusk.driver.RowSet;
import dev.tusk.driver.result.RowLayout;
import dev.tusk.driver.result.RowSetBuilder;
import io.netty.buffer.ByteBuf;

/**
 * Keeps every row, copied out of the receive buffer, for a complete {@link RowSet}.
 *
 * <p>One per connection, shared by its statements: responses arrive one statement at a time, in
 * order, so the event loop is never building two results at once, and one builder serves them all
 * (a statement begins before its first row and ends, or fails, before the next one begins). Only
 * each result's own arrays are new.
 */
final class BufferedRows implements RowSink {
  private final RowSetBuilder rows = new RowSetBuilder(RowLayout.EMPTY);

  @Override
  public void begin(RowLayout layout) {
    rows.restart(layout);
  }

  @Override
  public void row(ByteBuf in, int bodyIndex, int bodyLength) {
    rows.addRow(in, bodyIndex, bodyLength);
  }

  @Override
  public RowSet end(String commandTag) {
    return rows.build(commandTag);
  }

  @Override
  public void discard() {
    rows.restart(RowLayout.EMPTY);
  }
}
