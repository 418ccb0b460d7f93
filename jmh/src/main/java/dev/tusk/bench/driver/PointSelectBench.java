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
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

/**
 * How long does one prepared point select take when the calling thread waits for its answer? Each
 * client uses its idiomatic call per query (pgjdbc's {@code prepareStatement} with its statement
 * cache, vertx's {@code preparedQuery}, r2dbc's {@code createStatement}) on one open connection.
 */
@Question(order = 1, title = "Point select, caller blocks", chartTitle = "point select, blocking", pgbench = "prepared",
    how = """
        `SELECT val FROM bench WHERE id = $1` with a random id out of 10,000, on one connection, one \
        query at a time; the JMH thread issues each query and waits for its row. pgjdbc blocks on its \
        socket; Tusk (`query(…).join()`, and its blocking API `blocking().query(…)`), vertx (`Future.await()`) and r2dbc (`block…()`) hand the \
        query to an event loop and wait for it to wake them, two thread hops per query. Score: time \
        per query; B/op counts every thread's allocation, event loops included.""")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class PointSelectBench {

  @Benchmark
  @Contender(value = "Tusk, query(…).join()", tusk = true)
  public String tusk(TuskClient client) {
    return client.connection().query(POINT_SELECT, randomId()).join().getFirst().getString(0);
  }

  @Benchmark
  @Contender(value = "Tusk, blocking().query(…)", chartName = "Tusk blocking API", tusk = true)
  public String tuskBlocking(TuskClient client) {
    return client.blocking().query(POINT_SELECT, randomId()).getFirst().getString(0);
  }

  @Benchmark
  @Contender("pgjdbc, prepareStatement + executeQuery")
  public String pgjdbc(PgjdbcClient client) throws SQLException {
    try (var statement = client.connection().prepareStatement(POINT_SELECT_JDBC)) {
      statement.setInt(1, randomId());
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }

  @Benchmark
  @Contender("vertx-pg-client, preparedQuery(…).execute(…).await()")
  public String vertx(VertxClient client) {
    return client.connection().preparedQuery(POINT_SELECT).execute(Tuple.of(randomId())).await()
        .iterator().next().getString(0);
  }

  @Benchmark
  @Contender("r2dbc-postgresql, createStatement(…).execute() + blockLast()")
  public String r2dbc(R2dbcClient client) {
    return Flux.from(client.connection().createStatement(POINT_SELECT).bind("$1", randomId()).execute())
        .flatMap(result -> result.map((row, metadata) -> row.get(0, String.class)))
        .blockLast();
  }
}
