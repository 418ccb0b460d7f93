package dev.tusk.driver.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden bytes, checked by hand against the protocol's Message Formats page. */
class FrontendEncoderTest {
  private static byte[] encode(FrontendMessage message) {
    ByteBuf out = Unpooled.buffer();
    FrontendEncoder.encode(message, out);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    out.release();
    return bytes;
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  @Test
  void startupMessage() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", "u");
    parameters.put("database", "d");
    // length 27 | protocol 3.0 | "user\0u\0database\0d\0" \0
    assertArrayEquals(hex("0000001b 00030000 7573657200 7500 646174616261736500 6400 00"),
        encode(new FrontendMessage.StartupMessage(196608, parameters)));
  }

  @Test
  void sslRequestAndCancelRequest() {
    assertArrayEquals(hex("00000008 04d2162f"), encode(FrontendMessage.SSLRequest.INSTANCE));
    assertArrayEquals(hex("00000010 04d2162e 0000007b 01020304"),
        encode(new FrontendMessage.CancelRequest(123, new byte[] {1, 2, 3, 4})));
  }

  @Test
  void parseBindDescribeExecuteSync() {
    assertArrayEquals(hex("50 00000016 733100 53454c4543542031 00 0001 00000017"),
        encode(new FrontendMessage.Parse("s1", "SELECT 1", new int[] {23})));
    BindValues oneInt = new BindValues() {
      @Override public int count() { return 1; }
      @Override public short format(int index) { return 1; }
      @Override public boolean isNull(int index) { return false; }
      @Override public void write(int index, ByteBuf out) { out.writeInt(7); }
    };
    // 'B' len | portal "" | statement "s1" | 1 format: binary | 1 value: len 4, 7 | 1 result format: binary
    assertArrayEquals(hex("42 0000001a 00 733100 0001 0001 0001 00000004 00000007 0001 0001"),
        encode(new FrontendMessage.Bind("", "s1", oneInt, new short[] {1})));
    assertArrayEquals(hex("44 00000008 53 733100"), encode(new FrontendMessage.Describe((byte) 'S', "s1")));
    assertArrayEquals(hex("45 00000009 00 00000000"), encode(new FrontendMessage.Execute("", 0)));
    assertArrayEquals(hex("53 00000004"), encode(FrontendMessage.Sync.INSTANCE));
  }

  @Test
  void bindWithNullAndNoResultFormats() {
    BindValues oneNull = new BindValues() {
      @Override public int count() { return 1; }
      @Override public short format(int index) { return 0; }
      @Override public boolean isNull(int index) { return true; }
      @Override public void write(int index, ByteBuf out) { throw new AssertionError("NULL has no bytes"); }
    };
    assertArrayEquals(hex("42 00000012 00 00 0001 0000 0001 ffffffff 0000"),
        encode(new FrontendMessage.Bind("", "", oneNull, new short[0])));
  }

  @Test
  void queryPasswordAndSasl() {
    assertArrayEquals(hex("51 0000000d 53454c4543542031 00"), encode(new FrontendMessage.Query("SELECT 1")));
    assertArrayEquals(hex("70 00000007 70 7700"), encode(new FrontendMessage.PasswordMessage("pw")));
    assertArrayEquals(hex("70 00000018 534352414d 2d5348412d323536 00 00000002 6e2c"),
        encode(new FrontendMessage.SASLInitialResponse("SCRAM-SHA-256", new byte[] {'n', ','})));
    assertArrayEquals(hex("70 00000006 6869"), encode(new FrontendMessage.SASLResponse(new byte[] {'h', 'i'})));
  }

  @Test
  void closeTerminateAndCopy() {
    assertArrayEquals(hex("43 00000008 53 733100"), encode(new FrontendMessage.Close((byte) 'S', "s1")));
    assertArrayEquals(hex("58 00000004"), encode(FrontendMessage.Terminate.INSTANCE));
    assertArrayEquals(hex("64 00000006 6162"), encode(new FrontendMessage.CopyData(new byte[] {'x', 'a', 'b'}, 1, 2)));
    assertArrayEquals(hex("63 00000004"), encode(FrontendMessage.CopyDone.INSTANCE));
    assertArrayEquals(hex("66 00000006 6e00"), encode(new FrontendMessage.CopyFail("n")));
  }
}
