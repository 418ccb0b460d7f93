package dev.tusk.driver.protocol;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;

/**
 * Turns a publisher into a blocking iterator: it requests a batch, and asks for the next one when
 * half of it has been consumed. Waiting parks the calling thread (cheap on a virtual thread).
 */
final class BlockingSubscriber<T> implements Flow.Subscriber<T>, Iterator<T>, AutoCloseable {
  private static final int BATCH = 256;
  private static final Object COMPLETE = new Object();

  private record Failure(Throwable cause) {}

  private final BlockingQueue<Object> items = new ArrayBlockingQueue<>(BATCH + 1);
  /** Taken from {@code items} in bulk, so the consumer is woken once per batch rather than per item. */
  private final java.util.ArrayDeque<Object> taken = new java.util.ArrayDeque<>(BATCH);
  private volatile Flow.Subscription subscription;
  private Object next;
  private int consumedSinceRequest;
  private boolean finished;

  @Override
  public void onSubscribe(Flow.Subscription newSubscription) {
    subscription = newSubscription;
    newSubscription.request(BATCH);
  }

  @Override
  public void onNext(T item) {
    items.add(item);
  }

  @Override
  public void onError(Throwable throwable) {
    items.add(new Failure(throwable));
  }

  @Override
  public void onComplete() {
    items.add(COMPLETE);
  }

  @Override
  public boolean hasNext() {
    if (finished) {
      return false;
    }
    if (next == null && !taken.isEmpty()) {
      next = taken.poll();
    }
    if (next == null) {
      try {
        next = items.take();
        items.drainTo(taken);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new PgException(SqlState.QUERY_CANCELED, "interrupted while waiting for rows; the query was cancelled", e);
      }
    }
    if (next == COMPLETE) {
      finished = true;
      return false;
    }
    if (next instanceof Failure failure) {
      finished = true;
      throw failure.cause() instanceof RuntimeException runtime ? runtime
          : new PgException(SqlState.CONNECTION_FAILURE, failure.cause().getMessage(), failure.cause());
    }
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T item = (T) next;
    next = null;
    if (++consumedSinceRequest == BATCH / 2) {
      consumedSinceRequest = 0;
      subscription.request(BATCH / 2);
    }
    return item;
  }

  /** Stops early: cancels the subscription (and with it the query). */
  @Override
  public void close() {
    Flow.Subscription current = subscription;
    if (!finished && current != null) {
      finished = true;
      current.cancel();
    }
  }
}
