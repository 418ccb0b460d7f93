package dev.tusk.bench.driver;

import dev.tusk.bench.BenchServer;
import dev.tusk.driver.BlockingConnection;
import dev.tusk.driver.PgConnection;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Tusk connection per trial, with every default but TLS (off for every client, see {@link
 * BenchServer}): NIO transport, named prepared statements cached per connection, automatic
 * pipelining up to 256 commands in flight.
 */
@State(Scope.Benchmark)
public class TuskClient {
  private PgConnection connection;
  private BlockingConnection blocking;

  @Setup(Level.Trial)
  public void open() {
    connection = PgConnection.connect(BenchServer.current().tuskOptions()).join();
    blocking = connection.blocking();
  }

  @TearDown(Level.Trial)
  public void close() {
    connection.close().join();
  }

  /** {@return the open connection} */
  public PgConnection connection() {
    return connection;
  }

  /** {@return the connection's blocking API (for virtual threads, also usable from platform threads)} */
  public BlockingConnection blocking() {
    return blocking;
  }
}
