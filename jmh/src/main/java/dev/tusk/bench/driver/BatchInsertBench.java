package dev.tusk.bench.driver;

import dev.tusk.bench.BenchData.InsertRow;
import dev.tusk.bench.Contender;
import dev.tusk.bench.Question;
import dev.tusk.driver.CopyRows;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does it take to insert 1,000 small rows in one transaction, by each client's fastest
 * means short of hand-written SQL tricks? Each benchmark turns the same 1,000 Java records into its
 * client's parameter form on every operation, as an application would.
 */
@Question(order = 5, title = "Insert 1,000 rows", chartTitle = "insert 1,000 rows",
    how = """
        1,000 rows of `(int, bigint, text)` into `insert_target` (no index, autovacuum off, truncated \
        before each iteration), one transaction per operation. pgjdbc: `addBatch` × 1,000, \
        `executeBatch`, `commit`, with and without `reWriteBatchedInserts`; vertx: \
        `preparedQuery(…).executeBatch(tuples)`; Tusk pipelined: `executeMany` (1,000 Bind/Execute, \
        one Sync); Tusk multi-row: one `INSERT … VALUES ($1,$2,$3), …` of 3,000 parameters; \
        Tusk COPY: `copyIn` with `CopyRows.binary`. The reference row is the server inserting the same \
        rows generated on its side (`INSERT … SELECT … FROM generate_series`): the floor, with no row \
        data sent at all. Score: time per 1,000 rows.""")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class BatchInsertBench {
  private static final String INSERT = "INSERT INTO insert_target (id, amount, label) VALUES ($1, $2, $3)";
  private static final String INSERT_JDBC = "INSERT INTO insert_target (id, amount, label) VALUES (?, ?, ?)";
  private static final String COPY = "COPY insert_target (id, amount, label) FROM STDIN (FORMAT binary)";
  private static final String SERVER_SIDE_INSERT = "INSERT INTO insert_target (id, amount, label) SELECT g, g * 1000 + 7, "
      + "'label-' || g FROM generate_series(0, " + (dev.tusk.bench.BenchData.INSERT_ROWS - 1) + ") AS g";
  private static final String MULTI_ROW_INSERT = multiRowInsert(dev.tusk.bench.BenchData.INSERT_ROWS);

  @Benchmark
  @Contender("pgjdbc, executeBatch")
  public int[] pgjdbcBatch(PgjdbcClient client, InsertTarget target) throws SQLException {
    return jdbcBatch(client.connection(), target.rows());
  }

  @Benchmark
  @Contender(value = "pgjdbc, executeBatch + reWriteBatchedInserts", chartName = "pgjdbc rewritten batch")
  public int[] pgjdbcBatchRewritten(PgjdbcClient.RewritingBatches client, InsertTarget target) throws SQLException {
    return jdbcBatch(client.connection(), target.rows());
  }

  private static int[] jdbcBatch(Connection connection, List<InsertRow> rows) throws SQLException {
    connection.setAutoCommit(false);
    int[] counts;
    try (var statement = connection.prepareStatement(INSERT_JDBC)) {
      for (var row : rows) {
        statement.setInt(1, row.id());
        statement.setLong(2, row.amount());
        statement.setString(3, row.label());
        statement.addBatch();
      }
      counts = statement.executeBatch();
    }
    connection.commit();
    return counts;
  }

  @Benchmark
  @Contender("vertx-pg-client, executeBatch")
  public int vertxBatch(VertxClient client, InsertTarget target) {
    var tuples = new ArrayList<Tuple>(target.rows().size());
    for (var row : target.rows()) {
      tuples.add(Tuple.of(row.id(), row.amount(), row.label()));
    }
    return client.connection().preparedQuery(INSERT).executeBatch(tuples).await().rowCount();
  }

  @Benchmark
  @Contender(value = "Tusk pipelined, executeMany", tusk = true)
  public long tuskPipelined(TuskClient client, InsertTarget target) {
    return client.connection().executeMany(INSERT, parameterLists(target.rows())).join();
  }

  @Benchmark
  @Contender(value = "Tusk multi-row INSERT, execute", tusk = true)
  public long tuskMultiRow(TuskClient client, InsertTarget target) {
    var rows = target.rows();
    var parameters = new Object[rows.size() * 3];
    int next = 0;
    for (var row : rows) {
      parameters[next++] = row.id();
      parameters[next++] = row.amount();
      parameters[next++] = row.label();
    }
    return client.connection().execute(MULTI_ROW_INSERT, parameters).join();
  }

  @Benchmark
  @Contender(value = "Tusk COPY, copyIn + CopyRows.binary", tusk = true)
  public long tuskCopy(TuskClient client, InsertTarget target) {
    return client.connection().copyIn(COPY, CopyRows.binary(parameterLists(target.rows()))).join();
  }

  /**
   * The floor: the server inserts the same 1,000 rows generated on its side, so no client sends
   * any row data. No client path can beat this; it shows how much of each client's time is the
   * server's own insert work.
   */
  @Benchmark
  @Contender(value = "server alone: INSERT … SELECT from generate_series (no row data sent)", reference = true)
  public long serverFloor(TuskClient client) {
    return client.connection().execute(SERVER_SIDE_INSERT).join();
  }

  private static List<List<Object>> parameterLists(List<InsertRow> rows) {
    var lists = new ArrayList<List<Object>>(rows.size());
    for (var row : rows) {
      lists.add(List.of(row.id(), row.amount(), row.label()));
    }
    return lists;
  }

  private static String multiRowInsert(int rows) {
    var sql = new StringBuilder("INSERT INTO insert_target (id, amount, label) VALUES ");
    for (int row = 0; row < rows; row++) {
      int first = row * 3 + 1;
      sql.append(row == 0 ? "" : ", ").append("($").append(first).append(", $").append(first + 1)
          .append(", $").append(first + 2).append(')');
    }
    return sql.toString();
  }
}
