package dev.tusk.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs PostgreSQL's programs on this machine. PostgreSQL refuses to run as root; as root on Linux
 * each program therefore runs in a new user namespace ({@code unshare -U}), where it and the files
 * root created both appear as the overflow user, which satisfies its ownership checks.
 */
final class HostProcesses {
  private static final boolean WRAP_IN_USER_NAMESPACE = isLinuxRoot();

  private HostProcesses() {}

  static List<String> command(Path program, String... arguments) {
    List<String> command = new ArrayList<>();
    if (WRAP_IN_USER_NAMESPACE) {
      command.add("unshare");
      command.add("-U");
    }
    command.add(program.toString());
    command.addAll(List.of(arguments));
    return command;
  }

  /** Runs a program to completion, its output appended to {@code log}, failing with that log's tail. */
  static void run(List<String> command, Path log, String stdin, long timeoutSeconds) throws IOException {
    var builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s\n" + tail(log));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.getFirst(), e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + "\n" + tail(log));
    }
  }

  /** {@return the last lines of a log file, for error messages} */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  private static boolean isLinuxRoot() {
    if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")) {
      return false;
    }
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Uid:"))
          .anyMatch(line -> line.split("\\s+")[2].equals("0"));
    } catch (IOException e) {
      return false;
    }
  }
}
