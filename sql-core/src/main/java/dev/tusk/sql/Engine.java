package dev.tusk.sql;

import dev.tusk.driver.Isolation;
import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.Query;
import dev.tusk.driver.RetryPolicy;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TxOptions;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.cache.StatementCache;
import dev.tusk.sql.exec.BlockingSqlConnection;
import dev.tusk.sql.exec.FutureSqlConnection;
import dev.tusk.sql.exec.StatementBinder;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A pool and a statement cache: where statements meet the database. The methods here are the
 * blocking API, for virtual threads; {@link #async()} is the same engine with futures.
 *
 * <pre>{@code
 * Engine engine = Engine.create("postgresql://app@localhost/app");
 * engine.begin(conn -> METADATA.createAll(conn));
 * engine.begin(conn -> conn.execute(insert(USERS).values(USERS.name, "jack")));
 * List<SqlRow> rows = engine.withConnection(conn -> conn.all(select(USERS.name).from(USERS)));
 * }</pre>
 */
public final class Engine implements AutoCloseable {
  private final PgPool pool;
  private final boolean ownsPool;
  private final StatementBinder binder;
  /** Each statement's timeout, or null for the connections' default. */
  private final Duration statementTimeout;
  private final AsyncEngine async = new Async();

  private Engine(PgPool pool, boolean ownsPool, StatementCache cache) {
    this(pool, ownsPool, new StatementBinder(cache), null);
  }

  private Engine(PgPool pool, boolean ownsPool, StatementBinder binder, Duration statementTimeout) {
    this.pool = pool;
    this.ownsPool = ownsPool;
    this.binder = binder;
    this.statementTimeout = statementTimeout;
  }

  /** An engine with its own pool (default options) for a libpq connection string. */
  public static Engine create(String connectionString) {
    return create(connectionString, PoolOptions.defaults());
  }

  public static Engine create(String connectionString, PoolOptions poolOptions) {
    return new Engine(PgPool.create(connectionString, poolOptions), true, new StatementCache());
  }

  public static Engine create(PgConnectOptions connectOptions, PoolOptions poolOptions) {
    return new Engine(PgPool.create(connectOptions, poolOptions), true, new StatementCache());
  }

  /** An engine over an existing pool (not closed with the engine) and a statement cache of your own. */
  public static Engine of(PgPool pool, StatementCache cache) {
    return new Engine(pool, false, cache);
  }

  /** {@return the statement cache: its {@code stats()} show hits, misses and size} */
  public StatementCache statementCache() {
    return binder.cache();
  }

  public PgPool pool() {
    return pool;
  }

  /**
   * {@return this engine with a timeout for each statement}: {@link #execute} and every statement on
   * the connections it lends, as {@link Connection#withTimeout} gives. It shares this engine's pool
   * and statement cache; closing it leaves the pool open. Null means the connections' default
   * ({@code query_timeout}).
   * <pre>{@code
   * engine.withTimeout(Duration.ofSeconds(2)).begin(conn -> conn.execute(slowReport));
   * }</pre>
   */
  public Engine withTimeout(Duration timeout) {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("a statement timeout must be positive, was " + timeout);
    }
    return new Engine(pool, false, binder, timeout);
  }

  /** {@return this engine with futures} */
  public AsyncEngine async() {
    return async;
  }

  /** Runs one statement in autocommit mode on a free connection. */
  public Result execute(Statement statement) {
    return dev.tusk.driver.protocol.Blocking.await(async.execute(statement));
  }

  /** Lends a connection to {@code action} (autocommit mode). */
  public void connect(Connection.Action action) {
    withConnection(connection -> {
      action.run(connection);
      return null;
    });
  }

  public <T> T withConnection(Connection.Work<T> work) {
    return pool.inConnection(driver -> work.run(connection(driver)));
  }

  /** Runs {@code action} in a transaction: COMMIT when it returns, ROLLBACK when it throws. */
  public void begin(Connection.Action action) {
    begin(TxOptions.defaults(), action);
  }

  public void begin(Isolation isolation, Connection.Action action) {
    begin(TxOptions.isolation(isolation), action);
  }

  public void begin(TxOptions options, Connection.Action action) {
    inTransaction(options, connection -> {
      action.run(connection);
      return null;
    });
  }

  /**
   * The seed's {@code begin_readonly}: SERIALIZABLE READ ONLY DEFERRABLE — a consistent snapshot
   * that waits until it can never fail with a serialization error, and takes no write locks.
   */
  public void beginReadOnly(Connection.Action action) {
    begin(TxOptions.readOnly(true), action);
  }

  public <T> T inTransaction(Connection.Work<T> work) {
    return inTransaction(TxOptions.defaults(), work);
  }

  public <T> T inTransaction(TxOptions options, Connection.Work<T> work) {
    return pool.inTransaction(options, driver -> work.run(connection(driver)));
  }

  /**
   * Runs {@code work} again when it failed with a serialization failure or deadlock that rolled
   * back a transaction begun inside it ({@code engine.begin(...)}); any other failure, or one from
   * statements outside a transaction, is thrown at once.
   */
  public <T> T withRetry(RetryPolicy policy, Callable<T> work) {
    return policy.run(() -> {
      try {
        return work.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new PgException(SqlState.TRANSACTION_ROLLBACK, "the retried work failed: " + e, e);
      }
    });
  }

  /** {@link #withRetry(RetryPolicy, Callable)} for work without a result. */
  public void withRetry(RetryPolicy policy, Runnable work) {
    withRetry(policy, () -> {
      work.run();
      return null;
    });
  }

  /**
   * Runs {@code work} while holding the session advisory lock {@code key} on a connection of its
   * own; the lock is released afterwards, also when the work throws or the thread is interrupted.
   */
  public <T> T advisoryLock(long key, Callable<T> work) {
    return pool.inAdvisoryLock(key, ignored -> work.call());
  }

  public void advisoryLock(long key, Runnable work) {
    advisoryLock(key, () -> {
      work.run();
      return null;
    });
  }

  /** Closes the pool if the engine created it. */
  @Override
  public void close() {
    if (ownsPool) {
      dev.tusk.driver.protocol.Blocking.await(pool.close());
    }
  }

  private Connection connection(dev.tusk.driver.BlockingConnection driver) {
    return new BlockingSqlConnection(driver, binder, statementTimeout);
  }

  private AsyncConnection connection(dev.tusk.driver.PgConnection driver) {
    return new FutureSqlConnection(driver, binder, statementTimeout);
  }

  /** The asynchronous face, sharing this engine's pool and cache. */
  private final class Async implements AsyncEngine {
    @Override
    public CompletableFuture<Result> execute(Statement statement) {
      StatementBinder.Bound bound;
      try {
        bound = binder.bind(statement);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
      CompletableFuture<RowSet> rows = statementTimeout == null ? pool.query(bound.sql(), bound.parameters())
          : pool.query(new Query(bound.sql(), Arrays.asList(bound.parameters()), statementTimeout));
      return rows.thenApply(result -> dev.tusk.sql.exec.ResultFactory.of(result, bound));
    }

    @Override
    public <T> CompletableFuture<T> withConnection(Function<AsyncConnection, CompletableFuture<T>> work) {
      return pool.withConnection(driver -> work.apply(connection(driver)));
    }

    @Override
    public <T> CompletableFuture<T> withTransaction(TxOptions options, Function<AsyncConnection, CompletableFuture<T>> work) {
      return pool.withTransaction(options, driver -> work.apply(connection(driver)));
    }

    @Override
    public <T> CompletableFuture<T> withRetry(RetryPolicy policy, TxOptions options,
        Function<AsyncConnection, CompletableFuture<T>> work) {
      return pool.withRetry(policy, options, driver -> work.apply(connection(driver)));
    }

    @Override
    public <T> CompletableFuture<T> advisoryLock(long key, Function<AsyncConnection, CompletableFuture<T>> work) {
      return pool.advisoryLock(key, driver -> work.apply(connection(driver)));
    }

    @Override
    public AsyncEngine withTimeout(Duration timeout) {
      return Engine.this.withTimeout(timeout).async();
    }
  }
}
