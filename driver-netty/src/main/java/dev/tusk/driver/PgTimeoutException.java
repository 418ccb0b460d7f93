package dev.tusk.driver;

import java.time.Duration;

/**
 * A statement, connect or acquire did not finish within its timeout. For a statement, the driver
 * has already asked the server to cancel it; the connection stays usable.
 */
public final class PgTimeoutException extends PgException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  public PgTimeoutException(String sqlState, String message, Duration timeout) {
    super(sqlState, message);
    this.timeout = timeout;
  }

  /** {@return the timeout that elapsed} */
  public Duration timeout() {
    return timeout;
  }
}
