package dev.tusk.driver.message;

import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The messages protocol 3.2 changes: variable-length cancel keys and the server's version counter-offer. */
class ProtocolThreeTwoDecodingTest {

  @Test
  void aThirtyTwoByteCancelKeyIsKeptWholeAndSentBackWhole() {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (0xA0 + i);
    }
    ByteBuf body = Unpooled.buffer().writeInt(4242).writeBytes(key);
    var decoded = (BackendMessage.BackendKeyData) BackendDecoder.decode((byte) 'K', body);
    assertEquals(4242, decoded.processId());
    assertArrayEquals(key, decoded.secretKey());

    ByteBuf request = Unpooled.buffer();
    FrontendEncoder.encode(new FrontendMessage.CancelRequest(decoded.processId(), decoded.secretKey()), request);
    assertEquals(12 + 32, request.readInt(), "length covers the whole key");
    assertEquals(80877102, request.readInt(), "the CancelRequest code");
    assertEquals(4242, request.readInt());
    byte[] sent = new byte[request.readableBytes()];
    request.readBytes(sent);
    assertArrayEquals(key, sent);
    body.release();
    request.release();
  }

  @Test
  void keysShorterThanFourOrLongerThan256BytesAreProtocolViolations() {
    for (int length : new int[] {0, 3, 257}) {
      ByteBuf body = Unpooled.buffer().writeInt(1).writeZero(length);
      assertThrows(ProtocolViolation.class, () -> BackendDecoder.decode((byte) 'K', body), length + " bytes");
      body.release();
    }
    ByteBuf longest = Unpooled.buffer().writeInt(1).writeZero(256);
    assertEquals(256, ((BackendMessage.BackendKeyData) BackendDecoder.decode((byte) 'K', longest)).secretKey().length);
    longest.release();
  }

  /** The server sends the whole version (3.0 = 0x00030000), not only its minor part: PostgreSQL 13–17 answer 3.2 so. */
  @Test
  void aCounterOfferNamesTheNewestMinorVersionAndTheOptionsTheServerDidNotKnow() {
    ByteBuf body = Unpooled.buffer().writeInt(0x0003_0000).writeInt(1);
    body.writeBytes("_pq_.unknown".getBytes(StandardCharsets.US_ASCII)).writeByte(0);
    var offer = (BackendMessage.NegotiateProtocolVersion) BackendDecoder.decode((byte) 'v', body);
    assertEquals(0, offer.newestMinorVersion());
    assertEquals(List.of("_pq_.unknown"), offer.unrecognizedOptions());
    body.release();
  }

  @Test
  void aCounterOfferForAnotherMajorVersionIsAProtocolViolation() {
    for (int version : new int[] {0, 2, 0x0002_0000, 0x0004_0000}) {
      ByteBuf body = Unpooled.buffer().writeInt(version).writeInt(0);
      assertThrows(ProtocolViolation.class, () -> BackendDecoder.decode((byte) 'v', body), Integer.toHexString(version));
      body.release();
    }
  }
}
