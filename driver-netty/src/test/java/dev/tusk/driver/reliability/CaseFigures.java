package dev.tusk.driver.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The figures of a class of many small cases (hostile inputs, attacks): each case's outcome (a
 * SQLSTATE, mostly), what it left behind (the connection still usable, say) and how long it took,
 * grouped by kind of case and printed once the class is done, as its "last run" figures for
 * {@code docs/reliability.md}. Record a case only after its assertions passed: the figures then
 * say what was checked.
 */
final class CaseFigures {
  private final String title;
  private final Map<String, Group> groups = new LinkedHashMap<>();

  private static final class Group {
    int cases;
    final Set<String> outcomes = new LinkedHashSet<>();
    final Set<String> afterwards = new LinkedHashSet<>();
    long maxNanos;
    long totalNanos;
  }

  CaseFigures(String title) {
    this.title = title;
  }

  /**
   * Records one case.
   *
   * @param group the kind of case, a row of the report
   * @param outcome what it ended with, for example its SQLSTATE
   * @param afterwards what it left behind, for example "connection usable"
   * @param nanos how long it took
   */
  synchronized void record(String group, String outcome, String afterwards, long nanos) {
    Group figures = groups.computeIfAbsent(group, name -> new Group());
    figures.cases++;
    figures.outcomes.add(outcome);
    figures.afterwards.add(afterwards);
    figures.maxNanos = Math.max(figures.maxNanos, nanos);
    figures.totalNanos += nanos;
  }

  /** {@link #record} with the time since {@code startNanos}. */
  void recordSince(String group, String outcome, String afterwards, long startNanos) {
    record(group, outcome, afterwards, System.nanoTime() - startNanos);
  }

  /** Prints one line per group, then the totals. */
  synchronized void print() {
    int total = 0;
    long totalNanos = 0;
    List<String> lines = new ArrayList<>();
    for (var entry : groups.entrySet()) {
      Group group = entry.getValue();
      total += group.cases;
      totalNanos += group.totalNanos;
      lines.add(String.format("%s: %s | %d | %s | %s | %s", title, entry.getKey(), group.cases, String.join(", ", group.outcomes),
          String.join("; ", group.afterwards), millis(group.maxNanos)));
    }
    lines.forEach(System.out::println);
    System.out.printf("%s: %d cases in %d groups, %s in all%n", title, total, groups.size(), millis(totalNanos));
  }

  /** A time as the report shows it: milliseconds, with one decimal below ten. */
  private static String millis(long nanos) {
    double millis = nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    return millis < 10 ? String.format("%.1f ms", millis) : String.format("%,d ms", Math.round(millis));
  }
}
