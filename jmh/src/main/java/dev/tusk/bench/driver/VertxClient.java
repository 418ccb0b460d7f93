package dev.tusk.bench.driver;

import dev.tusk.bench.BenchServer;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.SslMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One vertx-pg-client connection per trial, on its own {@code Vertx} instance (NIO, vertx's
 * default). Prepared statements are cached ({@code cachePreparedStatements}, off by default in
 * vertx), so {@code preparedQuery} reuses the server-side statement as the other clients do; the
 * pipelining limit is 256, its default, written out because the pipelined benchmark relies on it.
 */
@State(Scope.Benchmark)
public class VertxClient {
  public static final int PIPELINING_LIMIT = 256;

  private Vertx vertx;
  private PgConnection connection;

  @Setup(Level.Trial)
  public void open() {
    vertx = Vertx.vertx();
    connection = PgConnection.connect(vertx, connectOptions(BenchServer.current())).await();
  }

  /** {@return the options every vertx connection of the benchmarks uses, pooled or not} */
  static PgConnectOptions connectOptions(BenchServer server) {
    var options = new PgConnectOptions()
        .setHost(server.host())
        .setPort(server.port())
        .setDatabase(server.database())
        .setUser(server.user())
        .setSslMode(SslMode.DISABLE)
        .setCachePreparedStatements(true)
        .setPipeliningLimit(PIPELINING_LIMIT);
    if (server.password() != null) {
      options.setPassword(server.password());
    }
    return options;
  }

  @TearDown(Level.Trial)
  public void close() {
    connection.close().await();
    vertx.close().await();
  }

  /** {@return the open connection} */
  public PgConnection connection() {
    return connection;
  }
}
