package dev.tusk.driver.protocol;

import java.util.concurrent.Flow;

/** A cold, single-subscriber publisher of a {@code COPY … TO STDOUT}'s data, chunk by chunk. */
final class CopyOutPublisher implements Flow.Publisher<byte[]> {
  private final ChannelConnection connection;
  private final String sql;
  private final SingleSubscriber subscribers = new SingleSubscriber("a COPY TO STDOUT runs once, for a single subscriber");

  CopyOutPublisher(ChannelConnection connection, String sql) {
    this.connection = connection;
    this.sql = sql;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
    if (!subscribers.admit(subscriber)) {
      return;
    }
    var flowHolder = new CopyOutFlow[1];
    Delivery<byte[]> delivery = new Delivery<>(subscriber, CopyOutFlow.PREFETCH_CHUNKS, connection::resumeReading, () -> {
      if (flowHolder[0] != null) {
        flowHolder[0].future().cancel(true);
      }
      connection.resumeReading();
    });
    var flow = new CopyOutFlow(sql, delivery);
    flowHolder[0] = flow;
    flow.future().whenComplete((rows, failure) -> {
      if (failure != null) {
        delivery.fail(failure);
      } else {
        delivery.complete();
      }
    });
    connection.run(flow, null);
  }
}
