package dev.tusk.testkit.fault;

import static dev.tusk.testkit.fault.ProtocolBytes.concat;
import static dev.tusk.testkit.fault.ProtocolBytes.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.testkit.fault.Framing.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FramingTest {
  private static final byte[] BACKEND_STARTUP = concat(message('R', "\0\0\0\0"), message('S', "a\0b\0"), message('Z', "I"));

  @Test
  void taggedMessagesAfterTheStartupPacketAreFoundWhateverTheChunkSplits() {
    byte[] client = concat(ProtocolBytes.startupMessage("postgres"), message('Q', "SELECT 1\0"), message('X', ""));
    int startup = ProtocolBytes.startupMessage("postgres").length;
    List<Frame> expectedFromClient = List.of(new Frame(startup, 'Q', 14), new Frame(startup + 14, 'X', 5));
    List<Frame> expectedFromServer = List.of(new Frame(0, 'R', 9), new Frame(9, 'S', 9), new Frame(18, 'Z', 6));
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      var framing = new Framing();
      // round 0 feeds one byte at a time; the others split at random
      assertEquals(expectedFromClient, completeFrames(framing, Direction.TO_SERVER, client, round == 0 ? null : random));
      assertEquals(expectedFromServer, completeFrames(framing, Direction.TO_CLIENT, BACKEND_STARTUP, round == 0 ? null : random));
    }
  }

  @Test
  void aHeaderSplitAcrossChunksIsReportedAtItsTagAndAgainWithItsLength() {
    var framing = new Framing();
    framing.scan(Direction.TO_SERVER, ProtocolBytes.startupMessage("u"), ProtocolBytes.startupMessage("u").length, 0);
    byte[] dataRow = message('D', "xyz");
    assertEquals(List.of(new Frame(0, 'D', Frame.UNKNOWN_LENGTH)), framing.scan(Direction.TO_CLIENT, dataRow, 2, 0));
    byte[] rest = java.util.Arrays.copyOfRange(dataRow, 2, dataRow.length);
    assertEquals(List.of(new Frame(0, 'D', 8)), framing.scan(Direction.TO_CLIENT, rest, rest.length, 2));
  }

  @Test
  void aRefusedSslRequestIsFollowedByAnotherStartupPacketAndThenTaggedMessages() {
    var framing = new Framing();
    byte[] request = ProtocolBytes.sslRequest();
    assertEquals(List.of(), framing.scan(Direction.TO_SERVER, request, request.length, 0));
    byte[] answer = {(byte) 'N'};
    assertEquals(List.of(), framing.scan(Direction.TO_CLIENT, answer, 1, 0));
    byte[] client = concat(ProtocolBytes.startupMessage("postgres"), message('Q', "SELECT 1\0"));
    assertEquals(List.of(new Frame(request.length + ProtocolBytes.startupMessage("postgres").length, 'Q', 14)),
        framing.scan(Direction.TO_SERVER, client, client.length, request.length));
    assertEquals(List.of(new Frame(1, 'R', 9), new Frame(10, 'S', 9), new Frame(19, 'Z', 6)),
        framing.scan(Direction.TO_CLIENT, BACKEND_STARTUP, BACKEND_STARTUP.length, 1));
  }

  @Test
  void acceptedTlsMakesBothDirectionsOpaque() {
    var framing = new Framing();
    byte[] request = ProtocolBytes.sslRequest();
    framing.scan(Direction.TO_SERVER, request, request.length, 0);
    byte[] server = concat(new byte[] {'S'}, BACKEND_STARTUP);
    assertEquals(List.of(), framing.scan(Direction.TO_CLIENT, server, server.length, 0));
    byte[] client = message('Q', "looks like a query but is encrypted");
    assertEquals(List.of(), framing.scan(Direction.TO_SERVER, client, client.length, request.length));
  }

  @Test
  void directTlsMakesBothDirectionsOpaque() {
    var framing = new Framing();
    byte[] clientHello = {0x16, 0x03, 0x01, 0x00, 0x10, 'Q', 0, 0, 0, 4};
    assertEquals(List.of(), framing.scan(Direction.TO_SERVER, clientHello, clientHello.length, 0));
    assertEquals(List.of(), framing.scan(Direction.TO_CLIENT, BACKEND_STARTUP, BACKEND_STARTUP.length, 0));
  }

  @Test
  void anOldServerAnsweringSslWithAnErrorResponseIsFramedFromThatByte() {
    var framing = new Framing();
    byte[] request = ProtocolBytes.sslRequest();
    framing.scan(Direction.TO_SERVER, request, request.length, 0);
    byte[] error = message('E', "SFATAL\0\0");
    assertEquals(List.of(new Frame(0, 'E', error.length)), framing.scan(Direction.TO_CLIENT, error, error.length, 0));
  }

  @Test
  void nothingAfterACancelRequestIsTakenForAMessage() {
    var framing = new Framing();
    byte[] client = concat(ProtocolBytes.cancelRequest(), message('Q', "x"));
    assertEquals(List.of(), framing.scan(Direction.TO_SERVER, client, client.length, 0));
  }

  @Test
  void aLengthBelowFourMakesTheStreamOpaqueInsteadOfGuessing() {
    var framing = new Framing();
    byte[] server = concat(new byte[] {'D', 0, 0, 0, 3}, message('Z', "I"));
    assertEquals(List.of(), framing.scan(Direction.TO_CLIENT, server, server.length, 0));
  }

  /** Scans {@code stream} in chunks, one byte each when {@code random} is null, and keeps the frames whose length is known. */
  private static List<Frame> completeFrames(Framing framing, Direction flow, byte[] stream, Random random) {
    List<Frame> frames = new ArrayList<>();
    int position = 0;
    while (position < stream.length) {
      int length = random == null ? 1 : 1 + random.nextInt(Math.min(12, stream.length - position));
      byte[] chunk = java.util.Arrays.copyOfRange(stream, position, position + length);
      framing.scan(flow, chunk, length, position).stream()
          .filter(frame -> frame.length() != Frame.UNKNOWN_LENGTH)
          .forEach(frames::add);
      position += length;
    }
    return frames;
  }
}
