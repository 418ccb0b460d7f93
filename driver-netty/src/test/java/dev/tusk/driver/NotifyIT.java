package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class NotifyIT {
  private final PostgresServer server;
  private PgConnection listener;
  private PgConnection sender;

  NotifyIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    listener = TestConnections.connect(options(server));
    sender = TestConnections.connect(options(server));
  }

  @AfterEach
  void close() {
    await(listener.close());
    await(sender.close());
  }

  private static final class Collector implements Flow.Subscriber<PgNotification> {
    final List<PgNotification> received = new CopyOnWriteArrayList<>();
    final CountDownLatch expected;

    Collector(int count) {
      expected = new CountDownLatch(count);
    }

    @Override public void onSubscribe(Flow.Subscription subscription) { subscription.request(Long.MAX_VALUE); }
    @Override public void onNext(PgNotification item) { received.add(item); expected.countDown(); }
    @Override public void onError(Throwable throwable) { }
    @Override public void onComplete() { }
  }

  @Test
  void notificationsArriveInOrderWithTheirPayloads() throws Exception {
    var collector = new Collector(100);
    listener.notifications().subscribe(collector);
    await(listener.listen("Jobs Channel"));
    for (int i = 0; i < 100; i++) {
      await(sender.query("SELECT pg_notify($1, $2)", "Jobs Channel", "job " + i));
    }
    assertTrue(collector.expected.await(10, TimeUnit.SECONDS));
    for (int i = 0; i < 100; i++) {
      PgNotification notification = collector.received.get(i);
      assertEquals("Jobs Channel", notification.channel());
      assertEquals("job " + i, notification.payload());
      assertEquals(sender.processId(), notification.processId());
    }
  }

  @Test
  void aPayloadAtTheSizeLimitArrivesWhole() throws Exception {
    var collector = new Collector(1);
    listener.notifications().subscribe(collector);
    await(listener.listen("big"));
    String payload = "ü".repeat(3999) + "x"; // 7999 bytes: the largest payload NOTIFY accepts
    await(sender.query("SELECT pg_notify('big', $1)", payload));
    assertTrue(collector.expected.await(10, TimeUnit.SECONDS));
    assertEquals(payload, collector.received.get(0).payload());
    PgException tooBig = failure(sender.query("SELECT pg_notify('big', $1)", payload + "yy"));
    assertEquals("22023", tooBig.sqlState());
  }

  @Test
  void unlistenStopsDelivery() throws Exception {
    var collector = new Collector(1);
    listener.notifications().subscribe(collector);
    await(listener.listen("once"));
    await(sender.execute("NOTIFY once, 'first'"));
    assertTrue(collector.expected.await(10, TimeUnit.SECONDS));
    await(listener.unlisten("once"));
    await(sender.execute("NOTIFY once, 'second'"));
    await(listener.query("SELECT 1"));
    Thread.sleep(200);
    assertEquals(1, collector.received.size());
  }
}
