package dev.tusk.testkit.fault;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the live threads, virtual ones included. {@link Thread#getAllStackTraces()} leaves out
 * virtual threads, so this reads the JDK's JSON thread dump, which lists them.
 */
final class LiveThreads {
  private static final Pattern NAME = Pattern.compile("\"name\": \"([^\"]*)\"");

  private LiveThreads() {}

  static List<String> namedWith(String prefix) throws IOException {
    Path directory = Files.createTempDirectory("thread-dump");
    Path dump = directory.resolve("threads.json");
    try {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
      Matcher names = NAME.matcher(Files.readString(dump));
      return names.results().map(match -> match.group(1)).filter(name -> name.startsWith(prefix)).toList();
    } finally {
      Files.deleteIfExists(dump);
      Files.deleteIfExists(directory);
    }
  }
}
