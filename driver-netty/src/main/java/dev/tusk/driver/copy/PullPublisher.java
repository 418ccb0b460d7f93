package dev.tusk.driver.copy;

import dev.tusk.driver.protocol.SingleSubscriber;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes what a blocking source produces (an {@code InputStream}, an {@code Iterable} of rows),
 * pulling only on demand, on a virtual thread of its own so that blocking reads never touch an
 * event loop. Single subscriber; the source is closed when it ends or the subscriber cancels.
 */
public final class PullPublisher implements Flow.Publisher<byte[]> {
  /** A blocking source of chunks. */
  public interface Source extends AutoCloseable {
    /** {@return the next chunk, or {@code null} at the end} May block. */
    byte[] next() throws Exception;

    @Override
    default void close() throws Exception {
    }
  }

  private final Source source;
  private final SingleSubscriber subscribers = new SingleSubscriber("this source can be read only once");

  public PullPublisher(Source source) {
    this.source = source;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
    if (!subscribers.admit(subscriber)) {
      return;
    }
    var subscription = new PullSubscription(subscriber);
    Thread.ofVirtual().name("tusk-copy-source").start(subscription::run);
  }

  private final class PullSubscription implements Flow.Subscription {
    private final Flow.Subscriber<? super byte[]> subscriber;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition demanded = lock.newCondition();
    private long demand;
    private boolean cancelled;

    PullSubscription(Flow.Subscriber<? super byte[]> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      lock.lock();
      try {
        if (n <= 0) {
          cancelled = true;
        } else {
          demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        demanded.signalAll();
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void cancel() {
      lock.lock();
      try {
        cancelled = true;
        demanded.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** Waits for demand; {@return false once cancelled} */
    private boolean awaitDemand() throws InterruptedException {
      lock.lock();
      try {
        while (demand == 0 && !cancelled) {
          demanded.await();
        }
        if (cancelled) {
          return false;
        }
        demand--;
        return true;
      } finally {
        lock.unlock();
      }
    }

    void run() {
      subscriber.onSubscribe(this);
      try (Source closing = source) {
        while (awaitDemand()) {
          byte[] chunk = source.next();
          if (chunk == null) {
            subscriber.onComplete();
            return;
          }
          subscriber.onNext(chunk);
        }
      } catch (Exception e) {
        subscriber.onError(e);
      }
    }
  }
}
