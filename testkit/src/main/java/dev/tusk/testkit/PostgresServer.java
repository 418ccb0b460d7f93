package dev.tusk.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Connection details of a running test server.
 *
 * @param host host name clients connect to ({@code localhost} for provisioned servers, which the
 *     server certificate names)
 * @param port TCP port; the same port serves plain and TLS connections
 * @param database database the roles may use and create objects in
 * @param source where the server came from
 * @param serverVersion the server's version string, for example {@code 17.11}
 * @param roles the roles this server was provisioned with; an external server offers only
 *     {@link TestRole#SUPERUSER} (the URL's own user)
 * @param tls the TLS material, present when the server was provisioned with TLS on
 * @param externalUrl the URL of an {@link Source#EXTERNAL_URL} server, else {@code null}
 */
public record PostgresServer(
    String host,
    int port,
    String database,
    Source source,
    String serverVersion,
    Set<TestRole> roles,
    Optional<TlsFiles> tls,
    String externalUrl) {

  public PostgresServer {
    roles = Set.copyOf(roles);
  }

  /** {@return whether this server offers {@code role}} Use with JUnit's {@code assumeTrue}. */
  public boolean supports(TestRole role) {
    return roles.contains(role);
  }

  /** {@return the server's major version, for example 17} */
  public int majorVersion() {
    return Integer.parseInt(serverVersion.split("[.\\s]")[0]);
  }

  /** {@return the superuser's URL} */
  public String url() {
    return url(TestRole.SUPERUSER);
  }

  /**
   * Returns a libpq URL ({@code postgresql://user:password@host:port/database}) for {@code role},
   * without query parameters, so tests append their own ({@code ?sslmode=…}).
   *
   * @throws IllegalStateException when this server was not provisioned with {@code role}
   */
  public String url(TestRole role) {
    if (!supports(role)) {
      throw new IllegalStateException("role " + role + " is not provisioned on the " + source + " server");
    }
    if (externalUrl != null) {
      return externalUrl;
    }
    var userInfo = new StringBuilder(encode(role.user()));
    if (role.password() != null) {
      userInfo.append(':').append(encode(role.password()));
    }
    return "postgresql://" + userInfo + "@" + host + ":" + port + "/" + encode(database);
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "PostgreSQL " + serverVersion + " (" + source + ") at " + host + ":" + port + "/" + database;
  }
}
