package dev.tusk.driver;

import java.util.Locale;

/** libpq's {@code sslmode}: whether to use TLS, and how much of the server's certificate to verify. */
public enum SslMode {
  /** Plain TCP only. */
  DISABLE,
  /** Plain TCP first; TLS only if the server rejects the plain connection. */
  ALLOW,
  /** TLS if the server offers it, else plain; no certificate verification (the default). */
  PREFER,
  /** TLS or fail; the certificate is not verified (unless a root certificate is given, as in libpq). */
  REQUIRE,
  /** TLS, and the certificate chain must lead to a trusted root. */
  VERIFY_CA,
  /** TLS, a trusted chain, and the certificate must name the host connected to. */
  VERIFY_FULL;

  /** {@return whether a connection without TLS is unacceptable} */
  public boolean requiresTls() {
    return compareTo(REQUIRE) >= 0;
  }

  /** {@return whether the server's certificate chain is verified} */
  public boolean verifiesCertificate() {
    return compareTo(VERIFY_CA) >= 0;
  }

  /** {@return the mode for a libpq keyword value such as {@code verify-full}} */
  public static SslMode fromKeyword(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "disable" -> DISABLE;
      case "allow" -> ALLOW;
      case "prefer" -> PREFER;
      case "require" -> REQUIRE;
      case "verify-ca" -> VERIFY_CA;
      case "verify-full" -> VERIFY_FULL;
      default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid sslmode '" + value + "': use disable, allow, prefer, require, verify-ca or verify-full");
    };
  }
}
