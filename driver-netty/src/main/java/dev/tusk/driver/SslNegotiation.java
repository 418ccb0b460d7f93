package dev.tusk.driver;

import java.util.Locale;

/** libpq's {@code sslnegotiation}: how TLS starts. */
public enum SslNegotiation {
  /** Ask with an SSLRequest first, then start TLS if the server agrees (every version). */
  POSTGRES,
  /**
   * Start the TLS handshake at once, with ALPN {@code postgresql} (PostgreSQL 17+): one round trip
   * less. Requires {@code sslmode=require} or stronger.
   */
  DIRECT;

  public static SslNegotiation fromKeyword(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "postgres" -> POSTGRES;
      case "direct" -> DIRECT;
      default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid sslnegotiation '" + value + "': use postgres or direct");
    };
  }
}
