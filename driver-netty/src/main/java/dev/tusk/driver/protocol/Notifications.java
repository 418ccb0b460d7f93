package dev.tusk.driver.protocol;

import dev.tusk.driver.PgNotification;
import dev.tusk.driver.message.BackendMessage;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans a connection's NotificationResponses out to subscribers, in order, each on its own virtual
 * thread: the event loop only hands them over and never waits for a listener. The server pushes
 * notifications without flow control, so each subscriber has a bounded buffer; a subscriber more
 * than {@link #BUFFER} notifications behind loses the newest ones, which are counted and logged.
 */
final class Notifications {
  static final int BUFFER = 8192;
  private static final System.Logger LOG = System.getLogger(Notifications.class.getName());

  private final SubmissionPublisher<PgNotification> publisher = new SubmissionPublisher<>(
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tusk-notify-", 0).factory()), BUFFER);
  private final AtomicLong dropped = new AtomicLong();

  Flow.Publisher<PgNotification> publisher() {
    return publisher;
  }

  /** Called on the event loop for every NotificationResponse. */
  void received(BackendMessage.NotificationResponse notification) {
    if (!publisher.hasSubscribers()) {
      return;
    }
    publisher.offer(new PgNotification(notification.processId(), notification.channel(), notification.payload()),
        (subscriber, lost) -> {
          if (dropped.getAndIncrement() % 1000 == 0) {
            LOG.log(Level.WARNING, "a notification subscriber is " + BUFFER + " behind; dropping notifications ("
                + dropped.get() + " so far)");
          }
          return false;
        });
  }

  long dropped() {
    return dropped.get();
  }

  void close() {
    publisher.close();
  }
}
