package dev.tusk.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/query-layer.md shows exactly the code that runs: every {@code <!-- example: name -->} block
 * of the guide is, character for character, the {@code // --- guide: name} region of a test
 * ({@link QueryLayerTables}, {@link QueryLayerStatementsTest}, {@link QueryLayerExampleIT}), and
 * every such region is shown in the guide.
 */
class QueryLayerGuideTest {
  @Test
  void everyExampleOfTheGuideIsARegionOfATestAndBack() {
    Map<String, String> shown = QueryLayerGuide.blocks("example");
    Map<String, String> tested = QueryLayerGuide.regions();
    assertEquals(new TreeSet<>(tested.keySet()), new TreeSet<>(shown.keySet()), "the examples by name");
    shown.forEach((name, code) -> assertEquals(tested.get(name), code, "example '" + name + "' of the guide"));
  }
}
