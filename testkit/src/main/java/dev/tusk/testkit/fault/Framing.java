package dev.tusk.testkit.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows PostgreSQL message boundaries in both directions of one connection, so that cuts can be
 * placed at a message. It only finds boundaries: it copies nothing and never changes a byte.
 *
 * <p>A connection opens with untagged packets from the client (int32 length counting itself,
 * int32 request code, rest): an SSLRequest or GSSENCRequest that the server answers with one byte,
 * {@code 'S'}/{@code 'G'} (encryption follows: opaque from then on) or {@code 'N'} (the client
 * sends the next startup packet); a CancelRequest (nothing follows); or a StartupMessage, after
 * which both sides send tagged messages: tag(1), int32 length counting itself, body. The two
 * directions depend on each other during that exchange, so both are followed here under one lock.
 *
 * <p>Anything unexpected (a length below 4, bytes while the client should wait for an answer)
 * makes that direction opaque rather than guessing.
 */
final class Framing {
  /** A PostgreSQL message whose tag byte was seen at {@code offset} bytes into its direction's stream. */
  record Frame(long offset, char tag, long length) {
    /** The length of a frame whose header is split across chunks and not complete yet. */
    static final long UNKNOWN_LENGTH = -1;
  }

  static final int SSL_REQUEST_CODE = 80877103;
  static final int GSSENC_REQUEST_CODE = 80877104;
  static final int CANCEL_REQUEST_CODE = 80877102;
  /** The first byte of a TLS record carrying a handshake: a client using direct TLS (PostgreSQL 17+) starts so. */
  static final int TLS_HANDSHAKE_RECORD = 0x16;
  static final char ANSWER_SSL_ACCEPTED = 'S';
  static final char ANSWER_GSSENC_ACCEPTED = 'G';
  static final char ANSWER_REFUSED = 'N';
  /** A server too old for SSLRequest answers with an ErrorResponse, whose tag this is. */
  static final char TAG_ERROR_RESPONSE = 'E';

  private static final int TAGGED_HEADER_LENGTH = 5;
  /** The length and the request code, which is all that tells startup packets apart. */
  private static final int STARTUP_HEADER_LENGTH = 8;

  private enum Mode {
    /** An untagged packet from the client. */
    STARTUP_PACKET,
    /** The client waits for the server's one-byte answer and should send nothing. */
    AWAITING_ANSWER,
    /** The server's next byte answers an SSLRequest or GSSENCRequest. */
    ANSWER_BYTE,
    TAGGED,
    /** Encrypted or not understood: no more boundaries. */
    OPAQUE
  }

  /** The parsing state of one direction. */
  private static final class Side {
    Mode mode;
    final byte[] header = new byte[STARTUP_HEADER_LENGTH];
    int headerFilled;
    /** Stream offset of the current message's first byte. */
    long messageOffset;
    /** Bytes of the current message after its header that are still to come. */
    long remaining;

    Side(Mode mode) {
      this.mode = mode;
    }
  }

  private final Side fromClient = new Side(Mode.STARTUP_PACKET);
  private final Side fromServer = new Side(Mode.TAGGED);

  /**
   * Advances the direction {@code flow} over {@code length} bytes that start {@code offset} bytes
   * into its stream, and returns the tagged messages whose tag byte or header end is among them. A
   * message whose header is split across chunks is reported twice: with
   * {@link Frame#UNKNOWN_LENGTH} where its tag arrives, then with its length where its header ends.
   */
  synchronized List<Frame> scan(Direction flow, byte[] bytes, int length, long offset) {
    Side side = switch (flow) {
      case TO_SERVER -> fromClient;
      case TO_CLIENT -> fromServer;
      case BOTH -> throw new IllegalArgumentException("a stream travels one way");
    };
    List<Frame> frames = new ArrayList<>();
    int position = 0;
    while (position < length && side.mode != Mode.OPAQUE) {
      if (side.remaining > 0) {
        int skipped = (int) Math.min(side.remaining, length - position);
        position += skipped;
        side.remaining -= skipped;
        continue;
      }
      position += switch (side.mode) {
        case STARTUP_PACKET -> readStartupHeader(bytes, position, length, offset);
        case AWAITING_ANSWER -> {
          side.mode = Mode.OPAQUE;
          yield 0;
        }
        case ANSWER_BYTE -> readAnswer(bytes[position]);
        case TAGGED -> readTaggedHeader(side, bytes, position, length, offset, frames);
        case OPAQUE -> length - position;
      };
    }
    return frames;
  }

  private int readStartupHeader(byte[] bytes, int position, int length, long offset) {
    Side side = fromClient;
    if (side.headerFilled == 0 && (bytes[position] & 0xFF) == TLS_HANDSHAKE_RECORD) {
      // A startup packet's length starts with a zero byte; 0x16 is a TLS ClientHello.
      side.mode = Mode.OPAQUE;
      fromServer.mode = Mode.OPAQUE;
      return 0;
    }
    int taken = fillHeader(side, bytes, position, length, offset, STARTUP_HEADER_LENGTH);
    if (side.headerFilled < STARTUP_HEADER_LENGTH) {
      return taken;
    }
    side.headerFilled = 0;
    int packetLength = readInt(side.header, 0);
    int code = readInt(side.header, 4);
    if (packetLength < STARTUP_HEADER_LENGTH) {
      side.mode = Mode.OPAQUE;
      return taken;
    }
    side.remaining = packetLength - STARTUP_HEADER_LENGTH;
    switch (code) {
      case SSL_REQUEST_CODE, GSSENC_REQUEST_CODE -> {
        side.mode = Mode.AWAITING_ANSWER;
        fromServer.mode = Mode.ANSWER_BYTE;
      }
      case CANCEL_REQUEST_CODE -> side.mode = Mode.OPAQUE;
      default -> side.mode = Mode.TAGGED;
    }
    return taken;
  }

  /** {@return how many bytes the answer took: an ErrorResponse's tag is left to the tagged parser} */
  private int readAnswer(byte answer) {
    switch ((char) (answer & 0xFF)) {
      case ANSWER_REFUSED -> {
        fromServer.mode = Mode.TAGGED;
        fromClient.mode = Mode.STARTUP_PACKET;
        return 1;
      }
      case TAG_ERROR_RESPONSE -> {
        fromServer.mode = Mode.TAGGED;
        fromClient.mode = Mode.OPAQUE;
        return 0;
      }
      default -> {
        // 'S' and 'G': TLS or GSS encryption follows. Anything else: not PostgreSQL.
        fromServer.mode = Mode.OPAQUE;
        fromClient.mode = Mode.OPAQUE;
        return 1;
      }
    }
  }

  private int readTaggedHeader(Side side, byte[] bytes, int position, int length, long offset, List<Frame> frames) {
    boolean tagInThisChunk = side.headerFilled == 0;
    int taken = fillHeader(side, bytes, position, length, offset, TAGGED_HEADER_LENGTH);
    char tag = (char) (side.header[0] & 0xFF);
    if (side.headerFilled < TAGGED_HEADER_LENGTH) {
      if (tagInThisChunk) {
        frames.add(new Frame(side.messageOffset, tag, Frame.UNKNOWN_LENGTH));
      }
      return taken;
    }
    side.headerFilled = 0;
    int declaredLength = readInt(side.header, 1);
    if (declaredLength < 4) {
      side.mode = Mode.OPAQUE;
      return taken;
    }
    side.remaining = declaredLength - 4;
    frames.add(new Frame(side.messageOffset, tag, 1L + declaredLength));
    return taken;
  }

  private static int fillHeader(Side side, byte[] bytes, int position, int length, long offset, int headerLength) {
    if (side.headerFilled == 0) {
      side.messageOffset = offset + position;
    }
    int taken = Math.min(headerLength - side.headerFilled, length - position);
    System.arraycopy(bytes, position, side.header, side.headerFilled, taken);
    side.headerFilled += taken;
    return taken;
  }

  private static int readInt(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
  }
}
