package dev.tusk.driver;

import java.util.concurrent.CompletableFuture;

/**
 * Transaction-level advisory locks ({@code pg_advisory_xact_lock}): held until the transaction
 * ends and released by its COMMIT or ROLLBACK, so there is no unlock to forget. The key is one
 * bigint or two ints, bound as parameters so that PostgreSQL picks the matching function.
 */
final class TransactionLocks {
  private TransactionLocks() {}

  private static String call(String function, Object[] key) {
    return "SELECT " + function + (key.length == 1 ? "($1)" : "($1, $2)");
  }

  /**
   * {@return a failure when no transaction is open}, else null: outside one the server would take
   * the lock and release it at once, which is never what the caller meant
   */
  private static PgException outsideTransaction(TransactionStatus status) {
    if (status != TransactionStatus.IDLE) {
      return null;
    }
    return new PgException(SqlState.NO_ACTIVE_SQL_TRANSACTION, "a transaction-level advisory lock needs an open "
        + "transaction (it is released when the transaction ends): take it inside withTransaction/inTransaction, "
        + "or use the pool's advisoryLock for a session-level lock");
  }

  static CompletableFuture<Void> lock(PgConnection connection, Object... key) {
    return inTransaction(connection, call("pg_advisory_xact_lock", key), key).thenApply(rows -> null);
  }

  static CompletableFuture<Boolean> tryLock(PgConnection connection, Object... key) {
    return inTransaction(connection, call("pg_try_advisory_xact_lock", key), key).thenApply(rows -> rows.one().getBoolean(0));
  }

  static void lock(BlockingConnection connection, Object... key) {
    inTransaction(connection, call("pg_advisory_xact_lock", key), key);
  }

  static boolean tryLock(BlockingConnection connection, Object... key) {
    return inTransaction(connection, call("pg_try_advisory_xact_lock", key), key).one().getBoolean(0);
  }

  private static CompletableFuture<RowSet> inTransaction(PgConnection connection, String sql, Object[] key) {
    PgException refused = outsideTransaction(connection.transactionStatus());
    return refused != null ? CompletableFuture.failedFuture(refused) : connection.query(sql, key);
  }

  private static RowSet inTransaction(BlockingConnection connection, String sql, Object[] key) {
    PgException refused = outsideTransaction(connection.transactionStatus());
    if (refused != null) {
      throw refused;
    }
    return connection.query(sql, key);
  }
}
