package dev.tusk.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One of the performance targets as data: {@code measured ≤ factor × reference} (or ≥). The
 * report states the measured ratio for each; nothing asserts it, so a miss is reported, not hidden.
 *
 * @param benchmark the benchmark number (1 to 7)
 * @param statement the target as the issue words it
 * @param measured the Tusk quantity
 * @param relation whether the ratio must stay at most or at least {@code factor}
 * @param factor the limit on {@code measured / reference}
 * @param reference what Tusk is compared with
 */
public record Target(int benchmark, String statement, Quantity measured, Relation relation, double factor,
    Quantity reference) {

  /** Which side of the factor the ratio must stay on. */
  public enum Relation { AT_MOST, AT_LEAST }

  /** A number read from a run's results. */
  public sealed interface Quantity {
    /** Nanoseconds per operation of a benchmark method. */
    record Time(String benchmark, String method, Map<String, String> params) implements Quantity {}

    /** Operations per second of a benchmark method. */
    record Rate(String benchmark, String method, Map<String, String> params) implements Quantity {}

    /** Bytes allocated per operation of a benchmark method. */
    record Allocation(String benchmark, String method, Map<String, String> params) implements Quantity {}

    /** The least time per operation among several methods of one benchmark (the best of them). */
    record FastestOf(String benchmark, List<String> methods) implements Quantity {}

    /** Nanoseconds per query of a pgbench mode. */
    record PgbenchTime(String mode) implements Quantity {}

    /** Queries per second of a pgbench mode. */
    record PgbenchRate(String mode) implements Quantity {}

    /** A fixed number of bytes. */
    record Bytes(double bytes) implements Quantity {}
  }

  /**
   * A measured value and the half-width of its 99.9 % confidence interval (0 for a constant; NaN
   * when the run had too few iterations to tell).
   */
  public record Estimate(double value, double error) {
    /** {@return the interval's lower end, never below 0} */
    double low() {
      return Double.isNaN(error) ? value : Math.max(0, value - error);
    }

    /** {@return the interval's upper end} */
    double high() {
      return Double.isNaN(error) ? value : value + error;
    }
  }

  /** {@return the value of a quantity in a run, empty when the run did not measure it} */
  public static Optional<Estimate> valueOf(Quantity quantity, RunResults results) {
    return switch (quantity) {
      case Quantity.Time time -> results.score(time.benchmark(), time.method(), time.params()).map(Target::time);
      case Quantity.Rate rate -> results.score(rate.benchmark(), rate.method(), rate.params())
          .map(score -> new Estimate(score.opsPerSecond(), score.opsPerSecond() * relativeError(score)));
      case Quantity.Allocation allocation -> results.score(allocation.benchmark(), allocation.method(),
          allocation.params()).filter(score -> !Double.isNaN(score.allocation()))
          .map(score -> new Estimate(score.allocation(), score.allocationError()));
      case Quantity.FastestOf fastest -> fastest.methods().stream()
          .flatMap(method -> results.score(fastest.benchmark(), method, Map.of()).stream())
          .min(java.util.Comparator.comparingDouble(JmhScore::nanosPerOp)).map(Target::time);
      case Quantity.PgbenchTime time -> results.pgbench(time.mode()).map(score -> new Estimate(score.nanosPerQuery(),
          score.nanosPerQuery() * score.queriesPerSecondError() / score.queriesPerSecond()));
      case Quantity.PgbenchRate rate -> results.pgbench(rate.mode())
          .map(score -> new Estimate(score.queriesPerSecond(), score.queriesPerSecondError()));
      case Quantity.Bytes bytes -> Optional.of(new Estimate(bytes.bytes(), 0));
    };
  }

  private static Estimate time(JmhScore score) {
    return new Estimate(score.nanosPerOp(), score.nanosPerOp() * relativeError(score));
  }

  private static double relativeError(JmhScore score) {
    return score.error() / score.score();
  }

  /** {@return a quantity's value with its unit, e.g. "37.2 µs", "84,120 q/s", "352 B"; "–" when not measured} */
  public static String describe(Quantity quantity, RunResults results) {
    var estimate = valueOf(quantity, results);
    if (estimate.isEmpty()) {
      return "–";
    }
    double v = estimate.get().value();
    return switch (quantity) {
      case Quantity.Time ignored -> duration(v);
      case Quantity.FastestOf ignored -> duration(v);
      case Quantity.PgbenchTime ignored -> duration(v);
      case Quantity.Rate ignored -> String.format(java.util.Locale.ROOT, "%,.0f q/s", v);
      case Quantity.PgbenchRate ignored -> String.format(java.util.Locale.ROOT, "%,.0f q/s", v);
      case Quantity.Allocation ignored -> String.format(java.util.Locale.ROOT, "%,.0f B", v);
      case Quantity.Bytes ignored -> String.format(java.util.Locale.ROOT, "%,.0f B", v);
    };
  }

  private static String duration(double nanos) {
    if (nanos >= 1e6) {
      return String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    if (nanos >= 1e3) {
      return String.format(java.util.Locale.ROOT, "%.1f µs", nanos / 1e3);
    }
    return String.format(java.util.Locale.ROOT, "%.0f ns", nanos);
  }

  /** {@return measured ÷ reference in a run, empty when either was not measured} */
  public OptionalDouble ratio(RunResults results) {
    var m = valueOf(measured, results);
    var r = valueOf(reference, results);
    return m.isEmpty() || r.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(m.get().value() / r.get().value());
  }

  /**
   * {@return whether the run's error bars leave the verdict open}: the limit lies between the lowest
   * and the highest ratio the two confidence intervals allow
   */
  public boolean isWithinError(RunResults results) {
    var m = valueOf(measured, results);
    var r = valueOf(reference, results);
    if (m.isEmpty() || r.isEmpty()) {
      return false;
    }
    double lowest = m.get().low() / r.get().high();
    double highest = r.get().low() == 0 ? Double.POSITIVE_INFINITY : m.get().high() / r.get().low();
    return lowest <= factor && factor <= highest;
  }

  /** {@return whether a ratio meets the target} */
  public boolean isMetBy(double ratio) {
    return switch (relation) {
      case AT_MOST -> ratio <= factor;
      case AT_LEAST -> ratio >= factor;
    };
  }
}
