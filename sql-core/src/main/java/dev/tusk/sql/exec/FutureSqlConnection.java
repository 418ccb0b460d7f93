package dev.tusk.sql.exec;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.Query;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.TxOptions;
import dev.tusk.sql.AsyncConnection;
import dev.tusk.sql.Result;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.ast.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Function;

/** {@link AsyncConnection} over a driver connection. */
public final class FutureSqlConnection implements AsyncConnection {
  private final PgConnection driver;
  private final StatementBinder binder;

  public FutureSqlConnection(PgConnection driver, StatementBinder binder) {
    this.driver = driver;
    this.binder = binder;
  }

  @Override
  public CompletableFuture<Result> execute(Statement statement) {
    StatementBinder.Bound bound;
    try {
      bound = binder.bind(statement);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return driver.query(bound.sql(), bound.parameters()).thenApply(rows -> new RowResult(rows, bound.compiled()));
  }

  @Override
  public CompletableFuture<Long> executeMany(List<? extends Statement> statements) {
    List<Query> queries = new ArrayList<>(statements.size());
    try {
      for (Statement statement : statements) {
        queries.add(binder.bind(statement).query(null));
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return driver.batch(queries).thenApply(results -> results.stream().mapToLong(RowSet::rowsAffected).sum());
  }

  @Override
  public Flow.Publisher<SqlRow> stream(Statement query) {
    StatementBinder.Bound bound = binder.bind(query);
    var shape = new ResultRow.ResultShape(bound.compiled());
    Flow.Publisher<dev.tusk.driver.Row> rows = driver.stream(bound.sql(), bound.parameters());
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
  public PgConnection driver() {
    return driver;
  }
}
