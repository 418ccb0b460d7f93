package dev.tusk.driver.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The future a command (or a unit of work built of commands) returns. Cancelling it cancels the
 * work: a command not yet written is dropped, one on the wire is cancelled on the server. The
 * caller sees the {@link java.util.concurrent.CancellationException} at once; the connection
 * catches up in the background. Stages derived from it ({@code thenApply} …) are plain futures:
 * cancel this one.
 *
 * <p>Work that must clean up after a cancel (a ROLLBACK, an advisory unlock) completes
 * {@link #settled()} only once that is done, so that a pool does not lend the connection again
 * while the cleanup still runs on it.
 */
public final class PgFuture<T> extends CompletableFuture<T> {
  private final CompletableFuture<Void> settled;
  private static final Consumer<Runnable> RUN = Runnable::run;

  private volatile Consumer<Object> cancelHandler;
  /** Published by the volatile write of {@link #cancelHandler} that follows it. */
  private Object cancelSubject;

  /** A future whose work ends when it completes. */
  public PgFuture() {
    this.settled = null;
  }

  /** @param settlesSeparately whether the producer signals the real end of the work with {@link #settle()} */
  public PgFuture(boolean settlesSeparately) {
    this.settled = settlesSeparately ? new CompletableFuture<>() : null;
  }

  /** Sets what a successful {@link #cancel} also does (once, on the cancelling thread). */
  public void onCancel(Runnable action) {
    onCancel(RUN, action);
  }

  /**
   * Sets what a successful {@link #cancel} also does: {@code handler.accept(subject)}. For the
   * driver's hot path, where one handler per connection serves every command and a capturing
   * lambda per command would be garbage.
   */
  @SuppressWarnings("unchecked")
  public <S> void onCancel(Consumer<? super S> handler, S subject) {
    cancelSubject = subject;
    cancelHandler = (Consumer<Object>) handler;
  }

  /** {@return completes when the work underneath has ended, cleanup included (never exceptionally)} */
  public CompletableFuture<Void> settled() {
    return settled != null ? settled : handle((value, failure) -> null);
  }

  /** Signals that the work, cleanup included, has ended. */
  public void settle() {
    if (settled != null) {
      settled.complete(null);
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      Consumer<Object> handler = cancelHandler;
      if (handler != null) {
        // read after the handler: the subject written before it is visible
        handler.accept(cancelSubject);
      }
    }
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }
}
