package dev.tusk.sql.exec;

import dev.tusk.driver.BlockingConnection;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.Query;
import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.TxOptions;
import dev.tusk.driver.protocol.Blocking;
import dev.tusk.sql.Connection;
import dev.tusk.sql.Result;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.ast.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link Connection} over the driver's blocking connection. With a timeout, every statement kind
 * takes it: single statements through the driver's per-query timeout, the kinds the driver has no
 * timeout parameter for (batches, scripts, streams) through {@link StatementTimeouts} on the
 * driver's asynchronous face of the same connection.
 */
public final class BlockingSqlConnection implements Connection {
  private final BlockingConnection driver;
  private final StatementBinder binder;
  private final Duration timeout;

  /** @param timeout the timeout of each statement, or null for the connection's default */
  public BlockingSqlConnection(BlockingConnection driver, StatementBinder binder, Duration timeout) {
    this.driver = driver;
    this.binder = binder;
    this.timeout = timeout;
  }

  @Override
  public Result execute(Statement statement) {
    StatementBinder.Bound bound = binder.bind(statement);
    RowSet rows = timeout == null ? driver.query(bound.sql(), bound.parameters()) : driver.query(bound.query(timeout));
    return new RowResult(rows, bound.compiled());
  }

  @Override
  public Result execute(String sql, Object... parameters) {
    RowSet rows = timeout == null ? driver.query(sql, parameters) : driver.query(Query.of(sql, parameters).timeout(timeout));
    return new RowResult(rows, null);
  }

  @Override
  public long executeMany(List<? extends Statement> statements) {
    List<Query> queries = new ArrayList<>(statements.size());
    for (Statement statement : statements) {
      queries.add(binder.bind(statement).query(timeout));
    }
    // the driver's batch applies its connection default, not the queries' own timeouts
    List<RowSet> results = timeout == null ? driver.batch(queries)
        : Blocking.await(StatementTimeouts.within(timeout, driver.async().batch(queries)));
    return results.stream().mapToLong(RowSet::rowsAffected).sum();
  }

  @Override
  public void executeScript(String sql) {
    if (timeout == null) {
      driver.simpleQuery(sql);
    } else {
      Blocking.await(StatementTimeouts.within(timeout, driver.async().simpleQuery(sql)));
    }
  }

  @Override
  public Stream<SqlRow> stream(Statement query) {
    StatementBinder.Bound bound = binder.bind(query);
    var shape = new ResultRow.ResultShape(bound.compiled());
    Stream<Row> rows = timeout == null ? driver.stream(bound.sql(), bound.parameters())
        : BlockingRows.stream(StatementTimeouts.within(timeout, driver.async().stream(bound.sql(), bound.parameters())));
    return rows.map(row -> new ResultRow(row, shape));
  }

  @Override
  public <T> T inTransaction(TxOptions options, Work<T> work) {
    return driver.inTransaction(options, ignored -> work.run(this));
  }

  @Override
  public Connection withTimeout(Duration statementTimeout) {
    return new BlockingSqlConnection(driver, binder, StatementTimeouts.requireValid(statementTimeout));
  }

  @Override
  public PgConnection driver() {
    return driver.async();
  }
}
