package dev.tusk.driver.transport;

import dev.tusk.driver.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The event-loop groups all connections share, one per transport, created on first use and shut
 * down a second after the last connection using it is closed (reference counted).
 *
 * <p>NIO needs nothing but the JDK. Epoll and io_uring are looked up by name, once, so that their
 * jars are optional: when absent or unusable, connections fall back to NIO and say so in the log.
 */
public final class EventLoops {
  private static final System.Logger LOG = System.getLogger(EventLoops.class.getName());
  /** A lock, not {@code synchronized}: connecting from many virtual threads must not pin carriers. */
  private static final ReentrantLock LOCK = new ReentrantLock();
  /** How long a group with no connections left stays up, in case new ones come (a pool refilling). */
  private static final Duration LINGER = Duration.ofSeconds(1);
  private static final Map<Transport, Shared> GROUPS = new EnumMap<>(Transport.class);
  /** The live groups, for the "is this an event-loop thread?" check without taking the lock. */
  private static volatile List<EventLoopGroup> live = List.of();

  /** A group and the socket channel class that goes with it. */
  public record Lease(Transport transport, EventLoopGroup group, Class<? extends SocketChannel> channelClass) {}

  private static final class Shared {
    /** The transport asked for, which keys the group: a native one that fell back leases NIO. */
    final Transport requested;
    final Lease lease;
    int users;

    Shared(Transport requested, Lease lease) {
      this.requested = requested;
      this.lease = lease;
    }
  }

  private EventLoops() {}

  /** {@return the shared group for {@code transport}, counting one more user} Pair with {@link #release}. */
  public static Lease acquire(Transport transport) {
    LOCK.lock();
    try {
      Shared shared = GROUPS.get(transport);
      if (shared == null) {
        shared = new Shared(transport, create(transport));
        GROUPS.put(transport, shared);
        refreshLive();
      }
      shared.users++;
      return shared.lease;
    } finally {
      LOCK.unlock();
    }
  }

  /** Counts one user less; the last one shuts the group down. */
  public static void release(Lease lease) {
    LOCK.lock();
    try {
      // found by identity, not by lease.transport(): a fallback lease says NIO but is kept under
      // the native transport that was asked for
      Shared shared = null;
      for (Shared candidate : GROUPS.values()) {
        if (candidate.lease == lease) {
          shared = candidate;
        }
      }
      if (shared == null) {
        return;
      }
      if (--shared.users == 0) {
        // Linger before shutting down: when a server restarts, every connection closes at once and
        // the pool opens new ones a moment later; they find the group still running instead of
        // tearing it down and building a new one under callbacks that are still in flight.
        Shared unused = shared;
        lease.group().schedule(() -> shutDownIfStillUnused(unused), LINGER.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      LOCK.unlock();
    }
  }

  private static void shutDownIfStillUnused(Shared shared) {
    LOCK.lock();
    try {
      if (shared.users > 0 || GROUPS.get(shared.requested) != shared) {
        return;
      }
      GROUPS.remove(shared.requested);
      refreshLive();
      shared.lease.group().shutdownGracefully(0, 2, TimeUnit.SECONDS);
    } finally {
      LOCK.unlock();
    }
  }

  /**
   * {@return whether the current thread is one of Tusk's event-loop threads}, where waiting for a
   * connection's result would wait for itself: the blocking API refuses to run there.
   */
  public static boolean inEventLoop() {
    for (EventLoopGroup group : live) {
      for (EventExecutor executor : group) {
        if (executor.inEventLoop()) {
          return true;
        }
      }
    }
    return false;
  }

  private static void refreshLive() {
    live = GROUPS.values().stream().map(shared -> shared.lease.group()).toList();
  }

  private static Lease create(Transport transport) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    var threadFactory = new DefaultThreadFactory("tusk-" + transport.name().toLowerCase(java.util.Locale.ROOT), true);
    if (transport != Transport.NIO) {
      Lease nativeLease = nativeTransport(transport, threads, threadFactory);
      if (nativeLease != null) {
        return nativeLease;
      }
      LOG.log(Level.WARNING, transport + " transport is not available here; using NIO");
    }
    return new Lease(Transport.NIO, new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory()),
        NioSocketChannel.class);
  }

  @SuppressWarnings("unchecked")
  private static Lease nativeTransport(Transport transport, int threads, DefaultThreadFactory threadFactory) {
    String packageName = transport == Transport.EPOLL ? "io.netty.channel.epoll" : "io.netty.channel.uring";
    String prefix = transport == Transport.EPOLL ? "Epoll" : "IoUring";
    try {
      Class<?> availability = Class.forName(packageName + "." + prefix);
      if (!(Boolean) availability.getMethod("isAvailable").invoke(null)) {
        return null;
      }
      var factory = (IoHandlerFactory) Class.forName(packageName + "." + prefix + "IoHandler").getMethod("newFactory").invoke(null);
      var channelClass = (Class<? extends SocketChannel>) Class.forName(packageName + "." + prefix + "SocketChannel");
      return new Lease(transport, new MultiThreadIoEventLoopGroup(threads, threadFactory, factory), channelClass);
    } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
      return null;
    }
  }
}
