package dev.tusk.bench.run;

import dev.tusk.bench.BenchData;
import dev.tusk.bench.BenchServer;
import dev.tusk.bench.report.Machine;
import dev.tusk.bench.report.MarkdownReport;
import dev.tusk.bench.report.PgbenchScore;
import dev.tusk.bench.report.RunResults;
import dev.tusk.driver.PgConnection;
import dev.tusk.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmark suite: one server for the whole run, data loaded once, every benchmark in the
 * same JMH run, then pgbench against the same server, then the report.
 *
 * <ol>
 *   <li>The server is {@code TUSK_URL} when set, else the testkit's disposable PostgreSQL (fsync,
 *       synchronous_commit and full_page_writes off), started here, before any fork, so that forks
 *       share it instead of each starting one; they receive its URL as {@code -Dtusk.bench.url}.
 *   <li>{@link BenchData#load} creates and fills the tables.
 *   <li>JMH runs with {@code -prof gc}, writing JSON; any benchmark that throws fails the run.
 *   <li>pgbench measures libpq on the same point select, plain and pipelined.
 *   <li>The report is written: to {@code docs/} by a full run, to {@code target/quick-report/} by a
 *       quick one (so CI exercises the report code without touching the docs).
 * </ol>
 * Exits with status 1 when anything fails, which fails the Maven build.
 */
public final class BenchmarkRunner {
  /**
   * A fixed heap, so that allocation-heavy clients do not also pay for resizing it; native access
   * for the epoll transport; JMH's own use of {@code sun.misc.Unsafe} allowed without a warning.
   */
  private static final List<String> FORK_JVM_ARGS = List.of("-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow", "-Dorg.jooq.no-logo=true", "-Dorg.jooq.no-tips=true");

  private BenchmarkRunner() {}

  public static void main(String[] args) {
    int status;
    try {
      run(RunOptions.parse(args));
      status = 0;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      status = 2;
    } catch (Exception e) {
      System.err.println("Benchmark run failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    // The testkit's shutdown hook stops the server it started.
    System.exit(status);
  }

  private static void run(RunOptions options) throws Exception {
    if (options.mode() == RunMode.REPORT_ONLY) {
      writeReport(options);
      return;
    }
    long started = System.nanoTime();
    requireGeneratedBenchmarks();
    Files.createDirectories(options.output());

    var shownJvmArgs = new ArrayList<>(FORK_JVM_ARGS);
    shownJvmArgs.addAll(options.jvmArgs());
    var forkJvmArgs = new ArrayList<>(shownJvmArgs);
    String externalUrl = System.getenv(BenchServer.URL_VARIABLE);
    BenchServer server;
    String serverSource;
    if (externalUrl != null && !externalUrl.isBlank()) {
      // The forks inherit TUSK_URL from the environment: its password stays off the command line.
      server = BenchServer.of(externalUrl.trim());
      serverSource = "the server at " + BenchServer.URL_VARIABLE + " (" + server + ")";
    } else {
      var startedServer = TestPostgres.shared();
      server = BenchServer.of(startedServer.url());
      serverSource = "disposable server from the testkit (" + startedServer.source() + "), on loopback";
      forkJvmArgs.add("-D" + BenchServer.URL_PROPERTY + "=" + server.url());
    }
    System.out.println("Benchmarking against " + server + ": " + serverSource);

    Machine machine;
    try (var connection = new ClosingConnection(PgConnection.connect(server.tuskOptions()).join())) {
      long loadStarted = System.nanoTime();
      BenchData.load(connection.connection());
      System.out.printf("Loaded the benchmark tables in %d ms%n", Duration.ofNanos(System.nanoTime() - loadStarted).toMillis());
      machine = MachineProbe.describe(options.mode(), connection.connection(), serverSource, shownJvmArgs);
    }

    Path jmhJson = options.output().resolve(RunResults.JMH_FILE);
    ChainedOptionsBuilder jmh = new OptionsBuilder()
        .include(options.include())
        .addProfiler(GCProfiler.class)
        .jvmArgsAppend(forkJvmArgs.toArray(String[]::new))
        .shouldFailOnError(true)
        .resultFormat(ResultFormatType.JSON)
        .result(jmhJson.toString());
    for (String profiler : options.profilers()) {
      int colon = profiler.indexOf(':');
      if (colon < 0) {
        jmh.addProfiler(profiler);
      } else {
        jmh.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
      }
    }
    options.mode().configure(jmh);
    Collection<RunResult> results = runJmh(jmh);
    if (results.isEmpty()) {
      throw new IllegalStateException("JMH ran no benchmark matching " + options.include());
    }

    System.out.println("Running pgbench against the same server");
    List<PgbenchScore> pgbench = new PgbenchReference(server, options.output().resolve("pgbench"))
        .run(options.mode().pgbench());
    PgbenchScore.write(pgbench, options.output().resolve(RunResults.PGBENCH_FILE));
    pgbench.forEach(score -> System.out.println("pgbench " + score.mode() + ": " + (score.measured()
        ? String.format("%.0f queries/s", score.queriesPerSecond()) : score.unavailable())));

    long minutes = Duration.ofNanos(System.nanoTime() - started).toMinutes();
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSecondsPart();
    machine.with("Load average (1, 5, 15 min) at the end", MachineProbe.loadAverage())
        .with("Run time", minutes + " min " + seconds + " s in total (server start, data load, JMH, pgbench)")
        .write(options.output().resolve(RunResults.MACHINE_FILE));
    writeReport(options);
  }

  private static Collection<RunResult> runJmh(ChainedOptionsBuilder options) throws RunnerException {
    try {
      return new Runner(options.build()).run();
    } catch (RunnerException e) {
      throw new RunnerException("a benchmark failed (see its stack trace above); the run is void", e);
    }
  }

  private static void writeReport(RunOptions options) throws IOException {
    var results = RunResults.read(options.output());
    new MarkdownReport(results).writeTo(options.reportDirectory());
    System.out.println("Report written to " + options.reportDirectory().resolve("benchmarks.md"));
  }

  /**
   * Fails when the JMH annotation processor did not run: on JDK 23+ it must be listed in the
   * compiler's {@code annotationProcessorPaths}, or javac silently generates nothing.
   */
  private static void requireGeneratedBenchmarks() throws IOException {
    int count = GeneratedBenchmarks.count();
    if (count == 0) {
      throw new IllegalStateException("META-INF/BenchmarkList is missing or empty: the JMH annotation processor "
          + "did not run (it must be in maven-compiler-plugin's annotationProcessorPaths)");
    }
    System.out.println(count + " benchmarks generated");
  }

  /** Closes the loading connection however the block ends. */
  private record ClosingConnection(PgConnection connection) implements AutoCloseable {
    @Override
    public void close() {
      connection.close().join();
    }
  }
}
