package dev.tusk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster created from the embedded binaries, provisioned (roles, TLS) and started as
 * a child process on a free loopback port. {@link #close()} stops it and deletes its files;
 * {@link #stop()} and {@link #restart()} take it down and bring it back on the same port, for tests
 * of a server restart.
 *
 * <p>Provisioning runs in single-user mode before the first start, so the test kit needs no client
 * library: the server comes up with its roles, database, certificates and {@code pg_hba.conf} in
 * place.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EmbeddedPostgres.class.getName());
  private static final int START_ATTEMPTS = 3;
  private static final long READY_TIMEOUT_MILLIS = 60_000;

  private final BinaryDistribution binaries;
  private final Path clusterDirectory;
  private final Path dataDirectory;
  private final Path log;
  /** The running server process; replaced by {@link #restart()}. Guarded by {@code this}. */
  private Process postmaster;
  private final PostgresServer server;

  private EmbeddedPostgres(BinaryDistribution binaries, Path clusterDirectory, Process postmaster, PostgresServer server) {
    this.binaries = binaries;
    this.clusterDirectory = clusterDirectory;
    this.dataDirectory = clusterDirectory.resolve("data");
    this.log = clusterDirectory.resolve("postgres.log");
    this.postmaster = postmaster;
    this.server = server;
  }

  /** {@return the connection details of the running server} */
  public PostgresServer server() {
    return server;
  }

  /**
   * Creates, provisions and starts a cluster of the given major version.
   *
   * @throws IllegalStateException when the binaries on the class path are another major version
   *     (the build selects them with {@code -Dtusk.pg.version}), or the server does not start
   */
  public static EmbeddedPostgres start(int majorVersion) {
    long started = System.nanoTime();
    BinaryDistribution binaries = BinaryDistribution.extracted();
    String version = serverVersion(binaries);
    if (!version.startsWith(majorVersion + ".")) {
      throw new IllegalStateException("PostgreSQL " + majorVersion + " was requested but the binaries on the class path are "
          + version + ". Build with -Dtusk.pg.version=" + majorVersion + " so Maven resolves the matching binaries.");
    }
    try {
      Path cache = binaries.home().getParent();
      Path clusterDirectory = Files.createTempDirectory(cache, "cluster-" + majorVersion + "-");
      Path certificates = Files.createDirectories(clusterDirectory.resolve("tls"));
      TlsFiles tls = new TestCertificates().writeTo(certificates, TestRole.CLIENT_CERT.user());
      Path hba = clusterDirectory.resolve("pg_hba.conf");
      Files.writeString(hba, Provisioning.hba(), StandardCharsets.UTF_8);
      Path data = clusterDirectory.resolve("data");
      Path log = clusterDirectory.resolve("postgres.log");
      initialize(binaries, data, log, certificates, hba);

      IOException lastFailure = null;
      for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
        int port = freePort();
        try {
          Process postmaster = startPostmaster(binaries, data, log, port);
          var server = new PostgresServer("localhost", port, Provisioning.DATABASE, Source.EMBEDDED, version,
              EnumSet.allOf(TestRole.class), Optional.of(tls), null);
          LOG.log(Level.INFO, () -> "Started " + server + " from embedded binaries in "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms (data in " + data + ")");
          return new EmbeddedPostgres(binaries, clusterDirectory, postmaster, server);
        } catch (IOException e) {
          // Most likely another process took the port between our probe and the server's bind.
          lastFailure = e;
          LOG.log(Level.WARNING, "PostgreSQL did not start on port " + port + " (attempt " + attempt + "): " + e.getMessage());
        }
      }
      throw new IllegalStateException("PostgreSQL did not start after " + START_ATTEMPTS + " attempts", lastFailure);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create an embedded PostgreSQL cluster", e);
    }
  }

  private static String serverVersion(BinaryDistribution binaries) {
    try {
      Process process = new ProcessBuilder(binaries.binary("postgres").toString(), "--version")
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      process.waitFor(30, TimeUnit.SECONDS);
      // "postgres (PostgreSQL) 17.11"
      return output.substring(output.lastIndexOf(' ') + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + binaries.binary("postgres"), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void initialize(BinaryDistribution binaries, Path data, Path log, Path certificates, Path hba)
      throws IOException {
    HostProcesses.run(HostProcesses.command(binaries.binary("initdb"),
        "-D", data.toString(), "-U", TestRole.SUPERUSER.user(), "-A", "trust",
        "-E", "UTF8", "--locale=C", "--no-sync"), log, null, 120);

    var settings = new StringBuilder("\n# Tusk test server\n");
    for (String setting : Provisioning.settings(slashes(certificates), slashes(hba))) {
      settings.append(setting).append('\n');
    }
    settings.append("unix_socket_directories = ''\n");
    Files.writeString(data.resolve("postgresql.conf"), settings, StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    singleUser(binaries, data, log, "postgres", Provisioning.roleStatements());
    singleUser(binaries, data, log, Provisioning.DATABASE, Provisioning.databaseStatements());
  }

  /**
   * Runs statements in single-user mode. That mode reports SQL errors on its output but still exits
   * with 0, so the log is checked for them.
   */
  private static void singleUser(BinaryDistribution binaries, Path data, Path log, String database, List<String> sql)
      throws IOException {
    Path sessionLog = data.resolveSibling("single-user-" + database + ".log");
    HostProcesses.run(HostProcesses.command(binaries.binary("postgres"),
        "--single", "-D", data.toString(), "-c", "exit_on_error=true", database), sessionLog,
        String.join("\n", sql) + "\n", 120);
    String output = Files.readString(sessionLog, StandardCharsets.UTF_8);
    Files.writeString(log, output, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    if (output.contains("ERROR:") || output.contains("FATAL:")) {
      throw new IOException("provisioning failed in database " + database + ":\n" + output);
    }
  }

  private static Process startPostmaster(BinaryDistribution binaries, Path data, Path log, int port) throws IOException {
    long logOffset = Files.exists(log) ? Files.size(log) : 0;
    Process postmaster = new ProcessBuilder(HostProcesses.command(binaries.binary("postgres"),
        "-D", data.toString(), "-p", Integer.toString(port)))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
    Path pidFile = data.resolve("postmaster.pid");
    while (System.currentTimeMillis() < deadline) {
      if (!postmaster.isAlive()) {
        throw new IOException("postgres exited with " + postmaster.exitValue() + ":\n" + logSince(log, logOffset));
      }
      if (isReady(pidFile, port)) {
        return postmaster;
      }
      sleep(20);
    }
    postmaster.destroyForcibly();
    throw new IOException("postgres was not ready after " + READY_TIMEOUT_MILLIS + " ms:\n" + logSince(log, logOffset));
  }

  /** The eighth line of {@code postmaster.pid} says {@code ready} once connections are accepted. */
  private static boolean isReady(Path pidFile, int port) {
    try {
      List<String> lines = Files.readAllLines(pidFile);
      return lines.size() >= 8 && lines.get(3).trim().equals(Integer.toString(port)) && lines.get(7).trim().equals("ready");
    } catch (IOException e) {
      return false;
    }
  }

  private static String logSince(Path log, long offset) {
    try {
      byte[] bytes = Files.readAllBytes(log);
      return new String(bytes, (int) Math.min(offset, bytes.length), (int) Math.max(0, bytes.length - offset),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return HostProcesses.tail(log);
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** PostgreSQL's configuration files want forward slashes, also on Windows. */
  private static String slashes(Path path) {
    return path.toAbsolutePath().toString().replace('\\', '/');
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
    }
  }

  /**
   * Stops the server as an administrator would ({@code pg_ctl stop -m fast}): every session gets
   * FATAL 57P01 and is disconnected, and new connections are refused until {@link #restart()}.
   * The cluster and its data are kept. Does nothing when the server is already stopped.
   */
  public synchronized void stop() {
    try {
      stopPostmaster();
      LOG.log(Level.INFO, () -> "Stopped " + server + " (to be restarted)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping PostgreSQL", e);
    }
  }

  /**
   * Starts the stopped server again, on the same port and with the same data, and returns once it
   * accepts connections. Does nothing when it is running.
   *
   * @throws IllegalStateException when it does not come up (another process took the port, say)
   */
  public synchronized void restart() {
    if (postmaster.isAlive()) {
      return;
    }
    try {
      postmaster = startPostmaster(binaries, dataDirectory, log, server.port());
      LOG.log(Level.INFO, () -> "Restarted " + server);
    } catch (IOException e) {
      throw new IllegalStateException("PostgreSQL did not restart on port " + server.port(), e);
    }
  }

  private void stopPostmaster() throws InterruptedException {
    if (postmaster.isAlive()) {
      try {
        HostProcesses.run(HostProcesses.command(binaries.binary("pg_ctl"),
            "stop", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "20"), log, null, 30);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "pg_ctl stop failed; killing the server: " + e.getMessage());
      }
      if (!postmaster.waitFor(10, TimeUnit.SECONDS)) {
        postmaster.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Stops the server (fast shutdown: open sessions are disconnected) and deletes the cluster. */
  @Override
  public synchronized void close() {
    try {
      stopPostmaster();
      deleteRecursively(clusterDirectory);
      LOG.log(Level.INFO, () -> "Stopped " + server);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not delete " + clusterDirectory + ": " + e.getMessage());
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
