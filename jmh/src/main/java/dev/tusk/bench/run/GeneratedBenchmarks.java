package dev.tusk.bench.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the JMH annotation processor generated: {@code META-INF/BenchmarkList}, one line per
 * benchmark method. Missing or empty means the processor did not run, and JMH would then run
 * nothing without complaint.
 */
public final class GeneratedBenchmarks {
  public static final String RESOURCE = "META-INF/BenchmarkList";

  private GeneratedBenchmarks() {}

  /** {@return the number of generated benchmark methods, 0 when the list is missing} */
  public static int count() throws IOException {
    try (InputStream in = GeneratedBenchmarks.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return 0;
      }
      return (int) new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).count();
    }
  }
}
