package dev.tusk.testkit.fault;

import static dev.tusk.testkit.fault.ProtocolBytes.concat;
import static dev.tusk.testkit.fault.ProtocolBytes.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CutTest {
  /** T, D "row1" … D "row5", C, Z: what a server sends for a five-row query. */
  private static final byte[] FIVE_ROWS = ProtocolBytes.queryResult(5);
  private static final byte[] ROW_DESCRIPTION = message('T', "description");

  @Test
  void aFinCutAfterBytesDeliversExactlyThatManyThenEndOfStream() throws Exception {
    byte[] download = new byte[100_000];
    Arrays.fill(download, (byte) 'x');
    Upstream.Session send = socket -> {
      socket.getOutputStream().write(download);
      socket.getInputStream().read();
    };
    try (var upstream = Upstream.start(send); var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      Fault cut = Fault.cutAfterBytes(Direction.TO_CLIENT, 40_000).with(CutStyle.FIN);
      proxy.set(cut);
      try (var client = TestClient.connect(proxy)) {
        Received received = client.readToEnd();
        assertEquals(40_000, received.bytes().length);
        assertFalse(received.reset(), "a FIN, not a reset");
      }
      assertEquals(List.of(new CutEvent(1, CutStyle.FIN, Optional.of(cut), 0, 40_000)), proxy.stats().cuts());
    }
  }

  @Test
  void aResetCutAfterBytesDeliversNoMoreThanThatManyThenAReset() throws Exception {
    Upstream.Session send = socket -> {
      socket.getOutputStream().write("0123456789".getBytes());
      socket.getInputStream().read();
    };
    try (var upstream = Upstream.start(send); var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      proxy.set(Fault.cutAfterBytes(Direction.TO_CLIENT, 4));
      try (var client = TestClient.connect(proxy)) {
        Received received = client.readToEnd();
        assertTrue(received.reset(), "a reset");
        // A reset may overtake bytes in flight, as on a real network; on loopback they arrive.
        assertTrue(new String(received.bytes()).length() <= 4 && "0123".startsWith(new String(received.bytes())),
            new String(received.bytes()));
      }
    }
  }

  @Test
  void aCutAtTheThirdDataRowDeliversExactlyTheMessagesBeforeIt() throws Exception {
    assertArrayEquals(concat(ROW_DESCRIPTION, message('D', "row1"), message('D', "row2")),
        receivedThroughCut(FakeBackend.writing(FIVE_ROWS), Fault.cutAtServerMessage('D', 3).with(CutStyle.FIN)));
  }

  @Test
  void aCutInsideTheThirdDataRowDeliversTheBytesOfItThatWereAskedFor() throws Exception {
    byte[] partOfRow3 = Arrays.copyOf(message('D', "row3"), 7);
    assertArrayEquals(concat(ROW_DESCRIPTION, message('D', "row1"), message('D', "row2"), partOfRow3),
        receivedThroughCut(FakeBackend.writing(FIVE_ROWS), Fault.cutAtServerMessage('D', 3).forwarding(7).with(CutStyle.FIN)));
  }

  @Test
  void aCutAfterTheThirdDataRowDeliversItWhole() throws Exception {
    assertArrayEquals(concat(ROW_DESCRIPTION, message('D', "row1"), message('D', "row2"), message('D', "row3")),
        receivedThroughCut(FakeBackend.writing(FIVE_ROWS), Fault.cutAfterServerMessage('D', 3).with(CutStyle.FIN)));
  }

  @Test
  void messageCutsLandOnTheSameByteWhenTheServerWritesOneByteAtATime() throws Exception {
    byte[] beforeReadyForQuery = Arrays.copyOf(FIVE_ROWS, FIVE_ROWS.length - message('Z', "I").length);
    assertArrayEquals(beforeReadyForQuery,
        receivedThroughCut(FakeBackend.writing(FIVE_ROWS).oneByteAtATime(), Fault.cutAtServerMessage('Z', 1).with(CutStyle.FIN)));
    byte[] headerStartOfRow2 = Arrays.copyOf(message('D', "row2"), 3);
    assertArrayEquals(concat(ROW_DESCRIPTION, message('D', "row1"), headerStartOfRow2),
        receivedThroughCut(FakeBackend.writing(FIVE_ROWS).oneByteAtATime(), Fault.cutAtServerMessage('D', 2).forwarding(3).with(CutStyle.FIN)));
  }

  @Test
  void aResetCutAtAMessageResetsTheClient() throws Exception {
    var backend = FakeBackend.writing(FIVE_ROWS);
    try (var upstream = Upstream.start(backend); var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      proxy.set(Fault.cutAtServerMessage('C', 1));
      try (var client = TestClient.connect(proxy)) {
        client.send(ProtocolBytes.startupMessage("postgres"));
        Received received = client.readToEnd();
        assertTrue(received.reset());
        byte[] beforeCommandComplete = concat(ROW_DESCRIPTION, message('D', "row1"), message('D', "row2"),
            message('D', "row3"), message('D', "row4"), message('D', "row5"));
        assertTrue(received.bytes().length <= beforeCommandComplete.length, "nothing from CommandComplete on");
        assertArrayEquals(Arrays.copyOf(beforeCommandComplete, received.bytes().length), received.bytes());
      }
      assertTrue(backend.nextSession().reset(), "the server is reset too");
    }
  }

  @Test
  void aCutAtAClientMessageDeliversTheServerExactlyWhatCameBeforeIt() throws Exception {
    var backend = FakeBackend.writing(new byte[0]);
    byte[] query = message('Q', "SELECT 1\0");
    try (var upstream = Upstream.start(backend); var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      proxy.set(Fault.cutAtClientMessage('X', 1).with(CutStyle.FIN));
      try (var client = TestClient.connect(proxy)) {
        client.send(concat(ProtocolBytes.startupMessage("postgres"), query, message('X', ""), query));
        Received atServer = backend.nextSession();
        assertArrayEquals(query, atServer.bytes());
        assertFalse(atServer.reset());
        assertEquals(0, client.readToEnd().bytes().length);
      }
    }
  }

  @Test
  void aMessageCutSetOnAnOpenConnectionCountsFromThen() throws Exception {
    Upstream.Session answerEachQuery = socket -> {
      var in = new DataInputStream(socket.getInputStream());
      in.skipNBytes(in.readInt() - 4);
      while (true) {
        in.readByte();
        in.skipNBytes(in.readInt() - 4);
        socket.getOutputStream().write(concat(message('D', "row"), message('Z', "I")));
      }
    };
    byte[] query = message('Q', "SELECT 1\0");
    byte[] answer = concat(message('D', "row"), message('Z', "I"));
    try (var upstream = Upstream.start(answerEachQuery);
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      client.send(ProtocolBytes.startupMessage("postgres"));
      client.send(query);
      assertArrayEquals(answer, client.readExactly(answer.length));
      client.send(query);
      assertArrayEquals(answer, client.readExactly(answer.length));

      proxy.set(Fault.cutAtServerMessage('D', 2).with(CutStyle.FIN));
      client.send(query);
      assertArrayEquals(answer, client.readExactly(answer.length), "the first DataRow since the cut was set");
      client.send(query);
      assertEquals(0, client.readToEnd().bytes().length, "cut right before the second");
    }
  }

  @Test
  void aCutFaultCutsEveryNewConnectionUntilRestored() throws Exception {
    try (var upstream = Upstream.start(FakeBackend.writing(FIVE_ROWS));
        var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      Fault cut = Fault.cutAtServerMessage('T', 1).with(CutStyle.FIN);
      proxy.set(cut);
      assertEquals(0, startupAndReadToEnd(proxy).bytes().length);
      assertEquals(0, startupAndReadToEnd(proxy).bytes().length);
      proxy.restore();
      try (var client = TestClient.connect(proxy)) {
        client.send(ProtocolBytes.startupMessage("postgres"));
        assertArrayEquals(FIVE_ROWS, client.readExactly(FIVE_ROWS.length));
      }
      assertEquals(List.of(1L, 2L), proxy.stats().cuts().stream().map(CutEvent::connection).toList());
      assertTrue(proxy.stats().cuts().stream().allMatch(event -> event.fault().equals(Optional.of(cut))));
    }
  }

  @Test
  void messageCutsWorkAfterARefusedSslRequest() throws Exception {
    try (var upstream = Upstream.start(FakeBackend.writing(FIVE_ROWS).answeringSslWith('N'));
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      proxy.set(Fault.cutAtServerMessage('D', 1).with(CutStyle.FIN));
      client.send(ProtocolBytes.sslRequest());
      assertEquals("N", client.readText(1));
      client.send(ProtocolBytes.startupMessage("postgres"));
      assertArrayEquals(ROW_DESCRIPTION, client.readToEnd().bytes());
    }
  }

  @Test
  void messageCutsNeverFireOnceTheServerAcceptsTls() throws Exception {
    try (var upstream = Upstream.start(FakeBackend.writing(FIVE_ROWS).answeringSslWith('S'));
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      proxy.set(Fault.cutAtServerMessage('D', 1));
      client.send(ProtocolBytes.sslRequest());
      assertEquals("S", client.readText(1));
      // stands in for the TLS handshake; the backend then writes what would be encrypted records
      client.send("client hello");
      assertArrayEquals(FIVE_ROWS, client.readExactly(FIVE_ROWS.length));
      assertEquals(List.of(), proxy.stats().cuts());
    }
  }

  @Test
  void cutAllResetsEveryOpenConnection() throws Exception {
    try (var upstream = Upstream.echo();
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var first = TestClient.connect(proxy);
        var second = TestClient.connect(proxy)) {
      first.send("a");
      second.send("b");
      assertEquals("a", first.readText(1));
      assertEquals("b", second.readText(1));

      proxy.cutAll();

      assertTrue(first.readToEnd().reset());
      assertTrue(second.readToEnd().reset());
      assertEquals(0, proxy.stats().open());
      assertEquals(List.of(Optional.empty(), Optional.empty()), proxy.stats().cuts().stream().map(CutEvent::fault).toList());
      try (var third = TestClient.connect(proxy)) {
        third.send("c");
        assertEquals("c", third.readText(1), "new connections are forwarded again");
      }
    }
  }

  @Test
  void cutAllWithFinGivesBothPeersEndOfStream() throws Exception {
    var backend = FakeBackend.writing(new byte[0]);
    try (var upstream = Upstream.start(backend);
        var proxy = FaultProxy.start(upstream.host(), upstream.port());
        var client = TestClient.connect(proxy)) {
      client.send(concat(ProtocolBytes.startupMessage("postgres"), message('Q', "x")));
      Await.until("the query forwarded", () -> proxy.stats().bytesToServer() == ProtocolBytes.startupMessage("postgres").length + 6);

      proxy.cutAll(CutStyle.FIN);

      assertFalse(client.readToEnd().reset());
      Received atServer = backend.nextSession();
      assertArrayEquals(message('Q', "x"), atServer.bytes());
      assertFalse(atServer.reset());
    }
  }

  private static byte[] receivedThroughCut(FakeBackend backend, Fault cut) throws Exception {
    try (var upstream = Upstream.start(backend); var proxy = FaultProxy.start(upstream.host(), upstream.port())) {
      proxy.set(cut);
      Received received = startupAndReadToEnd(proxy);
      assertFalse(received.reset());
      assertEquals(1, proxy.stats().cuts().size());
      return received.bytes();
    }
  }

  private static Received startupAndReadToEnd(FaultProxy proxy) throws IOException {
    try (var client = TestClient.connect(proxy)) {
      client.send(ProtocolBytes.startupMessage("postgres"));
      return client.readToEnd();
    }
  }
}
