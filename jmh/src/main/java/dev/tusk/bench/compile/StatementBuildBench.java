package dev.tusk.bench.compile;

import dev.tusk.bench.Contender;
import dev.tusk.bench.Question;
import dev.tusk.sql.cache.StatementCache;
import dev.tusk.sql.compile.BoundSql;
import dev.tusk.sql.compile.SqlCompiler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does it cost to turn a statement built in Java into SQL and parameters, when the statement
 * cache has seen its shape, when it has not, and with jOOQ? Every operation builds the statement
 * tree anew with new values, as application code does on every call.
 *
 * <p>Iterations are 2 s rather than 5 s: these are CPU-only, nanosecond-scale operations, and the
 * shorter iterations keep the full run inside its budget. Five warmup iterations rather than three,
 * because jOOQ's large code base is still being compiled after 6 s on two busy cores.
 */
@Question(order = 6, title = "Build + compile a statement", chartTitle = "build + compile",
    how = """
        Builds one of three statements with fresh values (a point select; a join with WHERE, ORDER BY \
        and LIMIT; a CTE with a window function) and turns it into SQL text plus parameter values. \
        **Tusk cache hit**: `StatementCache.prepare` on a cache that holds the shape (a walk of the \
        tree to hash its shape and collect the values, a map lookup, a second walk comparing it with the \
        cached key, binding the values). **Tusk cache miss**: the same call on a \
        cache emptied just before (`clear()` on a one-entry map): keying, compiling, caching. **Tusk \
        uncached**: `SqlCompiler.render`, the one-off path that bypasses the cache. **jOOQ**: the same \
        query built with jOOQ's DSL (tables and fields declared once, as generated code would) and \
        `DSLContext.render` + `getBindValues`. No database is involved. Score: time per statement.""")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class StatementBuildBench {
  private static final int SAMPLES = 64;

  @Param
  public QueryShape shape;

  private final QueryValues[] samples = QueryValues.samples(SAMPLES);
  private int next;
  private StatementCache warmCache;
  private StatementCache coldCache;
  private DSLContext jooq;

  @Setup(Level.Trial)
  public void prepare() {
    warmCache = new StatementCache();
    warmCache.prepare(shape.tusk(samples[0]));
    coldCache = new StatementCache();
    jooq = DSL.using(SQLDialect.POSTGRES);
    // Class loading and initialisation (two seconds for jOOQ) belong to setup, not to a timed iteration.
    SqlCompiler.render(shape.tusk(samples[0]));
    jooq.render(shape.jooq(jooq, samples[0]));
  }

  private QueryValues nextValues() {
    next = (next + 1) & (SAMPLES - 1);
    return samples[next];
  }

  @Benchmark
  @Contender(value = "Tusk, cache hit", chartName = "Tusk cache hit", tusk = true)
  public BoundSql tuskCacheHit() {
    return warmCache.prepare(shape.tusk(nextValues()));
  }

  @Benchmark
  @Contender(value = "Tusk, cache miss", chartName = "Tusk cache miss", tusk = true)
  public BoundSql tuskCacheMiss() {
    coldCache.clear();
    return coldCache.prepare(shape.tusk(nextValues()));
  }

  @Benchmark
  @Contender(value = "Tusk, uncached SqlCompiler.render", chartName = "Tusk uncached", tusk = true)
  public BoundSql tuskUncached() {
    return SqlCompiler.render(shape.tusk(nextValues()));
  }

  @Benchmark
  @Contender("jOOQ, render + getBindValues")
  public RenderedJooq jooqRender() {
    var query = shape.jooq(jooq, nextValues());
    return new RenderedJooq(jooq.render(query), query.getBindValues());
  }

  /** What a jOOQ user needs to execute the query, the counterpart of Tusk's {@link BoundSql}. */
  public record RenderedJooq(String sql, List<Object> values) {}
}
