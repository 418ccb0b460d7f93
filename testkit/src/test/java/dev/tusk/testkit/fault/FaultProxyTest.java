package dev.tusk.testkit.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultProxyTest {

  @Test
  void forwardsAMegabyteEachWayUnchanged() throws Exception {
    byte[] payload = new byte[1024 * 1024];
    new Random(7).nextBytes(payload);
    try (var upstream = Upstream.echo();
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      Thread sender = Thread.ofVirtual().start(() -> {
        try {
          client.send(payload);
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      assertArrayEquals(payload, client.readExactly(payload.length));
      sender.join();
      Await.until("every byte counted", () -> proxy.stats().bytesToClient() == payload.length);
      assertEquals(payload.length, proxy.stats().bytesToServer());
    }
  }

  @Test
  void listensOnAFreshLoopbackPortThatLocalhostReaches() throws Exception {
    try (var upstream = Upstream.echo();
        var first = FaultProxy.start(upstream.host(), upstream.port());
        var second = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(first)) {
      assertNotEquals(first.port(), second.port());
      assertEquals("localhost", first.host());
      assertTrue(client.socket().getInetAddress().isLoopbackAddress());
      client.send("ping");
      assertEquals("ping", client.readText(4));
    }
  }

  @Test
  void countsAcceptedAndOpenConnections() throws Exception {
    try (var upstream = Upstream.echo();
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var first = TestClient.connect(proxy);
        var second = TestClient.connect(proxy)) {
      Await.until("two open connections", () -> proxy.stats().open() == 2);
      first.close();
      Await.until("one open connection", () -> proxy.stats().open() == 1);
      assertEquals(2, proxy.stats().accepted());
      assertEquals(0, proxy.stats().rejected());
      second.send("still here");
      assertEquals("still here", second.readText(10));
    }
  }

  @Test
  void theLatestFaultOfAKindReplacesEarlierOnesItCovers() throws Exception {
    try (var upstream = Upstream.echo(); var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      proxy.set(Fault.latency(Direction.TO_CLIENT, Duration.ofMillis(5)));
      proxy.set(Fault.cutAtServerMessage('D', 1));
      proxy.set(Fault.latency(Duration.ofMillis(10)));
      assertEquals(List.of(Fault.cutAtServerMessage('D', 1), Fault.latency(Duration.ofMillis(10))), proxy.faults());

      proxy.set(Fault.latency(Direction.TO_SERVER, Duration.ofMillis(20)));
      assertEquals(3, proxy.faults().size(), "a one-way latency does not cover a two-way one");
      assertTrue(proxy.remove(Fault.latency(Duration.ofMillis(10))));
      assertEquals(List.of(Fault.cutAtServerMessage('D', 1), Fault.latency(Direction.TO_SERVER, Duration.ofMillis(20))),
          proxy.faults());
      proxy.restore();
      assertEquals(List.of(), proxy.faults());
    }
  }

  @Test
  void anUnreachableUpstreamClosesTheClient() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (var proxy = FaultProxy.start(InetAddress.getLoopbackAddress().getHostAddress(), closedPort);
        var client = TestClient.connect(proxy)) {
      assertEquals(0, client.readToEnd().bytes().length);
      Await.until("no open connection", () -> proxy.stats().open() == 0);
    }
  }

  @Test
  void closeResetsEveryConnectionAndLeavesNoProxyThreadBehind() throws Exception {
    try (var upstream = Upstream.echo()) {
      var proxy = FaultProxy.start(upstream.host(), upstream.port());
      String prefix = FaultProxy.THREAD_NAME_PREFIX + proxy.port() + "-";
      var plain = TestClient.connect(proxy);
      var lingering = TestClient.connect(proxy);
      Await.until("two open connections", () -> proxy.stats().open() == 2);
      proxy.cutAll(CutStyle.FIN);
      // the client never closes, so this connection lingers, held open by the proxy
      assertEquals(0, lingering.readToEnd().bytes().length);
      var held = TestClient.connect(proxy);
      proxy.set(Fault.latency(Duration.ofSeconds(30)));
      held.send("held back");
      var silent = TestClient.connect(proxy);
      proxy.set(Fault.blackHole());
      silent.send("never forwarded");
      Await.until("two open connections", () -> proxy.stats().open() == 2);
      assertTrue(LiveThreads.namedWith(prefix).size() >= 9, LiveThreads.namedWith(prefix).toString());

      proxy.close();

      assertEquals(List.of(), LiveThreads.namedWith(prefix));
      assertEquals(0, held.readToEnd().bytes().length);
      assertEquals(0, silent.readToEnd().bytes().length);
      for (var client : List.of(plain, lingering, held, silent)) {
        client.close();
      }
      proxy.close();
    }
  }
}
