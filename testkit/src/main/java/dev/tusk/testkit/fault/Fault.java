package dev.tusk.testkit.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * A network condition a {@link FaultProxy} imposes on the connections it forwards. Faults are plain
 * values: build one with the static factories, then install it with {@link FaultProxy#set(Fault)}
 * (open and future connections) or {@link FaultProxy#setForNewConnections(Fault)}, and take it away
 * with {@link FaultProxy#remove(Fault)} or {@link FaultProxy#restore()}.
 *
 * <p>The proxy moves bytes in chunks (whatever one socket read returned) and looks at the installed
 * faults between chunks, so a change reaches an open connection at its next chunk. Faults of
 * different kinds combine (latency and a cut, say); for one kind, the fault installed last wins in
 * the directions it covers.
 */
public sealed interface Fault {

  /**
   * Delivers every chunk travelling {@code direction} {@code delay} after the proxy read it. Order
   * is kept and reading goes on meanwhile, so this adds delay without limiting throughput.
   *
   * @param direction the bytes delayed
   * @param delay how long each chunk waits
   */
  record Latency(Direction direction, Duration delay) implements Fault {
    public Latency {
      Objects.requireNonNull(direction, "direction");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative: " + delay);
      }
    }
  }

  /**
   * Forwards at most {@code bytesPerSecond} bytes per second in {@code direction}, on each connection.
   *
   * @param direction the bytes paced; {@link Direction#BOTH} limits each way separately
   * @param bytesPerSecond the limit, positive
   */
  record Bandwidth(Direction direction, long bytesPerSecond) implements Fault {
    public Bandwidth {
      Objects.requireNonNull(direction, "direction");
      if (bytesPerSecond <= 0) {
        throw new IllegalArgumentException("bandwidth must be positive: " + bytesPerSecond);
      }
    }
  }

  /**
   * Forwards nothing in {@code direction}, as if the network went silent: no data, no FIN, no RST.
   * The proxy holds what it reads (up to a buffer, after which TCP flow control stalls the sender)
   * and delivers it in order once the fault is removed, as TCP would after a partition heals.
   *
   * @param direction the bytes held
   */
  record BlackHole(Direction direction) implements Fault {
    public BlackHole {
      Objects.requireNonNull(direction, "direction");
    }
  }

  /**
   * Stops forwarding in {@code direction} and sends a FIN to the receiving peer, while the other
   * direction goes on. Bytes that arrive for the closed direction are discarded. A half-close
   * cannot be undone: {@link FaultProxy#restore()} spares only connections opened afterwards.
   *
   * @param direction the bytes no longer forwarded; the peer they travel to gets the FIN
   */
  record HalfClose(Direction direction) implements Fault {
    public HalfClose {
      Objects.requireNonNull(direction, "direction");
    }
  }

  /**
   * Cuts the connection once {@code bytes} more bytes have been forwarded in {@code direction}:
   * counted from the connection's first byte for connections accepted after the fault was set, and
   * from the next chunk for connections already open. Zero cuts at the next chunk, forwarding none of it.
   *
   * @param direction the bytes counted, one way
   * @param bytes how many are forwarded before the cut
   * @param style how the connection ends
   */
  record CutAfterBytes(Direction direction, long bytes, CutStyle style) implements Fault {
    public CutAfterBytes {
      requireOneWay(direction);
      Objects.requireNonNull(style, "style");
      if (bytes < 0) {
        throw new IllegalArgumentException("byte count must not be negative: " + bytes);
      }
    }

    /** {@return this cut, ending connections with {@code style}} */
    public CutAfterBytes with(CutStyle style) {
      return new CutAfterBytes(direction, bytes, style);
    }
  }

  /**
   * Cuts the connection at the {@code occurrence}-th PostgreSQL message with tag byte {@code tag}
   * travelling {@code direction}, after forwarding the first {@code forwardedBytes} bytes of that
   * message (counting its tag and length): 0 cuts right before it, a number inside it cuts mid-message,
   * and {@link #WHOLE_MESSAGE} (or any number past its end) cuts right after it. Messages are counted
   * from the connection's start, or, for connections already open, from the next chunk.
   *
   * <p>The proxy follows the framing from the first byte: the untagged startup packet (and after an
   * SSLRequest or GSSENCRequest refused with {@code 'N'}, the next one), then tagged messages. Once
   * the server accepts TLS or GSS encryption ({@code 'S'} or {@code 'G'}), or the client opens with
   * a TLS handshake (direct TLS), the bytes are opaque and this fault never fires on that connection.
   *
   * @param direction the messages counted: {@link Direction#TO_CLIENT} for the server's,
   *     {@link Direction#TO_SERVER} for the client's
   * @param tag the message type's tag byte, for example {@code 'D'} for DataRow
   * @param occurrence which message with that tag to cut at, counting from 1
   * @param forwardedBytes how much of that message is forwarded before the cut
   * @param style how the connection ends
   */
  record CutAtMessage(Direction direction, char tag, int occurrence, int forwardedBytes, CutStyle style)
      implements Fault {
    /** Forward all of the message, then cut. */
    public static final int WHOLE_MESSAGE = Integer.MAX_VALUE;

    public CutAtMessage {
      requireOneWay(direction);
      Objects.requireNonNull(style, "style");
      if (tag == 0 || tag > 0x7F) {
        throw new IllegalArgumentException("a message tag is one ASCII byte, not " + (int) tag);
      }
      if (occurrence < 1) {
        throw new IllegalArgumentException("occurrences count from 1, not " + occurrence);
      }
      if (forwardedBytes < 0) {
        throw new IllegalArgumentException("forwarded bytes must not be negative: " + forwardedBytes);
      }
    }

    /** {@return this cut, forwarding the first {@code bytes} bytes of the message first} */
    public CutAtMessage forwarding(int bytes) {
      return new CutAtMessage(direction, tag, occurrence, bytes, style);
    }

    /** {@return this cut, ending connections with {@code style}} */
    public CutAtMessage with(CutStyle style) {
      return new CutAtMessage(direction, tag, occurrence, forwardedBytes, style);
    }
  }

  /**
   * Closes new connections right after accepting them; open ones are spared.
   *
   * @param style how they are closed: a reset, or end of stream before the first byte
   */
  record Reject(CutStyle style) implements Fault {
    public Reject {
      Objects.requireNonNull(style, "style");
    }

    /** {@return this rejection, closing with {@code style}} */
    public Reject with(CutStyle style) {
      return new Reject(style);
    }
  }

  /** {@return a delay on every chunk, both ways} */
  static Latency latency(Duration delay) {
    return new Latency(Direction.BOTH, delay);
  }

  /** {@return a delay on every chunk travelling {@code direction}} */
  static Latency latency(Direction direction, Duration delay) {
    return new Latency(direction, delay);
  }

  /** {@return a bandwidth limit applying to each direction separately} */
  static Bandwidth bandwidth(long bytesPerSecond) {
    return new Bandwidth(Direction.BOTH, bytesPerSecond);
  }

  /** {@return a bandwidth limit on {@code direction}} */
  static Bandwidth bandwidth(Direction direction, long bytesPerSecond) {
    return new Bandwidth(direction, bytesPerSecond);
  }

  /** {@return silence both ways: connections stay up but nothing gets through} */
  static BlackHole blackHole() {
    return new BlackHole(Direction.BOTH);
  }

  /** {@return silence in {@code direction}} */
  static BlackHole blackHole(Direction direction) {
    return new BlackHole(direction);
  }

  /** {@return a FIN to the peer receiving {@code direction}, the other direction going on} */
  static HalfClose halfClose(Direction direction) {
    return new HalfClose(direction);
  }

  /** {@return a reset after {@code bytes} more bytes travelling {@code direction}} */
  static CutAfterBytes cutAfterBytes(Direction direction, long bytes) {
    return new CutAfterBytes(direction, bytes, CutStyle.RESET);
  }

  /** {@return a reset right before the {@code occurrence}-th server message tagged {@code tag}} */
  static CutAtMessage cutAtServerMessage(char tag, int occurrence) {
    return new CutAtMessage(Direction.TO_CLIENT, tag, occurrence, 0, CutStyle.RESET);
  }

  /** {@return a reset right after the {@code occurrence}-th server message tagged {@code tag}} */
  static CutAtMessage cutAfterServerMessage(char tag, int occurrence) {
    return new CutAtMessage(Direction.TO_CLIENT, tag, occurrence, CutAtMessage.WHOLE_MESSAGE, CutStyle.RESET);
  }

  /** {@return a reset right before the {@code occurrence}-th client message tagged {@code tag}} */
  static CutAtMessage cutAtClientMessage(char tag, int occurrence) {
    return new CutAtMessage(Direction.TO_SERVER, tag, occurrence, 0, CutStyle.RESET);
  }

  /** {@return a reset right after the {@code occurrence}-th client message tagged {@code tag}} */
  static CutAtMessage cutAfterClientMessage(char tag, int occurrence) {
    return new CutAtMessage(Direction.TO_SERVER, tag, occurrence, CutAtMessage.WHOLE_MESSAGE, CutStyle.RESET);
  }

  /** {@return a refusal of new connections by reset} */
  static Reject reject() {
    return new Reject(CutStyle.RESET);
  }

  private static void requireOneWay(Direction direction) {
    Objects.requireNonNull(direction, "direction");
    if (direction == Direction.BOTH) {
      throw new IllegalArgumentException("a cut counts bytes or messages one way: TO_SERVER or TO_CLIENT");
    }
  }
}
