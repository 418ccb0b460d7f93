package dev.tusk.bench.run;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How much the runner measures. The full run keeps each benchmark class's own {@code @Warmup},
 * {@code @Measurement} and {@code @Fork} (2 × 5 s, 5 × 5 s, one fork; 2 s iterations for the
 * CPU-only compile benchmarks; 2 × 3 s and 3 × 3 s for the pool benchmarks); the quick run
 * overrides them all to prove, in about two minutes, that every benchmark still runs.
 */
enum RunMode {
  /** Every benchmark once, briefly, in its own fork: a smoke test for CI, not a measurement. */
  QUICK(new PgbenchReference.Plan(0, 1, 1)) {
    @Override
    void configure(ChainedOptionsBuilder options) {
      options.forks(1)
          .warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
          .measurementIterations(1).measurementTime(TimeValue.milliseconds(300));
    }
  },
  /** The published numbers: about 24 minutes on 2 cores. */
  FULL(new PgbenchReference.Plan(5, 5, 5)) {
    @Override
    void configure(ChainedOptionsBuilder options) {
      // the benchmark classes' annotations decide
    }
  },
  /** No measurement: regenerate the report from the files of an earlier run. */
  REPORT_ONLY(new PgbenchReference.Plan(0, 0, 0)) {
    @Override
    void configure(ChainedOptionsBuilder options) {
      throw new IllegalStateException("nothing runs in report-only mode");
    }
  };

  private final PgbenchReference.Plan pgbench;

  RunMode(PgbenchReference.Plan pgbench) {
    this.pgbench = pgbench;
  }

  /** Sets the iterations and forks of this mode. */
  abstract void configure(ChainedOptionsBuilder options);

  /** {@return how long pgbench runs in this mode} */
  PgbenchReference.Plan pgbench() {
    return pgbench;
  }
}
