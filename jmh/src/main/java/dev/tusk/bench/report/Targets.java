package dev.tusk.bench.report;

import dev.tusk.bench.report.Target.Quantity.Allocation;
import dev.tusk.bench.report.Target.Quantity.Bytes;
import dev.tusk.bench.report.Target.Quantity.FastestOf;
import dev.tusk.bench.report.Target.Quantity.PgbenchRate;
import dev.tusk.bench.report.Target.Quantity.PgbenchTime;
import dev.tusk.bench.report.Target.Quantity.Rate;
import dev.tusk.bench.report.Target.Quantity.Time;
import dev.tusk.bench.report.Target.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The targets, in its numbering. Benchmarks 3 and 7 (the pool) have none: the issue states
 * no target for them, so the report shows only their ratios to the best peer.
 */
final class Targets {
  private static final String[] SHAPES = {"POINT_SELECT", "JOIN_WHERE_ORDER_LIMIT", "CTE_WITH_WINDOW"};

  private Targets() {}

  static List<Target> all() {
    var targets = new ArrayList<Target>(List.of(
        new Target(1, "point select latency ≤ 0.9 × pgjdbc",
            time("PointSelectBench", "tusk"), Relation.AT_MOST, 0.9, time("PointSelectBench", "pgjdbc")),
        new Target(1, "point select latency ≤ 1.1 × pgbench -M prepared",
            time("PointSelectBench", "tusk"), Relation.AT_MOST, 1.1, new PgbenchTime("prepared")),
        new Target(1, "point select allocation ≤ 300 B/op",
            allocation("PointSelectBench", "tusk"), Relation.AT_MOST, 1.0, new Bytes(300)),
        new Target(2, "pipelined, a Sync per query: throughput ≥ 0.8 × pgbench pipeline mode",
            new Rate("PipelinedPointSelectBench", "tusk", Map.of()), Relation.AT_LEAST, 0.8, new PgbenchRate("pipeline")),
        new Target(2, "pipelined, one Sync per batch as pgbench's pipeline: throughput ≥ 0.8 × pgbench pipeline mode",
            new Rate("PipelinedPointSelectBench", "tuskBatch", Map.of()), Relation.AT_LEAST, 0.8, new PgbenchRate("pipeline")),
        new Target(4, "wide fetch time ≤ 0.8 × fastest peer",
            time("WideFetchBench", "tusk"), Relation.AT_MOST, 0.8,
            new FastestOf("WideFetchBench", List.of("pgjdbc", "vertx", "r2dbc"))),
        new Target(4, "wide fetch allocation ≤ 0.5 × pgjdbc",
            allocation("WideFetchBench", "tusk"), Relation.AT_MOST, 0.5, allocation("WideFetchBench", "pgjdbc")),
        new Target(5, "best Tusk insert path ≤ 0.8 × pgjdbc with reWriteBatchedInserts",
            new FastestOf("BatchInsertBench", List.of("tuskPipelined", "tuskMultiRow", "tuskCopy")), Relation.AT_MOST,
            0.8, time("BatchInsertBench", "pgjdbcBatchRewritten")),
        new Target(5, "COPY ≥ 3× faster than pgjdbc with reWriteBatchedInserts (time ≤ 0.333 ×)",
            time("BatchInsertBench", "tuskCopy"), Relation.AT_MOST, 1.0 / 3,
            time("BatchInsertBench", "pgjdbcBatchRewritten"))));
    for (String shape : SHAPES) {
      var params = Map.of("shape", shape);
      targets.add(new Target(6, shape + ": cache hit ≤ 0.2 × jOOQ render",
          new Time("StatementBuildBench", "tuskCacheHit", params), Relation.AT_MOST, 0.2,
          new Time("StatementBuildBench", "jooqRender", params)));
      targets.add(new Target(6, shape + ": cache hit ≤ 0.1 × cache miss",
          new Time("StatementBuildBench", "tuskCacheHit", params), Relation.AT_MOST, 0.1,
          new Time("StatementBuildBench", "tuskCacheMiss", params)));
    }
    return targets;
  }

  private static Time time(String benchmark, String method) {
    return new Time(benchmark, method, Map.of());
  }

  private static Allocation allocation(String benchmark, String method) {
    return new Allocation(benchmark, method, Map.of());
  }
}
