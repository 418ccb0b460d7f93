package dev.tusk.sql.exec;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A publisher read as a blocking {@link Stream}, for the blocking API's streams that need a
 * publisher in between (a timed one): it requests a batch and asks for more once half of it was
 * read, so at most one batch waits in memory. Waiting parks the reading thread, which costs a
 * virtual thread nothing. Closing the stream before its end cancels the subscription.
 */
final class BlockingRows<T> implements Flow.Subscriber<T>, Iterator<T> {
  private static final int BATCH = 256;
  private static final Object END = new Object();

  private record Failure(Throwable cause) {}

  /** Room for a whole batch and the terminal signal: the publisher never sends more than requested. */
  private final BlockingQueue<Object> arrived = new ArrayBlockingQueue<>(BATCH + 1);
  /** What the reader took from {@code arrived} in one go, so it is woken once per batch, not per row. */
  private final ArrayDeque<Object> taken = new ArrayDeque<>(BATCH);
  private volatile Flow.Subscription subscription;
  /** Set when the stream is closed early, possibly before the subscription arrived. */
  private volatile boolean closed;
  private Object next;
  private int readSinceRequest;
  private boolean finished;

  private BlockingRows() {}

  /** {@return the rows of {@code publisher}, subscribed to at once} */
  static <T> Stream<T> stream(Flow.Publisher<T> publisher) {
    var rows = new BlockingRows<T>();
    publisher.subscribe(rows);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL),
        false).onClose(rows::close);
  }

  @Override
  public void onSubscribe(Flow.Subscription newSubscription) {
    subscription = newSubscription;
    if (closed) {
      newSubscription.cancel();   // closed before the subscription arrived: the query must stop too
    } else {
      newSubscription.request(BATCH);
    }
  }

  @Override
  public void onNext(T item) {
    arrived.add(item);
  }

  @Override
  public void onError(Throwable failure) {
    arrived.add(new Failure(failure));
  }

  @Override
  public void onComplete() {
    arrived.add(END);
  }

  @Override
  public boolean hasNext() {
    if (finished) {
      return false;
    }
    if (next == null) {
      next = taken.poll();
    }
    if (next == null) {
      try {
        next = arrived.take();
        arrived.drainTo(taken);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new PgException(SqlState.QUERY_CANCELED, "interrupted while waiting for rows; the query was cancelled", e);
      }
    }
    if (next == END) {
      finished = true;
      return false;
    }
    if (next instanceof Failure failure) {
      finished = true;
      throw failure.cause() instanceof RuntimeException unchecked ? unchecked
          : new PgException(SqlState.CONNECTION_FAILURE, String.valueOf(failure.cause()), failure.cause());
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
    if (++readSinceRequest == BATCH / 2) {
      readSinceRequest = 0;
      subscription.request(BATCH / 2);
    }
    return item;
  }

  private void close() {
    if (finished) {
      return;
    }
    finished = true;
    closed = true;
    Flow.Subscription current = subscription;
    if (current != null) {
      current.cancel();
    }
  }
}
