package dev.tusk.driver.protocol;

import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.RowStream;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A cold, single-subscriber {@link RowStream}: subscribing submits the statement with a
 * {@link StreamingRows} sink; the statement's own completion (its ReadyForQuery) ends the stream.
 */
final class RowStreamPublisher implements RowStream {
  /** Rows buffered between the connection and a subscriber that has not asked for them yet. */
  static final int PREFETCH = 512;

  private final ChannelConnection connection;
  private final Supplier<Parameters> parameters;
  private final String sql;
  private final SingleSubscriber subscribers = new SingleSubscriber("a RowStream runs its query once, for a single subscriber");

  RowStreamPublisher(ChannelConnection connection, String sql, Supplier<Parameters> parameters) {
    this.connection = connection;
    this.sql = sql;
    this.parameters = parameters;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super Row> subscriber) {
    if (!subscribers.admit(subscriber)) {
      return;
    }
    var flowHolder = new ExtendedQueryFlow<?>[1];
    Delivery<Row> delivery = new Delivery<>(subscriber, PREFETCH,
        connection::resumeReading,
        () -> {
          if (flowHolder[0] != null) {
            flowHolder[0].future().cancel(true);
          }
          connection.resumeReading();
        });
    Parameters bound;
    try {
      bound = parameters.get();
    } catch (RuntimeException e) {
      delivery.fail(e);
      return;
    }
    var flow = new ExtendedQueryFlow<>(sql, bound, new StreamingRows(delivery), Function.<RowSet>identity());
    flowHolder[0] = flow;
    flow.future().whenComplete((result, failure) -> {
      if (failure != null) {
        delivery.fail(failure);
      } else {
        delivery.complete();
      }
    });
    connection.run(flow, null);
    if (delivery.isCancelled()) {
      flow.future().cancel(true);
    }
  }

  @Override
  public Stream<Row> stream() {
    var iterator = new BlockingSubscriber<Row>();
    subscribe(iterator);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(iterator::close);
  }
}
