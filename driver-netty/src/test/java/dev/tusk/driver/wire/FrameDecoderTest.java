package dev.tusk.driver.wire;

import static org.junit.jupiter.api.Assertions.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Declared lengths: a frame is complete only when all of it is there, and no length makes us wait for gigabytes of a small message. */
class FrameDecoderTest {
  private static final int ONE_GB = 1 << 30;
  private final FrameDecoder frames = new FrameDecoder(ONE_GB);

  private static ByteBuf header(char tag, int length) {
    return Unpooled.buffer(5).writeByte(tag).writeInt(length);
  }

  @Test
  void aFrameIsCompleteOnlyWithItsWholeBody() {
    ByteBuf in = header('Z', 5);
    try {
      assertEquals(-1, frames.completeFrameLength(in));
      in.writeByte('I');
      assertEquals(6, frames.completeFrameLength(in));
    } finally {
      in.release();
    }
  }

  @Test
  void rowsAndCopyDataMayDeclareUpToTheLimit() {
    for (char tag : new char[] {'D', 'd', 'V'}) {
      ByteBuf in = header(tag, 512 * 1024 * 1024);
      try {
        assertEquals(-1, frames.completeFrameLength(in), "a large " + tag + " is awaited");
      } finally {
        in.release();
      }
    }
  }

  @Test
  void aSmallMessageDeclaringAHugeLengthIsAViolationAtOnce() {
    for (char tag : new char[] {'Z', 'E', 'N', 'C', 'T', 'S', 'A', 'R'}) {
      ByteBuf in = header(tag, FrameDecoder.MAX_CONTROL_MESSAGE_LENGTH + 5);
      try {
        var violation = assertThrows(ProtocolViolation.class, () -> frames.completeFrameLength(in), "tag " + tag);
        assertTrue(violation.getMessage().contains("'" + tag + "'"), violation.getMessage());
      } finally {
        in.release();
      }
      ByteBuf largestAllowed = header(tag, FrameDecoder.MAX_CONTROL_MESSAGE_LENGTH + 4);
      try {
        assertEquals(-1, frames.completeFrameLength(largestAllowed), "tag " + tag + " at the limit is awaited");
      } finally {
        largestAllowed.release();
      }
    }
  }

  @Test
  void aLengthBelowItsOwnFourBytesIsAViolation() {
    ByteBuf in = header('D', 3);
    try {
      assertThrows(ProtocolViolation.class, () -> frames.completeFrameLength(in));
    } finally {
      in.release();
    }
    ByteBuf over = header('D', ONE_GB + 5);
    try {
      assertThrows(ProtocolViolation.class, () -> frames.completeFrameLength(over));
    } finally {
      over.release();
    }
  }
}
