package dev.tusk.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark method's result, as JMH wrote it to its JSON file.
 *
 * @param benchmarkClass the benchmark class's fully qualified name
 * @param method the {@code @Benchmark} method
 * @param params the JMH parameters ({@code @Param}) of this result, in declaration order
 * @param throughput whether the score is a rate (ops per time unit, higher is better) rather than a
 *     time per operation
 * @param score the mean over the measurement iterations
 * @param error the half-width of JMH's 99.9% confidence interval, NaN with a single iteration
 * @param unit the score's unit as JMH prints it ({@code us/op}, {@code ops/s} …)
 * @param allocation bytes allocated per operation by every thread ({@code gc.alloc.rate.norm}), or NaN
 *     when run without {@code -prof gc}
 * @param allocationError its error
 */
public record JmhScore(String benchmarkClass, String method, Map<String, String> params, boolean throughput,
    double score, double error, String unit, double allocation, double allocationError) {

  /** {@return the results in a JMH JSON result file} */
  public static List<JmhScore> read(Path jmhJson) throws IOException {
    var results = new ArrayList<JmhScore>();
    for (Object entry : new JsonArray(Files.readString(jmhJson))) {
      var result = (JsonObject) entry;
      String benchmark = result.getString("benchmark");
      int dot = benchmark.lastIndexOf('.');
      var params = new LinkedHashMap<String, String>();
      var paramsJson = result.getJsonObject("params");
      if (paramsJson != null) {
        paramsJson.forEach(param -> params.put(param.getKey(), String.valueOf(param.getValue())));
      }
      var primary = result.getJsonObject("primaryMetric");
      var allocation = result.getJsonObject("secondaryMetrics", new JsonObject()).getJsonObject("gc.alloc.rate.norm");
      results.add(new JmhScore(benchmark.substring(0, dot), benchmark.substring(dot + 1), Map.copyOf(params),
          "thrpt".equals(result.getString("mode")), number(primary.getValue("score")),
          number(primary.getValue("scoreError")), primary.getString("scoreUnit"),
          allocation == null ? Double.NaN : number(allocation.getValue("score")),
          allocation == null ? Double.NaN : number(allocation.getValue("scoreError"))));
    }
    return results;
  }

  /** JMH writes NaN and infinities as strings. */
  private static double number(Object value) {
    return switch (value) {
      case Number n -> n.doubleValue();
      case String s -> Double.parseDouble(s);
      case null -> Double.NaN;
      default -> throw new IllegalArgumentException("not a number: " + value);
    };
  }

  /** {@return the class's simple name, e.g. PointSelectBench} */
  public String simpleClassName() {
    return benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
  }

  /** {@return the score as nanoseconds per operation, whatever the unit} */
  public double nanosPerOp() {
    return throughput ? 1e9 / (score / secondsPer(unit)) : score * nanosPer(unit);
  }

  /** {@return the score as operations per second, whatever the unit} */
  public double opsPerSecond() {
    return 1e9 / nanosPerOp();
  }

  /** "us/op" → 1000; the time unit of a time-per-operation score, in nanoseconds. */
  private static double nanosPer(String unit) {
    return switch (unit.substring(0, unit.indexOf('/'))) {
      case "ns" -> 1;
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "min" -> 60e9;
      default -> throw new IllegalArgumentException("unknown time unit in " + unit);
    };
  }

  /** "ops/ms" → 0.001; the time unit of a throughput score, in seconds. */
  private static double secondsPer(String unit) {
    return nanosPer(unit.substring(unit.indexOf('/') + 1) + "/") / 1e9;
  }
}
