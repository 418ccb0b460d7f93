package dev.tusk.bench.driver;

import dev.tusk.bench.BenchServer;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.client.SSLMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Mono;

/**
 * One r2dbc-postgresql connection per trial, with its defaults: reactor-netty's shared event loops
 * (epoll, since the native transport is on the class path), an unbounded cache of named prepared
 * statements, results in text format unless a codec asks for binary.
 */
@State(Scope.Benchmark)
public class R2dbcClient {
  private PostgresqlConnection connection;

  @Setup(Level.Trial)
  public void open() {
    var server = BenchServer.current();
    var configuration = PostgresqlConnectionConfiguration.builder()
        .host(server.host())
        .port(server.port())
        .database(server.database())
        .username(server.user())
        .sslMode(SSLMode.DISABLE);
    if (server.password() != null) {
      configuration.password(server.password());
    }
    connection = new PostgresqlConnectionFactory(configuration.build()).create().block();
  }

  @TearDown(Level.Trial)
  public void close() {
    Mono.from(connection.close()).block();
  }

  /** {@return the open connection} */
  public PostgresqlConnection connection() {
    return connection;
  }
}
