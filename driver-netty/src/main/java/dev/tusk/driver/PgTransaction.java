package dev.tusk.driver;

import java.util.concurrent.CompletableFuture;

/**
 * A transaction begun explicitly with {@link PgConnection#begin}. Statements run on the connection
 * as usual; this handle ends the transaction. Ending it twice, or after the other ending, is a
 * {@link PgException} (25000), never a silent no-op. Prefer {@link PgConnection#withTransaction},
 * which cannot forget to end it.
 */
public interface PgTransaction {
  /**
   * Commits. Fails if COMMIT fails (a serialization failure or deferred constraint) and also when
   * an earlier statement had failed: PostgreSQL then rolls back instead, which is reported as an
   * error (40000), not as success. Either way the failure says {@link PgException#transactionRolledBack()},
   * so a {@link RetryPolicy} can decide to run the transaction again. A COMMIT that times out or
   * loses its connection before the answer does not say so: it may have committed.
   */
  CompletableFuture<Void> commit();

  CompletableFuture<Void> rollback();

  /** {@return the connection the transaction runs on} */
  PgConnection connection();
}
