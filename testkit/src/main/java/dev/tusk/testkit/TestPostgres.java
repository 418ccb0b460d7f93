package dev.tusk.testkit;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The one entry point to a PostgreSQL for tests: one server per JVM, started on first use and
 * stopped when the JVM exits. Resolved in this order:
 * <ol>
 *   <li>{@code TUSK_TEST_URL} (a libpq URL): that server, as is;
 *   <li>Testcontainers' {@code postgres} image, when a Docker engine is reachable;
 *   <li>embedded binaries from Maven Central, started as a child process.
 * </ol>
 * The major version is {@code -Dtusk.pg.version} (13 to 18), 17 when unset.
 */
public final class TestPostgres {
  /** Environment variable naming an existing server to test against. */
  public static final String URL_VARIABLE = "TUSK_TEST_URL";
  /** System property selecting the major version of a started server. */
  public static final String VERSION_PROPERTY = "tusk.pg.version";
  public static final int DEFAULT_MAJOR_VERSION = 17;

  private static final System.Logger LOG = System.getLogger(TestPostgres.class.getName());

  private TestPostgres() {}

  /** {@return the JVM's shared test server, starting it on first call} */
  public static PostgresServer shared() {
    return Shared.SERVER;
  }

  /** {@return the major version requested with {@code -Dtusk.pg.version}, else 17} */
  public static int requestedMajorVersion() {
    String value = System.getProperty(VERSION_PROPERTY, "").trim();
    if (value.isEmpty()) {
      return DEFAULT_MAJOR_VERSION;
    }
    try {
      int major = Integer.parseInt(value);
      if (major >= 13 && major <= 18) {
        return major;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("-D" + VERSION_PROPERTY + " must be one of 13..18, was '" + value + "'");
  }

  /** Holder idiom: the server starts when {@link #shared()} is first called, exactly once. */
  private static final class Shared {
    static final PostgresServer SERVER = resolve();
  }

  private static PostgresServer resolve() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      PostgresServer server = external(url.trim());
      LOG.log(Level.INFO, "Using the test server from " + URL_VARIABLE + ": " + server);
      return server;
    }
    int major = requestedMajorVersion();
    if (DockerProbe.dockerReachable()) {
      try {
        PostgresServer server = ContainerPostgres.start(major);
        LOG.log(Level.INFO, "Using a Testcontainers server: " + server);
        return server;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Docker is reachable but the PostgreSQL container failed; falling back to embedded binaries", e);
      }
    }
    EmbeddedPostgres embedded = EmbeddedPostgres.start(major);
    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "tusk-testkit-stop-postgres"));
    LOG.log(Level.INFO, "Using an embedded server: " + embedded.server());
    return embedded.server();
  }

  /** Reads host, port and database from the URL for display; the URL itself is used unchanged. */
  private static PostgresServer external(String url) {
    String host = "unknown";
    int port = 5432;
    String database = "unknown";
    try {
      URI uri = URI.create(url);
      if (uri.getHost() != null) {
        host = uri.getHost();
      }
      if (uri.getPort() > 0) {
        port = uri.getPort();
      }
      if (uri.getPath() != null && uri.getPath().length() > 1) {
        database = uri.getPath().substring(1);
      }
    } catch (IllegalArgumentException ignored) {
      // a key=value string: nothing to show, the driver parses it
    }
    return new PostgresServer(host, port, database, Source.EXTERNAL_URL, "unknown (external server)",
        EnumSet.of(TestRole.SUPERUSER), Optional.empty(), url);
  }
}
