package dev.tusk.bench.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner's command line.
 *
 * @param mode quick, full or report-only
 * @param output where the JSON results go ({@code jmh/target})
 * @param docs where the full run writes {@code benchmarks.md} and its chart
 * @param include the benchmarks to run, a regular expression over their full names
 * @param profilers extra JMH profilers ({@code -prof}), {@code gc} always runs
 * @param jvmArgs extra options for the forked JVMs, e.g. a flight recording with custom settings
 */
record RunOptions(RunMode mode, Path output, Path docs, String include, List<String> profilers, List<String> jvmArgs) {
  static final String USAGE = """
      usage: BenchmarkRunner --quick|--full|--report-only [--output DIR] [--docs DIR]
                             [--include REGEX] [--prof PROFILER[:OPTIONS]]... [--jvm-arg OPTION]...
        --quick        every benchmark once, briefly (CI smoke run); report to OUTPUT/quick-report
        --full         the published run; JSON to OUTPUT, report to DOCS/benchmarks.md and .svg
        --report-only  regenerate DOCS/benchmarks.md from the JSON files in OUTPUT
      The server is TUSK_URL (a libpq URL) when set, else a disposable PostgreSQL from the testkit.""";

  static final String ALL_BENCHMARKS = "dev\\.tusk\\.bench\\..*";

  static RunOptions parse(String... args) {
    RunMode mode = null;
    Path output = Path.of("target");
    Path docs = Path.of("../docs");
    String include = ALL_BENCHMARKS;
    var profilers = new ArrayList<String>();
    var jvmArgs = new ArrayList<String>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> mode = RunMode.QUICK;
        case "--full" -> mode = RunMode.FULL;
        case "--report-only" -> mode = RunMode.REPORT_ONLY;
        case "--output" -> output = Path.of(value(args, ++i));
        case "--docs" -> docs = Path.of(value(args, ++i));
        case "--include" -> include = value(args, ++i);
        case "--prof" -> profilers.add(value(args, ++i));
        case "--jvm-arg" -> jvmArgs.add(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'\n" + USAGE);
      }
    }
    if (mode == null) {
      throw new IllegalArgumentException("choose a mode\n" + USAGE);
    }
    return new RunOptions(mode, output.toAbsolutePath().normalize(), docs.toAbsolutePath().normalize(), include,
        List.copyOf(profilers), List.copyOf(jvmArgs));
  }

  private static String value(String[] args, int index) {
    if (index >= args.length) {
      throw new IllegalArgumentException(args[index - 1] + " needs a value\n" + USAGE);
    }
    return args[index];
  }

  /**
   * {@return where this run's report goes}: the docs only for a complete full run without extra
   * profilers or JVM options (which would change the numbers), or when regenerating; a scratch
   * directory otherwise
   */
  Path reportDirectory() {
    return switch (mode) {
      case QUICK -> output.resolve("quick-report");
      case FULL -> include.equals(ALL_BENCHMARKS) && profilers.isEmpty() && jvmArgs.isEmpty() ? docs
          : output.resolve("partial-report");
      case REPORT_ONLY -> docs;
    };
  }
}
