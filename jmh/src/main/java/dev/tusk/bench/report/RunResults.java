package dev.tusk.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run measured: JMH's results, pgbench's, and the machine they ran on.
 *
 * @param scores the JMH results
 * @param pgbench the pgbench results, one per mode
 * @param machine the machine, server and software versions
 */
public record RunResults(List<JmhScore> scores, List<PgbenchScore> pgbench, Machine machine) {
  public static final String JMH_FILE = "jmh-result.json";
  public static final String PGBENCH_FILE = "pgbench-result.json";
  public static final String MACHINE_FILE = "machine.json";

  public RunResults {
    scores = List.copyOf(scores);
    pgbench = List.copyOf(pgbench);
  }

  /** {@return the results a run left in a directory} */
  public static RunResults read(Path directory) throws IOException {
    Path pgbenchFile = directory.resolve(PGBENCH_FILE);
    return new RunResults(JmhScore.read(directory.resolve(JMH_FILE)),
        Files.exists(pgbenchFile) ? PgbenchScore.read(pgbenchFile) : List.of(),
        Machine.read(directory.resolve(MACHINE_FILE)));
  }

  /** {@return a benchmark method's result, by simple class name, method and parameters} */
  public Optional<JmhScore> score(String simpleClassName, String method, Map<String, String> params) {
    return scores.stream()
        .filter(score -> score.simpleClassName().equals(simpleClassName) && score.method().equals(method)
            && score.params().equals(params))
        .findFirst();
  }

  /** {@return the pgbench result of a mode, when it was measured} */
  public Optional<PgbenchScore> pgbench(String mode) {
    return pgbench.stream().filter(score -> score.mode().equals(mode) && score.measured()).findFirst();
  }
}
