package dev.tusk.bench.driver;

import dev.tusk.bench.BenchServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One vertx-pg-client pool of {@value TuskPoolClient#SIZE} connections per trial, shared by all of
 * a benchmark's threads, on its own {@code Vertx} instance, with the connection options of {@link
 * VertxClient} (prepared statements cached per connection, TLS off) and the pool's defaults
 * otherwise. The pool opens connections only on demand, so the setup borrows all of them at once
 * and gives them back: the trial starts with every connection open.
 */
@State(Scope.Benchmark)
public class VertxPoolClient {
  private Vertx vertx;
  private Pool pool;

  @Setup(Level.Trial)
  public void open() {
    vertx = Vertx.vertx();
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(TuskPoolClient.SIZE))
        .connectingTo(VertxClient.connectOptions(BenchServer.current()))
        .using(vertx)
        .build();
    var borrowed = new ArrayList<Future<SqlConnection>>(TuskPoolClient.SIZE);
    for (int i = 0; i < TuskPoolClient.SIZE; i++) {
      borrowed.add(pool.getConnection());
    }
    for (var connection : borrowed) {
      connection.await().close().await();
    }
    if (pool.size() != TuskPoolClient.SIZE) {
      throw new IllegalStateException("the vertx pool holds " + pool.size() + " connections, not " + TuskPoolClient.SIZE);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.close().await();
    vertx.close().await();
  }

  /** {@return the pool} */
  public Pool pool() {
    return pool;
  }
}
