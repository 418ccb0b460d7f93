package dev.tusk.bench.driver;

import static dev.tusk.bench.BenchData.POINT_SELECT;
import static dev.tusk.bench.BenchData.randomId;

import dev.tusk.bench.Contender;
import dev.tusk.bench.Question;
import dev.tusk.driver.Query;
import dev.tusk.driver.RowSet;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
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
 * How many point selects per second does one connection serve when 256 are in flight at once?
 * This is where the client's CPU per query decides (client and server share two cores): one flush
 * per batch, no per-query locks, no allocation beyond the row.
 */
@Question(order = 3, title = "Pipelined point select, 256 in flight", chartTitle = "pipelined, 256 in flight", pgbench = "pipeline",
    how = """
        The JMH thread issues 256 point selects (random ids) on one connection without waiting, then \
        waits for all 256 rows. Tusk pipelines automatically (depth 256); vertx with a pipelining limit \
        of 256; r2dbc with `flatMap` at concurrency 256. Each of these queries ends with its own Sync, \
        so one failing query fails only itself — and the server commits and flushes after every query. \
        pgbench's pipeline mode instead sends one Sync per 100 queries (all-or-nothing, one flush); the \
        clients' equivalents run as well: Tusk's atomic `batch` and vertx's `executeBatch`, 256 queries \
        and one Sync. pgjdbc cannot pipeline on one connection and is absent. Score: queries per second \
        (higher is better).""")
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(PipelinedPointSelectBench.IN_FLIGHT)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class PipelinedPointSelectBench {
  static final int IN_FLIGHT = 256;

  @Benchmark
  @Contender(value = "Tusk, 256 × query(…), then join each", tusk = true)
  public long tusk(TuskClient client) {
    var connection = client.connection();
    @SuppressWarnings("unchecked")
    CompletableFuture<RowSet>[] pending = new CompletableFuture[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      pending[i] = connection.query(POINT_SELECT, randomId());
    }
    long checksum = 0;
    for (var rows : pending) {
      checksum += rows.join().getFirst().getString(0).length();
    }
    return checksum;
  }

  @Benchmark
  @Contender(value = "Tusk, batch(256 queries): one Sync, all-or-nothing", chartName = "Tusk batch", tusk = true)
  public long tuskBatch(TuskClient client) {
    var statements = new ArrayList<Query>(IN_FLIGHT);
    for (int i = 0; i < IN_FLIGHT; i++) {
      statements.add(Query.of(POINT_SELECT, randomId()));
    }
    long checksum = 0;
    for (var rows : client.connection().batch(statements).join()) {
      checksum += rows.getFirst().getString(0).length();
    }
    return checksum;
  }

  @Benchmark
  @Contender(value = "vertx-pg-client, preparedQuery(…).executeBatch(256 tuples): one Sync, all-or-nothing",
      chartName = "vertx executeBatch")
  public long vertxBatch(VertxClient client) {
    var tuples = new ArrayList<Tuple>(IN_FLIGHT);
    for (int i = 0; i < IN_FLIGHT; i++) {
      tuples.add(Tuple.of(randomId()));
    }
    long checksum = 0;
    for (var rows = client.connection().preparedQuery(POINT_SELECT).executeBatch(tuples).await(); rows != null;
        rows = rows.next()) {
      checksum += rows.iterator().next().getString(0).length();
    }
    return checksum;
  }

  @Benchmark
  @Contender("vertx-pg-client, 256 × preparedQuery(…).execute(…), then await each")
  public long vertx(VertxClient client) {
    var connection = client.connection();
    @SuppressWarnings("unchecked")
    Future<io.vertx.sqlclient.RowSet<Row>>[] pending = new Future[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      pending[i] = connection.preparedQuery(POINT_SELECT).execute(Tuple.of(randomId()));
    }
    long checksum = 0;
    for (var rows : pending) {
      checksum += rows.await().iterator().next().getString(0).length();
    }
    return checksum;
  }

  @Benchmark
  @Contender("r2dbc-postgresql, flatMap at concurrency 256")
  public long r2dbc(R2dbcClient client) {
    var connection = client.connection();
    return Flux.range(0, IN_FLIGHT)
        .flatMap(i -> Flux.from(connection.createStatement(POINT_SELECT).bind("$1", randomId()).execute())
            .flatMap(result -> result.map((row, metadata) -> row.get(0, String.class))), IN_FLIGHT)
        .reduce(0L, (sum, value) -> sum + value.length())
        .block();
  }
}
