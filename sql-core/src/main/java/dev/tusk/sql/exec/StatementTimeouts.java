package dev.tusk.sql.exec;

import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.SqlState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A statement timeout for the driver calls that take none: a batch ({@code executeMany}), a simple
 * query ({@code executeScript}) and a row stream. It behaves as the driver's own per-query timeout
 * does: measured from the call, and when it passes the caller fails at once with a {@link
 * PgTimeoutException} (SQLSTATE 57014) while the command is cancelled — dropped from the queue if
 * not yet sent, else cancelled on the server — so the connection stays usable.
 *
 * <p>Cancelling the driver's future (or the stream's subscription) is what asks the driver to
 * cancel the command; that is the only handle the public driver API gives, and it is the same one
 * the driver's own timeout pulls.
 */
final class StatementTimeouts {
  /**
   * One daemon thread for every timer. A timer only completes a future or signals an error; the
   * cancel itself is posted to the connection's event loop by the driver.
   */
  private static final ScheduledThreadPoolExecutor TIMER = createTimer();

  private StatementTimeouts() {}

  private static ScheduledThreadPoolExecutor createTimer() {
    var timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("tusk-sql-timeouts").factory());
    // most timers are cancelled (the statement finished in time): they must not pile up until due
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  /**
   * {@return {@code timeout}, checked when given rather than at the first statement}: null (no
   * timeout of its own) or positive
   */
  static Duration requireValid(Duration timeout) {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("a statement timeout must be positive, was " + timeout);
    }
    return timeout;
  }

  /** {@return the failure a statement gets when {@code timeout} passed} */
  static PgTimeoutException timedOut(Duration timeout) {
    return new PgTimeoutException(SqlState.QUERY_CANCELED,
        "the statement did not complete within " + timeout + " and was cancelled", timeout);
  }

  /**
   * {@return {@code command}'s outcome, or a {@link PgTimeoutException} once {@code timeout} has
   * passed}, in which case {@code command} is cancelled. Cancelling the returned future cancels
   * {@code command} too. A null timeout returns {@code command} as it is.
   */
  static <T> CompletableFuture<T> within(Duration timeout, CompletableFuture<T> command) {
    if (timeout == null || command.isDone()) {
      return command;
    }
    var outcome = new CompletableFuture<T>();
    var expired = new AtomicBoolean();
    ScheduledFuture<?> timer = TIMER.schedule(() -> {
      // the command is cancelled before the caller hears of the timeout: a caller who goes on at
      // once (a ROLLBACK after a failed transaction body) must find the cancel already under way,
      // or its next statement could go out first and keep the cancelled one running
      expired.set(true);
      command.cancel(true);
      outcome.completeExceptionally(timedOut(timeout));
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    command.whenComplete((result, failure) -> {
      timer.cancel(false);
      if (expired.get() && command.isCancelled()) {
        outcome.completeExceptionally(timedOut(timeout));
      } else if (failure == null) {
        outcome.complete(result);
      } else {
        outcome.completeExceptionally(failure instanceof CompletionException wrapped && wrapped.getCause() != null
            ? wrapped.getCause() : failure);
      }
    });
    outcome.whenComplete((result, failure) -> {
      if (outcome.isCancelled()) {
        command.cancel(true);
      }
    });
    return outcome;
  }

  /**
   * {@return {@code rows} with a deadline {@code timeout} after subscribing}: if the stream has not
   * ended by then, the subscription is cancelled (which cancels the query) and the subscriber gets
   * a {@link PgTimeoutException}. As with the driver's {@code query_timeout}, the deadline covers
   * the whole stream, so time a slow subscriber takes counts too. A null timeout returns {@code
   * rows} as it is.
   */
  static <T> Flow.Publisher<T> within(Duration timeout, Flow.Publisher<T> rows) {
    if (timeout == null) {
      return rows;
    }
    return subscriber -> {
      var timed = new TimedSubscriber<T>(subscriber, timeout);
      timed.start();
      rows.subscribe(timed);
    };
  }

  /**
   * Passes signals through until the deadline, then replaces the rest with one {@code onError}.
   * Upstream signals are serial already; the lock only keeps the timer's {@code onError} from
   * overlapping an {@code onNext} (a {@code ReentrantLock}, not {@code synchronized}, so a virtual
   * thread waiting for it does not pin its carrier).
   */
  private static final class TimedSubscriber<T> implements Flow.Subscriber<T>, Flow.Subscription {
    private final Flow.Subscriber<? super T> downstream;
    private final Duration timeout;
    private final ReentrantLock signals = new ReentrantLock();
    private volatile Flow.Subscription upstream;
    private volatile boolean cancelled;
    private volatile ScheduledFuture<?> timer;
    /** Guarded by {@code signals}: the deadline passed (possibly before {@code onSubscribe}). */
    private boolean expired;
    /** Guarded by {@code signals}: downstream got its terminal signal. */
    private boolean terminated;

    TimedSubscriber(Flow.Subscriber<? super T> downstream, Duration timeout) {
      this.downstream = downstream;
      this.timeout = timeout;
    }

    /** Starts the clock: subscribing sends the query, so the time counts from here. */
    void start() {
      timer = TIMER.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void expire() {
      signals.lock();
      try {
        if (terminated || cancelled) {
          return;
        }
        expired = true;
        if (upstream != null) {
          failDownstream();
        }
        // else onSubscribe, still to come, sees expired and fails the subscriber right after it
      } finally {
        signals.unlock();
      }
    }

    /** Called with the lock held, once the deadline passed and downstream has its subscription. */
    private void failDownstream() {
      terminated = true;
      upstream.cancel();
      downstream.onError(timedOut(timeout));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      signals.lock();
      try {
        upstream = subscription;
        downstream.onSubscribe(this);
        if (expired && !terminated && !cancelled) {
          failDownstream();
        }
      } finally {
        signals.unlock();
      }
    }

    @Override
    public void onNext(T item) {
      signals.lock();
      try {
        if (!terminated) {
          downstream.onNext(item);
        }
      } finally {
        signals.unlock();
      }
    }

    @Override
    public void onError(Throwable failure) {
      terminate(() -> downstream.onError(failure));
    }

    @Override
    public void onComplete() {
      terminate(downstream::onComplete);
    }

    private void terminate(Runnable signal) {
      stopTimer();
      signals.lock();
      try {
        if (!terminated) {
          terminated = true;
          signal.run();
        }
      } finally {
        signals.unlock();
      }
    }

    @Override
    public void request(long n) {
      upstream.request(n);
    }

    @Override
    public void cancel() {
      // no lock: a subscriber may cancel from another thread while an onNext holds it
      cancelled = true;
      stopTimer();
      upstream.cancel();
    }

    private void stopTimer() {
      ScheduledFuture<?> current = timer;
      if (current != null) {
        current.cancel(false);
      }
    }
  }
}
