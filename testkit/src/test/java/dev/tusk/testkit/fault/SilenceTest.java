package dev.tusk.testkit.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Black holes, half-closes and rejections: faults that withhold traffic rather than cut it mid-stream. */
class SilenceTest {
  private static final Duration QUIET = Duration.ofMillis(300);

  @Test
  void aBlackHoledNewConnectionHearsNothingAndForwardsNothing() throws Exception {
    try (var upstream = Upstream.echo(); var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      proxy.set(Fault.blackHole());
      try (var client = TestClient.connect(proxy)) {
        client.send("hello?");
        assertTrue(client.hearsNothingWithin(QUIET));
        assertEquals(0, proxy.stats().bytesToServer());
        assertEquals(1, proxy.stats().open(), "accepted and kept open");
      }
    }
  }

  @Test
  void aBlackHoleSilencesAnOpenConnectionAndRestoreDeliversWhatWasHeld() throws Exception {
    try (var upstream = Upstream.echo();
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      client.send("before");
      assertEquals("before", client.readText(6));

      proxy.set(Fault.blackHole());
      client.send("during");
      assertTrue(client.hearsNothingWithin(QUIET));

      proxy.restore();
      assertEquals("during", client.readText(6));
      client.send("after");
      assertEquals("after", client.readText(5));
    }
  }

  @Test
  void aBlackHoleForNewConnectionsSparesOpenOnes() throws Exception {
    try (var upstream = Upstream.echo();
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var open = TestClient.connect(proxy)) {
      Await.until("the first connection accepted", () -> proxy.stats().accepted() == 1);
      proxy.setForNewConnections(Fault.blackHole());
      try (var fresh = TestClient.connect(proxy)) {
        fresh.send("lost");
        open.send("kept");
        assertEquals("kept", open.readText(4));
        assertTrue(fresh.hearsNothingWithin(QUIET));
      }
    }
  }

  @Test
  void aOneWayBlackHoleLetsTheOtherWayThrough() throws Exception {
    try (var upstream = Upstream.echo();
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      proxy.set(Fault.blackHole(Direction.TO_CLIENT));
      client.send("echo me");
      Await.until("the bytes reached the server", () -> proxy.stats().bytesToServer() == 7);
      assertTrue(client.hearsNothingWithin(QUIET));
      assertEquals(0, proxy.stats().bytesToClient());
    }
  }

  @Test
  void halfClosingTowardsTheClientEndsItsStreamWhileItsBytesStillReachTheServer() throws Exception {
    var backend = FakeBackend.writing(new byte[0]);
    try (var upstream = Upstream.start(backend);
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      client.send(ProtocolBytes.startupMessage("postgres"));
      proxy.set(Fault.halfClose(Direction.TO_CLIENT));

      assertEquals(-1, client.socket().getInputStream().read(), "end of stream for the client");
      client.send("still flowing");
      client.socket().shutdownOutput();

      Received atServer = backend.nextSession();
      assertEquals("still flowing", new String(atServer.bytes(), StandardCharsets.US_ASCII));
      assertFalse(atServer.reset());
    }
  }

  @Test
  void halfClosingTowardsTheServerEndsItsStreamWhileItsAnswersStillReachTheClient() throws Exception {
    Upstream.Session answerAtEnd = socket -> {
      byte[] heard = socket.getInputStream().readAllBytes();
      socket.getOutputStream().write(("heard " + heard.length + " bytes, bye").getBytes(StandardCharsets.US_ASCII));
    };
    try (var upstream = Upstream.start(answerAtEnd);
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      client.send("12345");
      Await.until("five bytes forwarded", () -> proxy.stats().bytesToServer() == 5);

      proxy.set(Fault.halfClose(Direction.TO_SERVER));

      Received received = client.readToEnd();
      assertEquals("heard 5 bytes, bye", new String(received.bytes(), StandardCharsets.US_ASCII));
      assertFalse(received.reset());
    }
  }

  @Test
  void rejectClosesNewConnectionsRightAfterAcceptAndRestoreAcceptsAgain() throws Exception {
    try (var upstream = Upstream.echo();
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var open = TestClient.connect(proxy)) {
      Await.until("the first connection accepted", () -> proxy.stats().accepted() == 1);
      proxy.set(Fault.reject());
      try (var refused = TestClient.connect(proxy)) {
        Received received = refused.readToEnd();
        assertEquals(0, received.bytes().length);
        assertTrue(received.reset());
      }
      proxy.set(Fault.reject().with(CutStyle.FIN));
      try (var refused = TestClient.connect(proxy)) {
        assertFalse(refused.readToEnd().reset());
      }
      open.send("spared");
      assertEquals("spared", open.readText(6));
      assertEquals(2, proxy.stats().rejected());

      proxy.restore();
      try (var accepted = TestClient.connect(proxy)) {
        accepted.send("welcome");
        assertEquals("welcome", accepted.readText(7));
      }
      assertEquals(4, proxy.stats().accepted());
    }
  }

  @Test
  void aHalfCloseIsNotUndoneByRestoreButNewConnectionsAreClean() throws Exception {
    try (var upstream = Upstream.echo();
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var halfClosed = TestClient.connect(proxy)) {
      proxy.set(Fault.halfClose(Direction.TO_CLIENT));
      assertEquals(-1, halfClosed.socket().getInputStream().read());
      proxy.restore();
      try (var fresh = TestClient.connect(proxy)) {
        fresh.send("clean");
        assertEquals("clean", fresh.readText(5));
      }
      assertArrayEquals(new byte[0], halfClosed.socket().getInputStream().readNBytes(1));
    }
  }
}
