package dev.tusk.bench.driver;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tusk.bench.BenchServer;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One HikariCP pool of pgjdbc connections per trial, shared by all of a benchmark's threads: {@code
 * maximumPoolSize} {@value TuskPoolClient#SIZE} (and {@code minimumIdle} the same, HikariCP's
 * default), everything else at HikariCP's and pgjdbc's defaults but TLS (off for every client, see
 * {@link BenchServer}). So pgjdbc server-prepares a statement on its fifth use per connection, as
 * {@link PgjdbcClient} describes; HikariCP resets on return only the connection state the borrower
 * changed and checks a connection with {@code isValid} only when it was idle longer than 500 ms.
 * The trial starts once all connections are open.
 */
@State(Scope.Benchmark)
public class HikariClient {
  /**
   * HikariCP logs its start and shutdown at INFO (through SLF4J to java.util.logging), which would
   * land in the middle of JMH's iteration lines. Held here: java.util.logging keeps loggers weakly.
   */
  private static final Logger HIKARI_LOG = Logger.getLogger("com.zaxxer.hikari");

  static {
    HIKARI_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private HikariDataSource dataSource;

  @Setup(Level.Trial)
  public void open() throws InterruptedException {
    var server = BenchServer.current();
    var config = new HikariConfig();
    config.setPoolName("bench");
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername(server.user());
    if (server.password() != null) {
      config.setPassword(server.password());
    }
    config.addDataSourceProperty("sslmode", "disable");
    config.setMaximumPoolSize(TuskPoolClient.SIZE);
    dataSource = new HikariDataSource(config);
    // HikariCP opens the first connection at once and fills the pool in the background
    var pool = dataSource.getHikariPoolMXBean();
    long deadline = System.nanoTime() + TuskPoolClient.OPEN_TIMEOUT_NANOS;
    while (pool.getIdleConnections() < TuskPoolClient.SIZE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("HikariCP did not open " + TuskPoolClient.SIZE + " connections in time");
      }
      Thread.sleep(10);
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    dataSource.close();
  }

  /** {@return the pool} */
  public HikariDataSource dataSource() {
    return dataSource;
  }
}
