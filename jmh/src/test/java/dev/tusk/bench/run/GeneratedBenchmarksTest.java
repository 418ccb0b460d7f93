package dev.tusk.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.bench.Contender;
import dev.tusk.bench.Question;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The build-time guard against JMH's silent failure on JDK 23+: without the annotation processor in
 * {@code annotationProcessorPaths}, the build succeeds and {@code META-INF/BenchmarkList} is missing,
 * so JMH would run nothing. This test fails the build instead.
 */
class GeneratedBenchmarksTest {
  private static final List<String> BENCHMARK_CLASSES = List.of(
      "dev.tusk.bench.driver.PointSelectBench",
      "dev.tusk.bench.driver.ChainedPointSelectBench",
      "dev.tusk.bench.driver.PipelinedPointSelectBench",
      "dev.tusk.bench.driver.WideFetchBench",
      "dev.tusk.bench.driver.BatchInsertBench",
      "dev.tusk.bench.driver.PooledPointSelectBench",
      "dev.tusk.bench.driver.PoolCheckoutBench",
      "dev.tusk.bench.compile.StatementBuildBench");

  private static Set<BenchmarkListEntry> entries() {
    return BenchmarkList.defaultList().getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
        List.of());
  }

  @Test
  void theAnnotationProcessorGeneratedTheBenchmarkList() throws Exception {
    int count = GeneratedBenchmarks.count();
    assertTrue(count > 0, GeneratedBenchmarks.RESOURCE + " is missing or empty: the JMH annotation processor did not "
        + "run (list jmh-generator-annprocess in maven-compiler-plugin's annotationProcessorPaths)");
    assertEquals(entries().size(), count);
  }

  @Test
  void everyBenchmarkClassIsListed() {
    var listed = entries().stream().map(BenchmarkListEntry::getUserClassQName).collect(Collectors.toSet());
    assertEquals(Set.copyOf(BENCHMARK_CLASSES), listed);
  }

  @Test
  void everyBenchmarkSaysWhatItAsksAndWhomItMeasures() throws Exception {
    for (var entry : entries()) {
      Class<?> type = Class.forName(entry.getUserClassQName());
      assertNotNull(type.getAnnotation(Question.class), type.getName() + " needs @Question for the report");
      String methodName = entry.getUsername().substring(entry.getUserClassQName().length() + 1);
      var method = java.util.Arrays.stream(type.getMethods())
          .filter(candidate -> candidate.getName().equals(methodName)).findFirst().orElseThrow();
      assertNotNull(method.getAnnotation(Contender.class), entry.getUsername() + " needs @Contender for the report");
    }
  }

  @Test
  void eachQuestionHasItsOwnPlaceInTheReport() {
    var orders = BENCHMARK_CLASSES.stream().map(name -> {
      try {
        return Class.forName(name).getAnnotation(Question.class).order();
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
    }).toList();
    assertEquals(orders.size(), Set.copyOf(orders).size(), "two benchmark classes share a report position");
  }
}
