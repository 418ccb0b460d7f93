package dev.tusk.driver;

import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.LeakDetection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check itself: a buffer dropped without release must turn into a failure. */
class LeakDetectionTest {
  @Test
  void anUnreleasedBufferIsReportedAsALeak() throws Exception {
    leakOne();
    var detection = new LeakDetection();
    AssertionError failure = assertThrows(AssertionError.class, () -> detection.afterAll(null));
    assertTrue(failure.getMessage().contains("leaked"), failure.getMessage());
  }

  private static void leakOne() {
    ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(64);
    leaked.writeLong(42);
  }
}
