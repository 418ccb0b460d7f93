package dev.tusk.bench.driver;

import dev.tusk.bench.BenchServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One pgjdbc connection per trial, with pgjdbc's defaults but TLS (off for every client, see {@link
 * BenchServer}): a statement becomes server-prepared on
 * its fifth use ({@code prepareThreshold=5}) and stays in the per-connection cache of 256 queries,
 * so the measured steady state is server-prepared; results of prepared statements come in binary
 * format for the types pgjdbc decodes that way.
 */
@State(Scope.Benchmark)
public class PgjdbcClient {
  private Connection connection;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    var server = BenchServer.current();
    var properties = new Properties();
    properties.setProperty("user", server.user());
    properties.setProperty("sslmode", "disable");
    if (server.password() != null) {
      properties.setProperty("password", server.password());
    }
    properties.putAll(extraProperties());
    connection = DriverManager.getConnection(server.jdbcUrl(), properties);
  }

  /** {@return connection properties beyond the defaults} Subclasses change the driver's behaviour here. */
  protected Properties extraProperties() {
    return new Properties();
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    connection.close();
  }

  /** {@return the open connection} */
  public Connection connection() {
    return connection;
  }

  /**
   * pgjdbc with {@code reWriteBatchedInserts=true}: it rewrites a batch of single-row INSERTs into
   * multi-row {@code INSERT … VALUES (…), (…)} statements, the fastest way pgjdbc inserts rows
   * short of COPY.
   */
  public static class RewritingBatches extends PgjdbcClient {
    @Override
    protected Properties extraProperties() {
      var properties = new Properties();
      properties.setProperty("reWriteBatchedInserts", "true");
      return properties;
    }
  }
}
