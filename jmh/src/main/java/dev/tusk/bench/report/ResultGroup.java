package dev.tusk.bench.report;

import dev.tusk.bench.Contender;
import dev.tusk.bench.Question;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The results of one benchmark class for one set of parameters: the clients that answered the same
 * question in the same run, which is what ratios may be taken between.
 *
 * @param question the class's question (title, method, pgbench reference)
 * @param params the JMH parameters shared by the entries
 * @param entries one per benchmark method, in the order JMH ran them
 */
public record ResultGroup(Question question, Map<String, String> params, List<Entry> entries) {

  /**
   * A benchmark method's score and the client it measures.
   *
   * @param score the JMH result
   * @param contender the client, from the method's {@link Contender} annotation
   */
  public record Entry(JmhScore score, Contender contender) {
    /** {@return whether this is a Tusk contender} */
    public boolean tusk() {
      return contender.tusk();
    }

    /** {@return whether this is a reference point (a floor), not a client} */
    public boolean reference() {
      return contender.reference();
    }

    /** {@return the client's short name for the chart} */
    public String chartName() {
      String label = contender.chartName().isEmpty() ? contender.value() : contender.chartName();
      int comma = label.indexOf(',');
      return comma < 0 ? label : label.substring(0, comma);
    }
  }

  /**
   * {@return the results grouped by class and parameters, in report order} Each class's {@link
   * Question} and each method's {@link Contender} are read by reflection from the benchmark classes.
   */
  public static List<ResultGroup> of(List<JmhScore> scores) {
    Map<String, List<JmhScore>> byGroup = scores.stream().collect(Collectors.groupingBy(
        score -> score.benchmarkClass() + score.params(), LinkedHashMap::new, Collectors.toList()));
    var groups = new ArrayList<ResultGroup>();
    for (var members : byGroup.values()) {
      var first = members.getFirst();
      Class<?> type = benchmarkClass(first.benchmarkClass());
      var question = type.getAnnotation(Question.class);
      if (question == null) {
        throw new IllegalStateException(type.getName() + " has no @Question: the report cannot describe it");
      }
      var entries = new ArrayList<Entry>();
      for (var score : members) {
        entries.add(new Entry(score, contender(type, score.method())));
      }
      groups.add(new ResultGroup(question, first.params(), entries));
    }
    groups.sort(Comparator.comparingInt((ResultGroup group) -> group.question().order())
        .thenComparing(group -> group.params().toString()));
    return groups;
  }

  private static Class<?> benchmarkClass(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the results name " + name + ", which is not on the class path", e);
    }
  }

  private static Contender contender(Class<?> type, String method) {
    for (var candidate : type.getMethods()) {
      if (candidate.getName().equals(method) && candidate.isAnnotationPresent(Contender.class)) {
        return candidate.getAnnotation(Contender.class);
      }
    }
    throw new IllegalStateException(type.getName() + "." + method + " has no @Contender: the report cannot name it");
  }

  /** {@return the question's title, with the parameters when there are any} */
  public String title() {
    return params.isEmpty() ? question.title() : question.title() + ": " + String.join(", ", params.values());
  }

  /** {@return the question's chart title, with the parameters in lower case when there are any} */
  public String chartTitle() {
    return params.isEmpty() ? question.chartTitle()
        : question.chartTitle() + ", " + String.join(", ", params.values()).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** {@return whether the scores are rates (higher is better) rather than times} */
  public boolean throughput() {
    return entries.getFirst().score().throughput();
  }

  /** {@return the fastest peer, if any peer ran} (reference points are not peers) */
  public Optional<Entry> bestPeer() {
    return entries.stream().filter(entry -> !entry.tusk() && !entry.reference())
        .min(Comparator.comparingDouble(entry -> entry.score().nanosPerOp()));
  }

  /** {@return the entry of a method} */
  public Optional<Entry> entry(String method) {
    return entries.stream().filter(entry -> entry.score().method().equals(method)).findFirst();
  }

  /**
   * {@return an entry's score divided by the best peer's, in the score's own terms}: below 1 is
   * faster for times, above 1 is faster for rates
   */
  public double ratioToBestPeer(Entry entry) {
    return bestPeer().map(best -> entry.score().score() / best.score().score()).orElse(Double.NaN);
  }

  /** {@return how many times faster than the best peer an entry is (above 1 is faster)} */
  public double speedupOverBestPeer(Entry entry) {
    return bestPeer().map(best -> best.score().nanosPerOp() / entry.score().nanosPerOp()).orElse(Double.NaN);
  }
}
