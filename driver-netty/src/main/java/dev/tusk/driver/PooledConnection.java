package dev.tusk.driver;

import java.util.concurrent.CompletableFuture;

/**
 * A connection borrowed from a {@link PgPool}. Give it back with {@link #release()} (or
 * {@link #close()}, which does the same): the pool waits for its commands to finish, rolls back a
 * transaction left open, resets session state, and only then lends it again. Using it after
 * release fails (08003) rather than touching someone else's session.
 */
public interface PooledConnection extends PgConnection {
  /** Returns the connection to its pool; completes when it is back (or discarded). */
  CompletableFuture<Void> release();

  /** The same as {@link #release()}: a pooled connection is not closed by its borrower. */
  @Override
  CompletableFuture<Void> close();
}
