package dev.tusk.driver.protocol;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands items from the event loop to a {@link Flow.Subscriber} on a virtual thread, never faster
 * than it requested. The event loop only enqueues: a slow subscriber never blocks it, so other
 * connections on the same loop are unaffected. The queue is bounded by {@code capacity}: when it is
 * full the producer stops (the connection stops reading from the socket), and {@code onRoom} is
 * called once the subscriber has taken half of it.
 *
 * <p>Signals to the subscriber are serial (one drain loop at a time, guarded by {@code wip}),
 * {@code onSubscribe} first, one terminal signal at most — as the Reactive Streams rules require.
 */
final class Delivery<T> implements Flow.Subscription {
  private static final System.Logger LOG = System.getLogger(Delivery.class.getName());
  private static final Executor VIRTUAL_THREADS =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tusk-delivery-", 0).factory());

  private final Flow.Subscriber<? super T> subscriber;
  private final int capacity;
  private final Runnable onRoom;
  private final Runnable onCancel;
  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private boolean subscribed;
  private volatile boolean done;
  private volatile Throwable failure;
  private volatile boolean cancelled;
  private boolean terminated;

  /**
   * @param onRoom called (on a delivery thread) when the queue has drained to half its capacity
   * @param onCancel called once if the subscriber cancels
   */
  Delivery(Flow.Subscriber<? super T> subscriber, int capacity, Runnable onRoom, Runnable onCancel) {
    this.subscriber = subscriber;
    this.capacity = capacity;
    this.onRoom = onRoom;
    this.onCancel = onCancel;
    drain();
  }

  /**
   * Producer side: enqueues an item (dropped after a cancel). Delivery starts at {@link #flush()}:
   * the event loop enqueues everything one socket read brought, then wakes the subscriber's thread
   * once, rather than once per row.
   */
  void offer(T item) {
    if (cancelled) {
      return;
    }
    queue.offer(item);
    queued.incrementAndGet();
  }

  /** Producer side: delivers what was offered since the last flush. */
  void flush() {
    if (!queue.isEmpty()) {
      drain();
    }
  }

  /** {@return whether the producer may offer more now} (always, once cancelled: the rest is discarded) */
  boolean hasRoom() {
    return cancelled || queued.get() < capacity;
  }

  void complete() {
    done = true;
    drain();
  }

  void fail(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    done = true;
    drain();
  }

  boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      fail(new IllegalArgumentException("request(" + n + "): demand must be positive (Reactive Streams rule 3.9)"));
      return;
    }
    demand.getAndAccumulate(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
    drain();
  }

  @Override
  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      queue.clear();
      queued.set(0);
      onCancel.run();
    }
  }

  private void drain() {
    if (wip.getAndIncrement() == 0) {
      VIRTUAL_THREADS.execute(this::drainLoop);
    }
  }

  private void drainLoop() {
    int missed = 1;
    do {
      if (!subscribed) {
        subscribed = true;
        signal(() -> subscriber.onSubscribe(this));
      }
      while (!cancelled && !terminated) {
        if (demand.get() > 0) {
          T item = queue.poll();
          if (item != null) {
            demand.decrementAndGet();
            if (queued.decrementAndGet() == capacity / 2) {
              onRoom.run();
            }
            signal(() -> subscriber.onNext(item));
            continue;
          }
        }
        if (done && queue.isEmpty()) {
          terminated = true;
          Throwable cause = failure;
          signal(() -> {
            if (cause != null) {
              subscriber.onError(cause);
            } else {
              subscriber.onComplete();
            }
          });
        }
        break;
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  /** A subscriber that throws breaks the rules (2.13): its subscription is cancelled. */
  private void signal(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "a subscriber threw; cancelling its subscription", e);
      cancel();
    }
  }
}
