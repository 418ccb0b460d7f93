package dev.tusk.driver.protocol;

import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.result.RowLayout;
import dev.tusk.driver.result.RowSetBuilder;
import io.netty.buffer.ByteBuf;

/** Passes each row, copied out of the receive buffer, to a subscriber's {@link Delivery}. */
final class StreamingRows implements RowSink {
  private final Delivery<Row> delivery;
  private RowLayout layout;

  StreamingRows(Delivery<Row> delivery) {
    this.delivery = delivery;
  }

  @Override
  public void begin(RowLayout rowLayout) {
    layout = rowLayout;
  }

  @Override
  public void row(ByteBuf in, int bodyIndex, int bodyLength) {
    if (!delivery.isCancelled()) {
      delivery.offer(RowSetBuilder.detachedRow(layout, in, bodyIndex, bodyLength));
    }
  }

  @Override
  public void flush() {
    delivery.flush();
  }

  @Override
  public boolean ready() {
    return delivery.hasRoom();
  }

  @Override
  public RowSet end(String commandTag) {
    delivery.flush();
    return new RowSetBuilder(layout != null ? layout : RowLayout.EMPTY).build(commandTag);
  }
}
