package dev.tusk.testkit;

/**
 * The roles a provisioned test server offers, one per way of authenticating. Passwords are fixed
 * and known: the server listens on loopback only and lives as long as one JVM.
 */
public enum TestRole {
  /** The bootstrap superuser, trusted; what tests use unless they test authentication. */
  SUPERUSER("postgres", null),
  /** Authenticates with {@code trust}. */
  TRUST("tusk_trust", null),
  /** Authenticates with {@code password} (cleartext over the wire). */
  PASSWORD("tusk_password", "cleartext-secret"),
  /** Authenticates with {@code md5}; its password is stored as an MD5 hash. */
  MD5("tusk_md5", "md5-secret"),
  /** Authenticates with {@code scram-sha-256}. */
  SCRAM("tusk_scram", "scram-secret"),
  /** {@code scram-sha-256} and only over TLS: plain TCP is rejected by {@code pg_hba.conf}. */
  SSL_ONLY("tusk_ssl", "ssl-secret"),
  /** Authenticates with a client certificate ({@code cert}); only over TLS. */
  CLIENT_CERT("tusk_cert", null);

  private final String user;
  private final String password;

  TestRole(String user, String password) {
    this.user = user;
    this.password = password;
  }

  /** {@return the role's user name} */
  public String user() {
    return user;
  }

  /** {@return the role's password, or {@code null} when it authenticates without one} */
  public String password() {
    return password;
  }
}
