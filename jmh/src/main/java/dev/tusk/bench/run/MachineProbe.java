package dev.tusk.bench.run;

import dev.tusk.bench.report.Machine;
import dev.tusk.driver.PgConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Describes what a run measures on: hardware, OS, JVM, PostgreSQL and its settings, pgbench and
 * every client's version. Reads Linux's {@code /proc} and {@code /etc/os-release} where present;
 * a fact it cannot find says so.
 */
final class MachineProbe {
  private static final List<String> SERVER_SETTINGS = List.of(
      "fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "max_wal_size", "ssl");

  private MachineProbe() {}

  static Machine describe(RunMode mode, PgConnection connection, String serverSource, List<String> forkJvmArgs) {
    var facts = new LinkedHashMap<String, String>();
    facts.put("Date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    facts.put("Run", switch (mode) {
      case FULL -> "full: 1 fork per benchmark, warmup 2 × 5 s, measurement 5 × 5 s (compile benchmarks: warmup "
          + "5 × 2 s, measurement 5 × 2 s; pool benchmarks: warmup 2 × 3 s, measurement 3 × 3 s), -prof gc";
      case QUICK -> "quick (smoke test, not a measurement): 1 fork, warmup 1 × 0.2 s, measurement 1 × 0.3 s";
      case REPORT_ONLY -> "report only";
    });
    facts.put("Load average (1, 5, 15 min) at the start", loadAverage());
    facts.put("Priority", niceness());
    facts.put("CPUs", Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + ")");
    facts.put("Memory", memory());
    facts.put("OS", osName() + ", kernel " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    facts.put("JDK", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"));
    facts.put("Fork JVM options", "`" + String.join(" ", forkJvmArgs) + "` (plus the runner's own) and JVM "
        + "defaults otherwise (G1)");
    facts.put("PostgreSQL", connection.query("SELECT version()").join().getFirst().getString(0)
        + " — " + serverSource);
    String names = SERVER_SETTINGS.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    facts.put("Server settings", connection.query(
            "SELECT name, setting, unit FROM pg_settings WHERE name IN (" + names + ") ORDER BY name").join().stream()
        .map(row -> row.getString(0) + "=" + row.getString(1) + (row.getString(2) == null ? "" : " " + row.getString(2)))
        .collect(Collectors.joining(", ")));
    facts.put("TLS on the runner's Tusk connection", connection.query(
        "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)::text").join()
        .getFirst().getString(0) + " (every client is configured with TLS off)");
    facts.put("pgbench", PgbenchReference.version());
    var versions = clientVersions();
    facts.put("Clients", "Tusk " + versions.getProperty("tusk") + " (" + gitRevision() + "), pgjdbc "
        + versions.getProperty("pgjdbc") + " (pooled by HikariCP " + versions.getProperty("hikaricp")
        + "), vertx-pg-client " + versions.getProperty("vertx-pg-client")
        + ", r2dbc-postgresql " + versions.getProperty("r2dbc-postgresql") + " (reactor-core "
        + versions.getProperty("reactor-core") + "), jOOQ " + versions.getProperty("jooq") + "; Netty "
        + versions.getProperty("netty") + " for all; JMH " + versions.getProperty("jmh"));
    facts.put("Transports", "Tusk NIO, vertx-pg-client NIO, r2dbc-postgresql epoll (reactor-netty's default when "
        + "the native transport is present), pgjdbc blocking socket; all over TCP loopback with TLS off (sslmode=disable for every client and pgbench)");
    return new Machine(facts);
  }

  /**
   * {@return the load averages} Other work on the machine during a run shows here: on 2 cores, a
   * load above ~1 beyond the run itself (client plus server) means the numbers were shared.
   */
  static String loadAverage() {
    if (!Files.exists(Path.of("/proc/loadavg"))) {
      return "unknown";
    }
    var fields = read("/proc/loadavg").strip().split("\\s+");
    return fields[0] + ", " + fields[1] + ", " + fields[2];
  }

  /** {@return the run's scheduling priority, which its forks, PostgreSQL and pgbench inherit} */
  private static String niceness() {
    if (!Files.exists(Path.of("/proc/self/stat"))) {
      return "unknown";
    }
    String stat = read("/proc/self/stat");
    // fields after the parenthesised command name: state is field 3, nice is field 19
    var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    String nice = fields[19 - 3];
    return nice.equals("0") ? "nice 0 (default)"
        : "nice " + nice + ", inherited by the forks, PostgreSQL and pgbench (to keep other work on the machine from "
            + "interfering)";
  }

  private static String cpuModel() {
    String model = procField("/proc/cpuinfo", "model name");
    String hypervisor = Files.exists(Path.of("/sys/hypervisor/type")) ? read("/sys/hypervisor/type").strip() : null;
    boolean virtual = hypervisor != null || procField("/proc/cpuinfo", "flags").contains(" hypervisor");
    return (model == null ? "unknown model" : model) + (virtual ? ", virtual machine" : "");
  }

  private static String memory() {
    String total = procField("/proc/meminfo", "MemTotal");
    if (total == null) {
      return "unknown";
    }
    long kib = Long.parseLong(total.replace("kB", "").strip());
    return String.format(java.util.Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
  }

  private static String osName() {
    Path osRelease = Path.of("/etc/os-release");
    if (Files.exists(osRelease)) {
      for (String line : read(osRelease.toString()).split("\n")) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    }
    return System.getProperty("os.name");
  }

  private static String procField(String file, String field) {
    if (!Files.exists(Path.of(file))) {
      return null;
    }
    for (String line : read(file).split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equals(field)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Properties clientVersions() {
    var versions = new Properties();
    try (InputStream in = MachineProbe.class.getResourceAsStream("/bench-versions.properties")) {
      versions.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("bench-versions.properties is missing from the build", e);
    }
    return versions;
  }

  /**
   * {@return the commit the run was built from} Uncommitted changes are named by top-level
   * directory, except the benchmarks' own ({@code jmh/}, {@code docs/}), which do not change what is
   * measured.
   */
  private static String gitRevision() {
    try {
      String revision = command("git", "rev-parse", "--short", "HEAD");
      if (revision == null) {
        return "not a git checkout";
      }
      String status = command("git", "status", "--porcelain", "--untracked-files=all");
      var changed = status == null ? List.<String>of() : status.lines()
          .map(line -> line.substring(3))
          .map(path -> path.contains(" -> ") ? path.substring(path.indexOf(" -> ") + 4) : path)
          .map(path -> path.contains("/") ? path.substring(0, path.indexOf('/')) : path)
          .filter(directory -> !directory.equals("jmh") && !directory.equals("docs"))
          .distinct().sorted().toList();
      return "commit " + revision + (changed.isEmpty() ? "" : " with uncommitted changes in " + String.join(", ", changed));
    } catch (IOException e) {
      return "git unavailable";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "git unavailable";
    }
  }

  /** {@return the command's output, or null when it failed} */
  private static String command(String... command) throws IOException, InterruptedException {
    var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    // stripTrailing: porcelain status lines start with a meaningful space
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : null;
  }
}
