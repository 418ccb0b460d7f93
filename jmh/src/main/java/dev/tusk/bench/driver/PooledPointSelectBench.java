package dev.tusk.bench.driver;

import static dev.tusk.bench.BenchData.POINT_SELECT;
import static dev.tusk.bench.BenchData.POINT_SELECT_JDBC;
import static dev.tusk.bench.BenchData.randomId;

import dev.tusk.bench.Contender;
import dev.tusk.bench.Question;
import io.vertx.sqlclient.Tuple;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many point selects per second do many callers get out of one pool of 8 connections? Each
 * caller is a JMH thread that waits for its row before issuing the next query, the one model that
 * every pool here serves (HikariCP can only be driven by blocking threads), so the clients differ
 * only in how their pools hand out connections and how their drivers run the query.
 *
 * <p>Two warmup and three measurement iterations of 3 s rather than 3 and 5 of 5 s, to keep the
 * full run inside its budget.
 */
@Question(order = 7, title = "Pooled point select, 64 callers on 8 connections", chartTitle = "pooled, 64 callers",
    how = """
        The point select (random id out of 10,000) from 64 callers sharing one pool of 8 connections, \
        all opened before measuring. Each caller is a JMH thread (`@Threads(64)`, platform threads) \
        that issues one query, waits for its row and issues the next, as in the blocking point select: \
        every pool is driven the same way, including HikariCP, which only serves blocking threads. \
        64 threads on 2 cores: the context switches are part of every score. **Tusk, `pool.query(…)`**, \
        its idiomatic call: an autocommit statement on the least busy connection, pipelined with other \
        callers' statements, no connection borrowed. **Tusk, `withConnection(c -> c.query(…))`**: a \
        connection borrowed and returned per query, as the peers do. **HikariCP + pgjdbc**: \
        `getConnection()`, `prepareStatement` + `executeQuery` (pgjdbc's per-connection statement \
        cache), `close()`. **vertx**: `Pool.preparedQuery(…).execute(…).await()`, which borrows a \
        connection per query (prepared statements cached per connection). Every pool has 8 connections \
        and its defaults otherwise. Score: queries per second from all callers together (higher is \
        better); B/op per query.""")
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(PooledPointSelectBench.CALLERS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class PooledPointSelectBench {
  static final int CALLERS = 64;

  @Benchmark
  @Contender(value = "Tusk, pool.query(…).join()", chartName = "Tusk pool.query", tusk = true)
  public String tusk(TuskPoolClient client) {
    return client.pool().query(POINT_SELECT, randomId()).join().getFirst().getString(0);
  }

  @Benchmark
  @Contender(value = "Tusk, withConnection(c -> c.query(…)).join()", chartName = "Tusk withConnection", tusk = true)
  public String tuskWithConnection(TuskPoolClient client) {
    return client.pool().withConnection(connection -> connection.query(POINT_SELECT, randomId())
        .thenApply(rows -> rows.getFirst().getString(0))).join();
  }

  @Benchmark
  @Contender("HikariCP + pgjdbc, getConnection + prepareStatement + executeQuery + close")
  public String hikari(HikariClient client) throws SQLException {
    try (var connection = client.dataSource().getConnection();
        var statement = connection.prepareStatement(POINT_SELECT_JDBC)) {
      statement.setInt(1, randomId());
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  @Benchmark
  @Contender("vertx-pg-client Pool, preparedQuery(…).execute(…).await()")
  public String vertx(VertxPoolClient client) {
    return client.pool().preparedQuery(POINT_SELECT).execute(Tuple.of(randomId())).await()
        .iterator().next().getString(0);
  }
}
