package dev.tusk.driver.protocol;

import dev.tusk.driver.RowSet;
import dev.tusk.driver.result.RowLayout;
import io.netty.buffer.ByteBuf;

/**
 * Where a statement's rows go: into a buffered {@link RowSet}, or one by one to a subscriber.
 * Called on the event loop.
 */
interface RowSink {
  /** The statement's columns are known (before its first row). */
  void begin(RowLayout layout);

  /** One DataRow, borrowed from the receive buffer for the duration of the call. */
  void row(ByteBuf in, int bodyIndex, int bodyLength);

  /**
   * {@return whether the sink can take another row now}; when it cannot, the connection stops
   * reading from the socket until the sink asks it to resume
   */
  default boolean ready() {
    return true;
  }

  /** Everything received in one socket read has been handed over; a streaming sink delivers it now. */
  default void flush() {
  }

  /** The statement failed: the rows kept so far will never be part of a result. */
  default void discard() {
  }

  /** The statement completed; {@return its result, with whatever rows the sink kept} */
  RowSet end(String commandTag);
}
