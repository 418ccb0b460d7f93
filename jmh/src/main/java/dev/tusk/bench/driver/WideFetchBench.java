package dev.tusk.bench.driver;

import static dev.tusk.bench.BenchData.WIDE_SELECT;

import dev.tusk.bench.Contender;
import dev.tusk.bench.Question;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.OffsetDateTime;
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
 * How long does it take to fetch 100,000 rows of six common types and read every value as its
 * natural Java type? The server sends the same bytes to everyone; the clients differ in how they
 * decode and how much they allocate per row.
 */
@Question(order = 4, title = "Fetch 100,000 wide rows", chartTitle = "100k wide rows",
    how = """
        `SELECT i, b, t, ts, n, j FROM wide`: 100,000 rows of int, bigint, text (~40 chars), \
        timestamptz, numeric(14,4) and jsonb (4 keys). Every value is read as `int`, `long`, `String`, \
        `OffsetDateTime`, `BigDecimal` and the client's jsonb type (a `String` for Tusk, pgjdbc and \
        r2dbc; vertx has already parsed it into a `JsonObject`), and folded into a checksum so nothing \
        is optimised away. Tusk, pgjdbc and vertx buffer the whole result (their default); r2dbc \
        streams rows to the mapping function. Score: time per complete fetch; B/op per fetch \
        (÷ 100,000 for bytes per row).""")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class WideFetchBench {

  @Benchmark
  @Contender(value = "Tusk, query(…).join(), typed getters", tusk = true)
  public long tusk(TuskClient client) {
    long checksum = 0;
    for (var row : client.connection().query(WIDE_SELECT).join()) {
      String json = row.getString(5);
      checksum += checksum(row.getInt(0), row.getLong(1), row.getString(2), row.get(3, OffsetDateTime.class),
          row.get(4, BigDecimal.class), json.length());
    }
    return checksum;
  }

  @Benchmark
  @Contender("pgjdbc, executeQuery, typed getters")
  public long pgjdbc(PgjdbcClient client) throws SQLException {
    long checksum = 0;
    try (var statement = client.connection().prepareStatement(WIDE_SELECT);
        var rows = statement.executeQuery()) {
      while (rows.next()) {
        String json = rows.getString(6);
        checksum += checksum(rows.getInt(1), rows.getLong(2), rows.getString(3),
            rows.getObject(4, OffsetDateTime.class), rows.getBigDecimal(5), json.length());
      }
    }
    return checksum;
  }

  @Benchmark
  @Contender("vertx-pg-client, preparedQuery(…).execute().await(), typed getters")
  public long vertx(VertxClient client) {
    long checksum = 0;
    for (var row : client.connection().preparedQuery(WIDE_SELECT).execute().await()) {
      var json = (JsonObject) row.getValue(5);
      checksum += checksum(row.getInteger(0), row.getLong(1), row.getString(2), row.getOffsetDateTime(3),
          row.getBigDecimal(4), json.size());
    }
    return checksum;
  }

  @Benchmark
  @Contender("r2dbc-postgresql, execute() + map + blockLast()")
  public long r2dbc(R2dbcClient client) {
    return Flux.from(client.connection().createStatement(WIDE_SELECT).execute())
        .flatMap(result -> result.map((row, metadata) -> {
          String json = row.get(5, String.class);
          return checksum(row.get(0, Integer.class), row.get(1, Long.class), row.get(2, String.class),
              row.get(3, OffsetDateTime.class), row.get(4, BigDecimal.class), json.length());
        }))
        .reduce(0L, Long::sum)
        .block();
  }

  /** Touches each decoded value cheaply, so the decoding cannot be optimised away. */
  private static long checksum(int i, long b, String t, OffsetDateTime ts, BigDecimal n, int jsonSize) {
    return i + b + t.length() + ts.getMinute() + n.scale() + jsonSize;
  }
}
