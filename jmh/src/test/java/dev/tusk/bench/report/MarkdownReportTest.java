package dev.tusk.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report from a small made-up run: tables, ratios, targets, the chart, and the kept analysis. */
class MarkdownReportTest {
  private static final String JMH_JSON = """
      [
        {"benchmark": "dev.tusk.bench.driver.PointSelectBench.tusk", "mode": "avgt", "params": {},
         "primaryMetric": {"score": 40.0, "scoreError": 2.0, "scoreUnit": "us/op"},
         "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 350.0, "scoreError": 1.0, "scoreUnit": "B/op"}}},
        {"benchmark": "dev.tusk.bench.driver.PointSelectBench.pgjdbc", "mode": "avgt", "params": {},
         "primaryMetric": {"score": 32.0, "scoreError": "NaN", "scoreUnit": "us/op"},
         "secondaryMetrics": {"gc.alloc.rate.norm": {"score": 632.0, "scoreError": 1.0, "scoreUnit": "B/op"}}},
        {"benchmark": "dev.tusk.bench.driver.PointSelectBench.vertx", "mode": "avgt", "params": {},
         "primaryMetric": {"score": 55.0, "scoreError": 3.0, "scoreUnit": "us/op"}, "secondaryMetrics": {}},
        {"benchmark": "dev.tusk.bench.driver.PipelinedPointSelectBench.tusk", "mode": "thrpt", "params": {},
         "primaryMetric": {"score": 90000.0, "scoreError": 5000.0, "scoreUnit": "ops/s"}, "secondaryMetrics": {}},
        {"benchmark": "dev.tusk.bench.driver.PipelinedPointSelectBench.vertx", "mode": "thrpt", "params": {},
         "primaryMetric": {"score": 60000.0, "scoreError": 5000.0, "scoreUnit": "ops/s"}, "secondaryMetrics": {}},
        {"benchmark": "dev.tusk.bench.driver.BatchInsertBench.pgjdbcBatchRewritten", "mode": "avgt", "params": {},
         "primaryMetric": {"score": 4.0, "scoreError": 0.1, "scoreUnit": "ms/op"}, "secondaryMetrics": {}},
        {"benchmark": "dev.tusk.bench.driver.BatchInsertBench.tuskCopy", "mode": "avgt", "params": {},
         "primaryMetric": {"score": 3.0, "scoreError": 0.1, "scoreUnit": "ms/op"}, "secondaryMetrics": {}},
        {"benchmark": "dev.tusk.bench.driver.BatchInsertBench.serverFloor", "mode": "avgt", "params": {},
         "primaryMetric": {"score": 1.5, "scoreError": 0.1, "scoreUnit": "ms/op"}, "secondaryMetrics": {}},
        {"benchmark": "dev.tusk.bench.compile.StatementBuildBench.tuskCacheHit", "mode": "avgt",
         "params": {"shape": "POINT_SELECT"},
         "primaryMetric": {"score": 150.0, "scoreError": 5.0, "scoreUnit": "ns/op"}, "secondaryMetrics": {}},
        {"benchmark": "dev.tusk.bench.compile.StatementBuildBench.jooqRender", "mode": "avgt",
         "params": {"shape": "POINT_SELECT"},
         "primaryMetric": {"score": 2400.0, "scoreError": 50.0, "scoreUnit": "ns/op"}, "secondaryMetrics": {}}
      ]
      """;

  private static RunResults results(Path directory) throws Exception {
    Files.writeString(directory.resolve(RunResults.JMH_FILE), JMH_JSON);
    PgbenchScore.write(List.of(
        new PgbenchScore("prepared", 1, List.of(31_000.0, 32_000.0, 33_000.0), "pgbench -M prepared", null),
        new PgbenchScore("pipeline", 100, List.of(1_100.0, 1_200.0), "pgbench pipeline", null)),
        directory.resolve(RunResults.PGBENCH_FILE));
    new Machine(Map.of("CPUs", "2")).write(directory.resolve(RunResults.MACHINE_FILE));
    return RunResults.read(directory);
  }

  @Test
  void ratiosAreTakenAgainstTheBestPeerAndPgbench(@TempDir Path directory) throws Exception {
    new MarkdownReport(results(directory)).writeTo(directory);
    String markdown = Files.readString(directory.resolve("benchmarks.md"));

    // 40 µs vs pgjdbc's 32 µs; vs pgbench's 1e6 / 32,000 = 31.25 µs
    assertTrue(markdown.contains("| **Tusk, query(…).join()** | 40.0 ± 2.0 | us/op | 350 | 1.25 | 1.28 |"), markdown);
    assertTrue(markdown.contains("| pgjdbc, prepareStatement + executeQuery | 32.0 | us/op | 632 | best peer | 1.02 |"),
        markdown);
    // a rate: 90,000 / 60,000 and 90,000 / (1,150 × 100)
    assertTrue(markdown.contains("| 90,000 ± 5,000 | ops/s | – | 1.50 | 0.78 |"), markdown);
    assertTrue(markdown.contains("### Build + compile a statement: POINT_SELECT"), markdown);
    assertTrue(markdown.contains("| 1 | point select latency ≤ 0.9 × pgjdbc | 40.0 µs | 32.0 µs | 1.250 | ≤ 0.900 | **missed** |"), markdown);
    assertTrue(markdown.contains("| 6 | POINT_SELECT: cache hit ≤ 0.2 × jOOQ render | 150 ns | 2.4 µs | 0.063 | ≤ 0.200 | met |"), markdown);
    // pgbench's pipeline runs disagree wildly, so the verdict is left open
    assertTrue(markdown.contains("| 2 | pipelined, a Sync per query: throughput ≥ 0.8 × pgbench pipeline mode | 90,000 q/s | 115,000 q/s | "
        + "0.783 | ≥ 0.800 | **missed** (within error) |"), markdown);
    assertTrue(markdown.contains("| 4 | wide fetch time ≤ 0.8 × fastest peer | – | – | – | ≤ 0.800 | not measured |"), markdown);
  }

  @Test
  void aReferencePointIsShownButIsNeverTheBestPeer(@TempDir Path directory) throws Exception {
    new MarkdownReport(results(directory)).writeTo(directory);
    String markdown = Files.readString(directory.resolve("benchmarks.md"));

    // the server-side floor (1.5 ms) is faster than every client, yet Tusk's COPY is compared with pgjdbc
    assertTrue(markdown.contains("| **Tusk COPY, copyIn + CopyRows.binary** | 3.00 ± 0.10 | ms/op | – | 0.75 |"), markdown);
    assertTrue(markdown.contains("| *server alone: INSERT … SELECT from generate_series (no row data sent)* | 1.50 ± 0.10 | ms/op | – | 0.38 |"),
        markdown);
  }

  @Test
  void theHandWrittenAnalysisSurvivesRegeneration(@TempDir Path directory) throws Exception {
    var results = results(directory);
    new MarkdownReport(results).writeTo(directory);
    Path markdown = directory.resolve("benchmarks.md");
    Files.writeString(markdown, Files.readString(markdown).replace("_No analysis yet._", "Tusk hops twice."));

    new MarkdownReport(results).writeTo(directory);

    String regenerated = Files.readString(markdown);
    assertTrue(regenerated.contains(MarkdownReport.ANALYSIS_START + "\nTusk hops twice.\n" + MarkdownReport.ANALYSIS_END));
    assertEquals(1, regenerated.split(MarkdownReport.ANALYSIS_START, -1).length - 1);
  }

  @Test
  void theChartIsWellFormedSvgWithOneBarPerComparison(@TempDir Path directory) throws Exception {
    new MarkdownReport(results(directory)).writeTo(directory);
    byte[] svg = Files.readAllBytes(directory.resolve("benchmarks.svg"));

    var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    // four Tusk contenders against their best peer (not the reference point), five against pgbench, plus the background
    assertEquals(4 + 5 + 1, document.getElementsByTagName("rect").getLength());
    assertTrue(new String(svg, StandardCharsets.UTF_8).contains(">0.80×<"));
  }
}
