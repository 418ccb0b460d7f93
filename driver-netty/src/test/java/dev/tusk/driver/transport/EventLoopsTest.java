package dev.tusk.driver.transport;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.driver.Transport;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Native transports are optional: asked for without their jars (this module's tests have none),
 * they fall back to NIO, say so once in the log, and their group is shut down like any other.
 */
class EventLoopsTest {
  private static boolean onClassPath(String className) {
    try {
      Class.forName(className);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING"})
  void aMissingNativeTransportFallsBackToNioWithAWarningAndIsReleasedLikeAnyOther(Transport transport) throws Exception {
    assumeTrue(!onClassPath(transport == Transport.EPOLL ? "io.netty.channel.epoll.Epoll" : "io.netty.channel.uring.IoUring"),
        "the native transport is on the class path here");
    Logger logger = Logger.getLogger(EventLoops.class.getName());
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    logger.addHandler(capture);
    EventLoops.Lease lease;
    try {
      lease = EventLoops.acquire(transport);
    } finally {
      logger.removeHandler(capture);
    }
    try {
      assertEquals(Transport.NIO, lease.transport());
      assertEquals(NioSocketChannel.class, lease.channelClass());
      assertFalse(lease.group().isShuttingDown());
      assertTrue(records.stream().anyMatch(record -> record.getLevel() == Level.WARNING
              && record.getMessage().contains(transport.name()) && record.getMessage().contains("NIO")),
          "a warning says which transport is used instead: " + records.stream().map(LogRecord::getMessage).toList());
      assertSame(lease, EventLoops.acquire(transport), "connections asking for it share the one group");
      EventLoops.release(lease);
    } finally {
      EventLoops.release(lease);
    }
    // the last user gone, the group lingers a second and then shuts down, fallback or not
    assertTrue(lease.group().terminationFuture().await(15, TimeUnit.SECONDS), "the fallback group was shut down");
    EventLoops.Lease next = EventLoops.acquire(transport);
    try {
      assertNotSame(lease.group(), next.group(), "a later connection gets a new group");
      assertFalse(next.group().isShuttingDown());
    } finally {
      EventLoops.release(next);
    }
  }
}
