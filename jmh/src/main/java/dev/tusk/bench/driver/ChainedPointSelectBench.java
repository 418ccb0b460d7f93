package dev.tusk.bench.driver;

import static dev.tusk.bench.BenchData.POINT_SELECT;
import static dev.tusk.bench.BenchData.randomId;

import dev.tusk.bench.Contender;
import dev.tusk.bench.Question;
import dev.tusk.driver.PgConnection;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

/**
 * How long does one point select take when the next query is issued from the previous one's
 * completion, on the event loop? This is the asynchronous clients' own best case: no thread hop
 * per query. The blocking benchmark beside it ({@link PointSelectBench}) shows what the hops cost.
 */
@Question(order = 2, title = "Point select, chained on the event loop", chartTitle = "point select, chained", pgbench = "prepared",
    how = """
        The same point select, 100 in a row per invocation: the JMH thread issues the first, and each \
        completion callback (running on the client's event loop) issues the next, so only one thread \
        hop is paid per 100 queries. Tusk chains with `whenComplete`, vertx with `onComplete`, r2dbc \
        with `concatMap`. pgjdbc has no asynchronous API and is absent. Score: time per query.""")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(ChainedPointSelectBench.CHAIN)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class ChainedPointSelectBench {
  static final int CHAIN = 100;

  @Benchmark
  @Contender(value = "Tusk, next query from whenComplete", tusk = true)
  public long tusk(TuskClient client) {
    var done = new CompletableFuture<Long>();
    tuskStep(client.connection(), CHAIN, 0, done);
    return done.join();
  }

  private static void tuskStep(PgConnection connection, int remaining, long checksum, CompletableFuture<Long> done) {
    connection.query(POINT_SELECT, randomId()).whenComplete((rows, failure) -> {
      if (failure != null) {
        done.completeExceptionally(failure);
        return;
      }
      long sum = checksum + rows.getFirst().getString(0).length();
      if (remaining == 1) {
        done.complete(sum);
      } else {
        tuskStep(connection, remaining - 1, sum, done);
      }
    });
  }

  @Benchmark
  @Contender("vertx-pg-client, next query from onComplete")
  public long vertx(VertxClient client) {
    var done = new CompletableFuture<Long>();
    vertxStep(client.connection(), CHAIN, 0, done);
    return done.join();
  }

  private static void vertxStep(io.vertx.pgclient.PgConnection connection, int remaining, long checksum,
      CompletableFuture<Long> done) {
    connection.preparedQuery(POINT_SELECT).execute(Tuple.of(randomId())).onComplete((rows, failure) -> {
      if (failure != null) {
        done.completeExceptionally(failure);
        return;
      }
      long sum = checksum + rows.iterator().next().getString(0).length();
      if (remaining == 1) {
        done.complete(sum);
      } else {
        vertxStep(connection, remaining - 1, sum, done);
      }
    });
  }

  @Benchmark
  @Contender("r2dbc-postgresql, concatMap")
  public long r2dbc(R2dbcClient client) {
    PostgresqlConnection connection = client.connection();
    return Flux.range(0, CHAIN)
        .concatMap(i -> Flux.from(connection.createStatement(POINT_SELECT).bind("$1", randomId()).execute())
            .flatMap(result -> result.map((row, metadata) -> row.get(0, String.class))))
        .reduce(0L, (sum, value) -> sum + value.length())
        .block();
  }
}
