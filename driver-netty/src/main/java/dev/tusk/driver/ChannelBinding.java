package dev.tusk.driver;

import java.util.Locale;

/**
 * libpq's {@code channel_binding}: whether SCRAM authentication binds itself to the TLS channel
 * (SCRAM-SHA-256-PLUS with {@code tls-server-end-point}), which defeats a man in the middle that
 * terminates TLS.
 */
public enum ChannelBinding {
  /** Never bind. */
  DISABLE,
  /** Bind when TLS is used and the server offers SCRAM-SHA-256-PLUS (the default). */
  PREFER,
  /** Bind or fail: the connection must use TLS and the server must offer SCRAM-SHA-256-PLUS. */
  REQUIRE;

  public static ChannelBinding fromKeyword(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "disable" -> DISABLE;
      case "prefer" -> PREFER;
      case "require" -> REQUIRE;
      default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid channel_binding '" + value + "': use disable, prefer or require");
    };
  }
}
