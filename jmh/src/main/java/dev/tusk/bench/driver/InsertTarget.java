package dev.tusk.bench.driver;

import dev.tusk.bench.BenchData;
import dev.tusk.bench.BenchData.InsertRow;
import java.sql.SQLException;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The rows every insert benchmark writes, and the table they go to. The table is emptied before each
 * iteration (outside the timed part) so it never grows past one iteration's rows, whichever client
 * runs; a second pgjdbc connection does it, so no client's own connection sees the TRUNCATE.
 */
@State(Scope.Benchmark)
public class InsertTarget extends PgjdbcClient {
  private final List<InsertRow> rows = BenchData.insertRows();

  @Setup(Level.Iteration)
  public void truncate() throws SQLException {
    try (var statement = connection().createStatement()) {
      statement.execute(BenchData.TRUNCATE_INSERT_TARGET);
    }
  }

  /** {@return the rows to insert, the same every time} */
  public List<InsertRow> rows() {
    return rows;
  }
}
