package dev.tusk.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * One pgbench mode's result: PostgreSQL's own C client (libpq) running the point select against the
 * same server, the physical reference for the Java clients.
 *
 * @param mode {@code prepared} (one query at a time, {@code -M prepared}) or {@code pipeline}
 *     ({@code \startpipeline}, 100 selects, {@code \endpipeline}, also {@code -M prepared})
 * @param queriesPerTransaction selects per pgbench transaction (1 or 100)
 * @param transactionsPerSecond pgbench's {@code tps} of each measured run
 * @param command the command line, for the report
 * @param unavailable why pgbench did not run, or {@code null} when it did
 */
public record PgbenchScore(String mode, int queriesPerTransaction, List<Double> transactionsPerSecond, String command,
    String unavailable) {
  public PgbenchScore {
    transactionsPerSecond = List.copyOf(transactionsPerSecond);
  }

  /** {@return a result saying why pgbench could not be measured} */
  public static PgbenchScore unavailable(String mode, String reason) {
    return new PgbenchScore(mode, 0, List.of(), "", reason);
  }

  /** {@return whether this mode was measured} */
  public boolean measured() {
    return unavailable == null && !transactionsPerSecond.isEmpty();
  }

  /** {@return the mean rate in queries per second} */
  public double queriesPerSecond() {
    return transactionsPerSecond.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)
        * queriesPerTransaction;
  }

  /** {@return the half-width of the 99.9% confidence interval of the rate, as JMH computes it; NaN for one run} */
  public double queriesPerSecondError() {
    int n = transactionsPerSecond.size();
    if (n < 2) {
      return Double.NaN;
    }
    double mean = transactionsPerSecond.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance = transactionsPerSecond.stream().mapToDouble(t -> (t - mean) * (t - mean)).sum() / (n - 1);
    double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - 0.001 / 2);
    return t * Math.sqrt(variance / n) * queriesPerTransaction;
  }

  /** {@return nanoseconds per query (for one client, the inverse of the rate)} */
  public double nanosPerQuery() {
    return 1e9 / queriesPerSecond();
  }

  JsonObject toJson() {
    return new JsonObject().put("mode", mode).put("queriesPerTransaction", queriesPerTransaction)
        .put("transactionsPerSecond", new JsonArray(new ArrayList<>(transactionsPerSecond)))
        .put("command", command).put("unavailable", unavailable);
  }

  static PgbenchScore fromJson(JsonObject json) {
    var rates = new ArrayList<Double>();
    json.getJsonArray("transactionsPerSecond").forEach(rate -> rates.add(((Number) rate).doubleValue()));
    return new PgbenchScore(json.getString("mode"), json.getInteger("queriesPerTransaction"), rates,
        json.getString("command"), json.getString("unavailable"));
  }

  /** Writes the results as a JSON array. */
  public static void write(List<PgbenchScore> scores, Path file) throws IOException {
    var array = new JsonArray();
    scores.forEach(score -> array.add(score.toJson()));
    Files.writeString(file, array.encodePrettily());
  }

  /** {@return the results in a file written by {@link #write}} */
  public static List<PgbenchScore> read(Path file) throws IOException {
    var scores = new ArrayList<PgbenchScore>();
    new JsonArray(Files.readString(file)).forEach(entry -> scores.add(fromJson((JsonObject) entry)));
    return scores;
  }
}
