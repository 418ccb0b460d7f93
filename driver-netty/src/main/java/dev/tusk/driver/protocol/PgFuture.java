package dev.tusk.driver.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * The future a command returns. Cancelling it cancels the command: a command not yet written is
 * dropped, one on the wire is cancelled on the server. The caller sees the
 * {@link java.util.concurrent.CancellationException} at once; the connection catches up in the
 * background. Stages derived from it ({@code thenApply} …) are plain futures: cancel this one.
 */
final class PgFuture<T> extends CompletableFuture<T> {
  private volatile Runnable onCancel;

  void onCancel(Runnable action) {
    onCancel = action;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    Runnable action = onCancel;
    if (cancelled && action != null) {
      action.run();
    }
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }
}
