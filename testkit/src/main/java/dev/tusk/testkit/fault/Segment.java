package dev.tusk.testkit.fault;

/**
 * What a flow's reader hands its writer, in stream order. Every segment carries the time it was
 * read, so that latency delays the end of a stream, a cut or a failure exactly like data.
 */
sealed interface Segment {
  /** {@return the {@link System#nanoTime()} at which the reader produced this segment} */
  long readAt();

  /** Bytes to forward. The array is owned by the segment and never changed. */
  record Data(byte[] bytes, long readAt) implements Segment {}

  /** The source sent a FIN: pass it on once the bytes before it are written. */
  record End(long readAt) implements Segment {}

  /** A cut fault fired here: cut the connection once the bytes before it are written. */
  record Cut(Fault fault, CutStyle style, long readAt) implements Segment {}

  /** A peer reset or failed: reset the connection once the bytes before it are written. */
  record Failure(long readAt) implements Segment {}

  /** {@return the bytes this segment holds in a queue} */
  static int size(Segment segment) {
    return segment instanceof Data data ? data.bytes().length : 0;
  }
}
