package dev.tusk.sql.exec;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.Query;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.TxOptions;
import dev.tusk.sql.AsyncConnection;
import dev.tusk.sql.Result;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.ast.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * {@link AsyncConnection} over a driver connection. A timeout applies to every statement kind, as
 * on {@link BlockingSqlConnection}.
 */
public final class FutureSqlConnection implements AsyncConnection {
  private final PgConnection driver;
  private final StatementBinder binder;
  private final Duration timeout;

  /** @param timeout the timeout of each statement, or null for the connection's default */
  public FutureSqlConnection(PgConnection driver, StatementBinder binder, Duration timeout) {
    this.driver = driver;
    this.binder = binder;
    this.timeout = timeout;
  }

  @Override
  public CompletableFuture<Result> execute(Statement statement) {
    StatementBinder.Bound bound;
    try {
      bound = binder.bind(statement);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<RowSet> rows = timeout == null ? driver.query(bound.sql(), bound.parameters())
        : driver.query(bound.query(timeout));
    return rows.thenApply(result -> new RowResult(result, bound.compiled()));
  }

  @Override
  public CompletableFuture<Long> executeMany(List<? extends Statement> statements) {
    List<Query> queries = new ArrayList<>(statements.size());
    try {
      for (Statement statement : statements) {
        queries.add(binder.bind(statement).query(timeout));
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    // the driver's batch applies its connection default, not the queries' own timeouts
    return StatementTimeouts.within(timeout, driver.batch(queries))
        .thenApply(results -> results.stream().mapToLong(RowSet::rowsAffected).sum());
  }

  @Override
  public Flow.Publisher<SqlRow> stream(Statement query) {
    StatementBinder.Bound bound = binder.bind(query);
    var shape = new ResultRow.ResultShape(bound.compiled());
    Flow.Publisher<dev.tusk.driver.Row> rows = StatementTimeouts.within(timeout, driver.stream(bound.sql(), bound.parameters()));
    return subscriber -> rows.subscribe(new Flow.Subscriber<>() {
      @Override public void onSubscribe(Flow.Subscription subscription) { subscriber.onSubscribe(subscription); }
      @Override public void onNext(dev.tusk.driver.Row row) { subscriber.onNext(new ResultRow(row, shape)); }
      @Override public void onError(Throwable failure) { subscriber.onError(failure); }
      @Override public void onComplete() { subscriber.onComplete(); }
    });
  }

  @Override
  public <T> CompletableFuture<T> withTransaction(TxOptions options, Function<AsyncConnection, CompletableFuture<T>> work) {
    return driver.withTransaction(options, ignored -> work.apply(this));
  }

  @Override
  public AsyncConnection withTimeout(Duration statementTimeout) {
    return new FutureSqlConnection(driver, binder, StatementTimeouts.requireValid(statementTimeout));
  }

  @Override
  public PgConnection driver() {
    return driver;
  }
}
