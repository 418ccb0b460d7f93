package dev.tusk.driver.protocol;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admits one subscriber to a publisher whose data can be produced only once (a query's rows, a
 * COPY's output, a stream's bytes); any later subscriber is told so through {@code onError}, as the
 * Reactive Streams rules ask (1.9: {@code onSubscribe} first).
 */
public final class SingleSubscriber {
  private static final Flow.Subscription NOTHING = new Flow.Subscription() {
    @Override
    public void request(long n) {
    }

    @Override
    public void cancel() {
    }
  };

  private final AtomicBoolean taken = new AtomicBoolean();
  private final String refusal;

  /** @param refusal what a second subscriber is told */
  public SingleSubscriber(String refusal) {
    this.refusal = refusal;
  }

  /** {@return whether {@code subscriber} is the first}; a later one receives the refusal */
  public boolean admit(Flow.Subscriber<?> subscriber) {
    if (!taken.getAndSet(true)) {
      return true;
    }
    subscriber.onSubscribe(NOTHING);
    subscriber.onError(new IllegalStateException(refusal));
    return false;
  }
}
