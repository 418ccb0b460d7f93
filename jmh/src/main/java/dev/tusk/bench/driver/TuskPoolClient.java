package dev.tusk.bench.driver;

import dev.tusk.bench.BenchServer;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PoolOptions;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Tusk pool of {@value #SIZE} connections per trial, shared by all of a benchmark's threads,
 * with every default but the size and TLS (off for every client, see {@link BenchServer}): session
 * state reset only when the borrower changed it ({@code Reset.AUTO}), a connection validated only
 * when it was idle longer than 5 s. {@code minIdle} equals the size, and the trial starts only once
 * all connections are open, so no iteration measures a connect.
 */
@State(Scope.Benchmark)
public class TuskPoolClient {
  /** The size of every pool of the pool benchmarks, whichever client. */
  public static final int SIZE = 8;
  /** How long a trial waits for a pool to open its connections: 30 s. */
  static final long OPEN_TIMEOUT_NANOS = 30_000_000_000L;

  private PgPool pool;

  @Setup(Level.Trial)
  public void open() throws InterruptedException {
    pool = PgPool.create(BenchServer.current().tuskOptions(), PoolOptions.defaults().maxSize(SIZE).minIdle(SIZE));
    // minIdle opens the connections in the background
    long deadline = System.nanoTime() + OPEN_TIMEOUT_NANOS;
    while (pool.stats().idle() < SIZE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Tusk pool did not open " + SIZE + " connections in time: " + pool.stats());
      }
      Thread.sleep(10);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.close().join();
  }

  /** {@return the open pool} */
  public PgPool pool() {
    return pool;
  }
}
