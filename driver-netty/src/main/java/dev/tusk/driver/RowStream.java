package dev.tusk.driver;

import java.util.Iterator;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * A result read as it arrives, with backpressure: the connection reads from the socket only as
 * fast as the subscriber requests rows, so memory stays bounded whatever the result size, in or out
 * of a transaction. The query starts when the (single) subscriber subscribes; cancelling the
 * subscription cancels the query and leaves the connection usable.
 *
 * <p>Rows are delivered on a virtual thread, never on the connection's event loop: a slow consumer
 * holds up only its own connection. {@link #stream()} is the blocking facade, for virtual threads.
 */
public interface RowStream extends Flow.Publisher<Row> {
  /**
   * {@return the rows as a blocking, sequential {@link Stream}} Subscribes at once; close the stream
   * (try-with-resources) to cancel the query if it is not read to the end.
   */
  Stream<Row> stream();

  /** {@return the rows as a blocking iterator}; equivalent to {@code stream().iterator()} */
  default Iterator<Row> iterator() {
    return stream().iterator();
  }
}
