package dev.tusk.testkit.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Timing assertions give lower bounds; upper bounds, where needed at all, are generous. */
class LatencyAndBandwidthTest {
  private static final Duration DELAY = Duration.ofMillis(150);

  @Test
  void latencyDelaysEveryChunkEachWay() throws Exception {
    try (var upstream = Upstream.echo(); var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      proxy.set(Fault.latency(DELAY));
      try (var client = TestClient.connect(proxy)) {
        long start = System.nanoTime();
        client.send("ping");
        assertEquals("ping", client.readText(4));
        assertAtLeast(DELAY.multipliedBy(2), start);
      }
    }
  }

  @Test
  void latencyReachesAConnectionThatIsAlreadyOpen() throws Exception {
    try (var upstream = Upstream.echo();
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      client.send("before");
      assertEquals("before", client.readText(6));
      proxy.set(Fault.latency(Direction.TO_CLIENT, DELAY));
      long start = System.nanoTime();
      client.send("after");
      assertEquals("after", client.readText(5));
      assertAtLeast(DELAY, start);
    }
  }

  @Test
  void oneWayLatencyLeavesTheOtherWayAlone() throws Exception {
    Duration slow = Duration.ofMillis(600);
    var arrived = new CompletableFuture<Long>();
    Upstream.Session recordArrival = socket -> {
      socket.getInputStream().read();
      arrived.complete(System.nanoTime());
      socket.getOutputStream().write('!');
      socket.getInputStream().read();
    };
    try (var upstream = Upstream.start(recordArrival);
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      proxy.set(Fault.latency(Direction.TO_CLIENT, slow));
      long start = System.nanoTime();
      client.send("?");
      assertEquals("!", client.readText(1));
      assertAtLeast(slow, start);
      assertTrue(Duration.ofNanos(arrived.get() - start).compareTo(slow) < 0, "the request was not delayed");
    }
  }

  @Test
  void latencyKeepsOrderWithoutThrottling() throws Exception {
    byte[] payload = new byte[256 * 1024];
    new Random(3).nextBytes(payload);
    try (var upstream = Upstream.echo(); var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      proxy.set(Fault.latency(Duration.ofMillis(100)));
      try (var client = TestClient.connect(proxy)) {
        long start = System.nanoTime();
        Thread sender = Thread.ofVirtual().start(() -> sendInPieces(client, payload, 1024));
        assertArrayEquals(payload, client.readExactly(payload.length));
        sender.join();
        // 256 pieces, each 200 ms there and back: far under 256 x 200 ms because they overlap
        assertTrue(elapsed(start).compareTo(Duration.ofSeconds(10)) < 0, "took " + elapsed(start));
      }
    }
  }

  @Test
  void latencyOnOneConnectionDoesNotHoldUpTheOthers() throws Exception {
    int connections = 8;
    try (var upstream = Upstream.echo(); var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      proxy.set(Fault.latency(Duration.ofMillis(250)));
      long start = System.nanoTime();
      List<Future<String>> answers = new ArrayList<>();
      // One thread per client: a pool smaller than the number of clients would serialize them itself.
      try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < connections; i++) {
          String message = "client" + i;
          answers.add(clients.submit(() -> roundTrip(proxy, message)));
        }
        for (int i = 0; i < connections; i++) {
          assertEquals("client" + i, answers.get(i).get());
        }
      }
      // one after the other would take 8 x 500 ms
      assertTrue(elapsed(start).compareTo(Duration.ofSeconds(3)) < 0, "took " + elapsed(start));
    }
  }

  @Test
  void restoreReleasesChunksThatWereWaitingOutTheirLatency() throws Exception {
    try (var upstream = Upstream.echo();
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      proxy.set(Fault.latency(Duration.ofMinutes(5)));
      client.send("late");
      Thread.sleep(100);
      proxy.restore();
      assertEquals("late", client.readText(4), "delivered well before the five minutes");
    }
  }

  @Test
  void bandwidthLimitPacesTheBytes() throws Exception {
    int size = 50_000;
    long bytesPerSecond = 50_000;
    Upstream.Session download = socket -> {
      socket.getOutputStream().write(new byte[size]);
      socket.getInputStream().read();
    };
    try (var upstream = Upstream.start(download); var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      proxy.set(Fault.bandwidth(Direction.TO_CLIENT, bytesPerSecond));
      try (var client = TestClient.connect(proxy)) {
        long start = System.nanoTime();
        client.readExactly(size);
        // pacing lets the first slice (1/20 s worth) go at once
        assertAtLeast(Duration.ofMillis(800), start);
        assertTrue(elapsed(start).compareTo(Duration.ofSeconds(5)) < 0, "took " + elapsed(start));
      }
    }
  }

  private static void sendInPieces(TestClient client, byte[] payload, int pieceSize) {
    try {
      for (int at = 0; at < payload.length; at += pieceSize) {
        client.send(java.util.Arrays.copyOfRange(payload, at, at + pieceSize));
      }
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  private static String roundTrip(FaultProxy proxy, String message) throws IOException {
    try (var client = TestClient.connect(proxy)) {
      client.send(message);
      return client.readText(message.length());
    }
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void assertAtLeast(Duration minimum, long start) {
    Duration elapsed = elapsed(start);
    assertTrue(elapsed.compareTo(minimum) >= 0, "took " + elapsed + ", expected at least " + minimum);
  }

}
