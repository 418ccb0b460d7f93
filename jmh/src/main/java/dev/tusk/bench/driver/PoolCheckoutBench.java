package dev.tusk.bench.driver;

import dev.tusk.bench.Contender;
import dev.tusk.bench.Question;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does it cost to borrow a connection from a pool and give it back, with no query in between?
 * This is the overhead a pool adds to every unit of work that holds a connection of its own.
 *
 * <p>Two warmup and three measurement iterations of 3 s rather than 3 and 5 of 5 s, to keep the
 * full run inside its budget.
 */
@Question(order = 8, title = "Pool checkout and return", chartTitle = "pool checkout + return",
    how = """
        One caller thread borrows a connection from an 8-connection pool and gives it back, no query \
        in between. **Tusk**: `acquire().join()` + `release().join()`, and the scoped form \
        `withConnection(c -> completedFuture(null)).join()`; **HikariCP**: `getConnection()` + \
        `close()`; **vertx**: `getConnection().await()` + `close().await()`. Pools as in the pooled \
        point select, every setting at its default: Tusk resets session state on return only when the \
        borrower changed it (`PoolOptions.Reset.AUTO`) and validates a connection on checkout only \
        after 5 s idle (`validationThreshold`); HikariCP likewise resets only changed state and \
        validates only after 500 ms idle. So none of them needs the server here; what differs is \
        bookkeeping, allocation and thread hand-offs (Tusk's release waits on the connection's event \
        loop for its commands to finish; vertx completes both steps on its event loop). Score: time \
        per checkout + return; B/op per pair.""")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class PoolCheckoutBench {

  @Benchmark
  @Contender(value = "Tusk, acquire().join() + release().join()", chartName = "Tusk acquire/release", tusk = true)
  public Object tusk(TuskPoolClient client) {
    var connection = client.pool().acquire().join();
    connection.release().join();
    return connection;
  }

  @Benchmark
  @Contender(value = "Tusk, withConnection(c -> completedFuture(null)).join()", chartName = "Tusk withConnection",
      tusk = true)
  public Object tuskWithConnection(TuskPoolClient client) {
    return client.pool().withConnection(connection -> CompletableFuture.completedFuture(null)).join();
  }

  @Benchmark
  @Contender("HikariCP, getConnection() + close()")
  public Connection hikari(HikariClient client) throws SQLException {
    var connection = client.dataSource().getConnection();
    connection.close();
    return connection;
  }

  @Benchmark
  @Contender("vertx-pg-client Pool, getConnection().await() + close().await()")
  public Object vertx(VertxPoolClient client) {
    var connection = client.pool().getConnection().await();
    connection.close().await();
    return connection;
  }
}
