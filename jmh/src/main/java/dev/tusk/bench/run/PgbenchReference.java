package dev.tusk.bench.run;

import dev.tusk.bench.BenchData;
import dev.tusk.bench.BenchServer;
import dev.tusk.bench.report.PgbenchScore;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs PostgreSQL's own C client, pgbench, on the point select against the same server as the JMH
 * run: the physical reference every Java client is compared with. Any pgbench version can talk to
 * any server version; when none is installed the report says so instead of failing.
 *
 * <p>The server address reaches pgbench through libpq's {@code PG*} environment variables, so that
 * a password never appears on a command line.
 */
final class PgbenchReference {
  static final String PREPARED = "prepared";
  static final String PIPELINE = "pipeline";
  static final int PIPELINE_QUERIES = 100;

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern FAILED = Pattern.compile("number of failed transactions: ([1-9][0-9]*)");

  /**
   * How long pgbench runs, per mode.
   *
   * @param warmupSeconds one unmeasured run of this length first, or 0 for none
   * @param runs measured runs
   * @param seconds length of each measured run ({@code -T})
   */
  record Plan(int warmupSeconds, int runs, int seconds) {}

  private final BenchServer server;
  private final Path workDirectory;

  PgbenchReference(BenchServer server, Path workDirectory) {
    this.server = server;
    this.workDirectory = workDirectory;
  }

  /** {@return the results of both modes} */
  List<PgbenchScore> run(Plan plan) throws IOException, InterruptedException {
    var executable = findPgbench();
    if (executable == null) {
      String reason = "pgbench is not installed (Debian: apt-get install postgresql-client)";
      return List.of(PgbenchScore.unavailable(PREPARED, reason), PgbenchScore.unavailable(PIPELINE, reason));
    }
    Files.createDirectories(workDirectory);
    Path prepared = Files.writeString(workDirectory.resolve("point-select.sql"), preparedScript());
    Path pipeline = Files.writeString(workDirectory.resolve("point-select-pipeline.sql"), pipelineScript());
    return List.of(measure(executable, PREPARED, prepared, 1, plan),
        measure(executable, PIPELINE, pipeline, PIPELINE_QUERIES, plan));
  }

  /** {@return {@code pgbench --version}'s answer, or why there is none} */
  static String version() {
    var executable = findPgbench();
    if (executable == null) {
      return "not installed";
    }
    try {
      var process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      process.waitFor(10, TimeUnit.SECONDS);
      return output + " at " + executable;
    } catch (IOException e) {
      return "unusable: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static String preparedScript() {
    return "\\set id random(1, " + BenchData.POINT_ROWS + ")\nSELECT val FROM bench WHERE id = :id;\n";
  }

  /** Random ids are drawn before the pipeline starts, so only SQL is inside it. */
  private static String pipelineScript() {
    var script = new StringBuilder();
    for (int i = 1; i <= PIPELINE_QUERIES; i++) {
      script.append("\\set id").append(i).append(" random(1, ").append(BenchData.POINT_ROWS).append(")\n");
    }
    script.append("\\startpipeline\n");
    for (int i = 1; i <= PIPELINE_QUERIES; i++) {
      script.append("SELECT val FROM bench WHERE id = :id").append(i).append(";\n");
    }
    return script.append("\\endpipeline\n").toString();
  }

  private PgbenchScore measure(Path executable, String mode, Path script, int queriesPerTransaction, Plan plan)
      throws IOException, InterruptedException {
    List<String> command = List.of(executable.getFileName().toString(), "-n", "-M", "prepared", "-c", "1", "-j", "1",
        "-T", Integer.toString(plan.seconds()), "-f", script.getFileName().toString());
    try {
      if (plan.warmupSeconds() > 0) {
        runOnce(executable, script, plan.warmupSeconds());
      }
      var rates = new ArrayList<Double>();
      for (int run = 0; run < plan.runs(); run++) {
        rates.add(runOnce(executable, script, plan.seconds()));
      }
      return new PgbenchScore(mode, queriesPerTransaction, rates, String.join(" ", command), null);
    } catch (PgbenchFailure e) {
      return PgbenchScore.unavailable(mode, e.getMessage());
    }
  }

  /** {@return the transactions per second of one run} */
  private double runOnce(Path executable, Path script, int seconds) throws IOException, InterruptedException {
    var builder = new ProcessBuilder(executable.toString(), "-n", "-M", "prepared", "-c", "1", "-j", "1",
        "-T", Integer.toString(seconds), "-f", script.toString())
        .redirectErrorStream(true);
    var environment = builder.environment();
    environment.put("PGHOST", server.host());
    environment.put("PGPORT", Integer.toString(server.port()));
    environment.put("PGDATABASE", server.database());
    environment.put("PGUSER", server.user());
    // libpq would negotiate TLS with a server that offers it; no client in the run uses TLS
    environment.put("PGSSLMODE", "disable");
    if (server.password() != null) {
      environment.put("PGPASSWORD", server.password());
    }
    var process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new PgbenchFailure("pgbench did not finish");
    }
    var failed = FAILED.matcher(output);
    var tps = TPS.matcher(output);
    if (process.exitValue() != 0 || failed.find() || !tps.find()) {
      throw new PgbenchFailure("pgbench failed (exit " + process.exitValue() + "): " + lastLines(output));
    }
    return Double.parseDouble(tps.group(1));
  }

  private static String lastLines(String output) {
    var lines = output.strip().split("\n");
    return String.join(" / ", List.of(lines).subList(Math.max(0, lines.length - 3), lines.length));
  }

  private static Path findPgbench() {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "pgbench");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Path debian = Path.of("/usr/bin/pgbench");
    return Files.isExecutable(debian) ? debian : null;
  }

  /** pgbench ran but did not produce a rate. */
  private static final class PgbenchFailure extends IOException {
    PgbenchFailure(String message) {
      super(message);
    }
  }
}
