package dev.tusk.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marked code of docs/query-layer.md and of the tests that run it, so that a test can check
 * that the guide shows exactly the code that runs and the SQL it compiles to.
 *
 * <p>In the guide, a fenced block is marked by an HTML comment on the line before it: {@code <!--
 * example: name -->} before a {@code java} block, {@code <!-- sql: name -->} before a {@code sql}
 * block. In a test source, the code of example {@code name} is the lines between {@code // ---
 * guide: name} and {@code // --- end}, without their common indentation.
 */
final class QueryLayerGuide {
  /** The guide, relative to the docs module (the tests' working directory). */
  static final Path GUIDE = Path.of("query-layer.md");
  /** The test sources that hold the guide's examples. */
  static final List<Path> SOURCES = List.of(
      Path.of("src/test/java/dev/tusk/docs/QueryLayerTables.java"),
      Path.of("src/test/java/dev/tusk/docs/QueryLayerStatementsTest.java"),
      Path.of("src/test/java/dev/tusk/docs/QueryLayerExampleIT.java"));

  private static final Pattern MARKED_BLOCK =
      Pattern.compile("<!-- (example|sql): ([a-z0-9-]+) -->\\n```(java|sql)\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Pattern REGION =
      Pattern.compile("\\n([ \\t]*)// --- guide: ([a-z0-9-]+)\\n(.*?)\\n[ \\t]*// --- end", Pattern.DOTALL);

  private QueryLayerGuide() {}

  /** {@return the guide's blocks of one kind ({@code example} or {@code sql}): name → code} */
  static Map<String, String> blocks(String kind) {
    var blocks = new LinkedHashMap<String, String>();
    Matcher matcher = MARKED_BLOCK.matcher(read(GUIDE));
    while (matcher.find()) {
      if (matcher.group(1).equals(kind) && blocks.put(matcher.group(2), matcher.group(4)) != null) {
        throw new IllegalStateException("the guide marks two " + kind + " blocks '" + matcher.group(2) + "'");
      }
    }
    return blocks;
  }

  /** {@return every example region of the test sources: name → code, dedented} */
  static Map<String, String> regions() {
    var regions = new LinkedHashMap<String, String>();
    for (Path source : SOURCES) {
      Matcher matcher = REGION.matcher(read(source));
      while (matcher.find()) {
        if (regions.put(matcher.group(2), dedent(matcher.group(3))) != null) {
          throw new IllegalStateException("two regions are named '" + matcher.group(2) + "'");
        }
      }
    }
    return regions;
  }

  private static String dedent(String code) {
    List<String> lines = code.lines().map(String::stripTrailing).toList();
    int indent = lines.stream().filter(line -> !line.isEmpty())
        .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
    var out = new ArrayList<String>();
    for (String line : lines) {
      out.add(line.isEmpty() ? line : line.substring(indent));
    }
    return String.join("\n", out);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
