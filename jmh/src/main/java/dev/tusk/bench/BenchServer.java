package dev.tusk.bench;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.SslMode;

/**
 * The one PostgreSQL every benchmark of a run talks to, as each client needs its address.
 *
 * <p>The runner starts (or finds) the server once and hands it to JMH's forked JVMs: a server it
 * started itself is passed as {@value #URL_PROPERTY} (it has no password); a server named by
 * {@value #URL_VARIABLE} reaches the forks through the environment they inherit, so its password
 * never appears on a command line.
 *
 * <p>Every client connects <b>without TLS</b>, whatever the URL says: the server is on loopback,
 * and with TLS the benchmarks would measure AES-GCM rather than the drivers. It has to be said
 * explicitly because the defaults differ: libpq, pgjdbc and Tusk use {@code sslmode=prefer} (TLS
 * whenever the server offers it, as the testkit's does), vertx and r2dbc do not.
 *
 * @param url the libpq connection string, as given
 * @param host the host name
 * @param port the TCP port
 * @param database the database holding the benchmark tables
 * @param user the role
 * @param password its password, or {@code null}
 */
public record BenchServer(String url, String host, int port, String database, String user, String password) {
  /** System property naming the server that the runner started. */
  public static final String URL_PROPERTY = "tusk.bench.url";
  /** Environment variable naming an existing server to benchmark against; it wins over a started one. */
  public static final String URL_VARIABLE = "TUSK_URL";

  /** {@return the server of this run} @throws IllegalStateException when neither property nor variable is set */
  public static BenchServer current() {
    String url = System.getProperty(URL_PROPERTY);
    if (url == null || url.isBlank()) {
      url = System.getenv(URL_VARIABLE);
    }
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("no server: run the benchmarks through dev.tusk.bench.run.BenchmarkRunner, "
          + "or set " + URL_VARIABLE + " (a libpq URL) or -D" + URL_PROPERTY);
    }
    return of(url.trim());
  }

  /** {@return the server at a libpq URL or key=value string} Parsed by Tusk, which knows both forms. */
  public static BenchServer of(String url) {
    var options = PgConnectOptions.parse(url);
    var first = options.hosts().getFirst();
    return new BenchServer(url, first.host(), first.port(), options.database(), options.user(), options.password());
  }

  /** {@return Tusk's connection options for this server, TLS off} */
  public PgConnectOptions tuskOptions() {
    var options = PgConnectOptions.parse(url);
    return options.withTls(options.tls().withMode(SslMode.DISABLE));
  }

  /** {@return the pgjdbc URL, without credentials (they go in the connection properties)} */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return user + "@" + host + ":" + port + "/" + database;
  }
}
