package dev.tusk.driver.wire;

/**
 * The server sent bytes that do not follow the protocol. Thrown by decoders; the connection turns it
 * into a closed channel and a {@code 08P01} error for every pending command, since after a framing
 * error nothing more can be trusted.
 */
public final class ProtocolViolation extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProtocolViolation(String message) {
    super(message, null, false, false);
  }
}
