package dev.tusk.testkit.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free loopback port that forwards every client connection to one upstream server
 * (a PostgreSQL server, typically) and injects the {@link Fault}s a test installs: latency,
 * bandwidth limits, silence, half-closes, rejections and cuts, including cuts at a chosen PostgreSQL
 * message. Faults can change at any time and reach open connections at their next chunk.
 *
 * <pre>{@code
 * try (var proxy = FaultProxy.start(server.host(), server.port())) {
 *   String url = "postgresql://postgres@" + proxy.host() + ":" + proxy.port() + "/tusk";
 *   proxy.set(Fault.latency(Duration.ofMillis(50)));
 *   proxy.set(Fault.cutAtServerMessage('D', 3));   // the third DataRow never arrives
 *   ...
 *   proxy.restore();
 *   assertEquals(1, proxy.stats().cuts().size());
 * }
 * }</pre>
 *
 * <p>Threads: one accept thread, and four per connection (a reader and a writer per direction),
 * all virtual and named {@value #THREAD_NAME_PREFIX}{@code <port>-…}. Connections never wait for
 * each other. {@link #close()} resets every connection and returns once all these threads have ended.
 */
public final class FaultProxy implements AutoCloseable {
  /** Every thread of a proxy is named this, then its port, then a dash. */
  public static final String THREAD_NAME_PREFIX = "tusk-fault-proxy-";

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final ServerSocket listener;
  private final String host;
  private final InetSocketAddress upstream;
  private final String threadNamePrefix;
  private final InstalledFaults faults = new InstalledFaults();

  /** Connections not closed yet, open or lingering. */
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  /** Guards {@link #closed} against thread starts, so that no thread starts once closing began. */
  private final Object lifecycle = new Object();
  private boolean closed;

  private final AtomicLong nextConnection = new AtomicLong(1);
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong forwardedToServer = new AtomicLong();
  private final AtomicLong forwardedToClient = new AtomicLong();
  private final List<CutEvent> cuts = new CopyOnWriteArrayList<>();

  private FaultProxy(ServerSocket listener, String host, InetSocketAddress upstream) {
    this.listener = listener;
    this.host = host;
    this.upstream = upstream;
    this.threadNamePrefix = THREAD_NAME_PREFIX + listener.getLocalPort() + "-";
  }

  /**
   * Starts a proxy to {@code upstreamHost:upstreamPort} on a free port of the address
   * {@code localhost} resolves to first (what a Java client connecting to {@code localhost} uses),
   * so that TLS host name checks against a certificate for {@code localhost} still pass.
   *
   * @return the running proxy; close it to stop it
   * @throws UncheckedIOException when no port can be bound or the upstream host is unknown
   */
  public static FaultProxy start(String upstreamHost, int upstreamPort) {
    InetSocketAddress upstream = new InetSocketAddress(upstreamHost, upstreamPort);
    if (upstream.isUnresolved()) {
      throw new UncheckedIOException(new UnknownHostException(upstreamHost));
    }
    ServerSocket listener = null;
    try {
      InetAddress localhost = InetAddress.getByName("localhost");
      boolean localhostIsLoopback = localhost.isLoopbackAddress();
      InetAddress bindAddress = localhostIsLoopback ? localhost : InetAddress.getLoopbackAddress();
      listener = new ServerSocket(0, 128, bindAddress);
      String host = localhostIsLoopback ? "localhost" : bindAddress.getHostAddress();
      FaultProxy proxy = new FaultProxy(listener, host, upstream);
      proxy.spawn("accept", proxy::acceptConnections);
      return proxy;
    } catch (IOException e) {
      if (listener != null) {
        try {
          listener.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new UncheckedIOException("could not start a fault proxy to " + upstreamHost + ":" + upstreamPort, e);
    }
  }

  /** {@return the host name clients connect to: {@code localhost} unless it is not a loopback address} */
  public String host() {
    return host;
  }

  /** {@return the port clients connect to} */
  public int port() {
    return listener.getLocalPort();
  }

  /** Installs {@code fault} for the open connections and every connection accepted from now on. */
  public void set(Fault fault) {
    faults.install(fault, InstalledFaults.ALL_CONNECTIONS);
    wakeAll();
  }

  /** Installs {@code fault} for connections accepted from now on; open ones are spared. */
  public void setForNewConnections(Fault fault) {
    faults.install(fault, nextConnection.get());
    wakeAll();
  }

  /**
   * Removes every installed fault equal to {@code fault}. Held bytes of a removed black hole are
   * delivered; a half-close already done stays done.
   *
   * @return whether one was installed
   */
  public boolean remove(Fault fault) {
    boolean removed = faults.remove(fault);
    wakeAll();
    return removed;
  }

  /** {@return the installed faults, oldest first} */
  public List<Fault> faults() {
    return faults.faults();
  }

  /**
   * Removes every fault: new connections are forwarded cleanly, silent open connections resume
   * (with what was held delivered in order), and armed cuts are disarmed. Half-closed directions
   * stay closed and cut connections stay cut.
   */
  public void restore() {
    faults.clear();
    wakeAll();
  }

  /** Resets every open connection now, without waiting for bytes in flight. */
  public void cutAll() {
    cutAll(CutStyle.RESET);
  }

  /** Cuts every open connection now with {@code style}; bytes the proxy still holds are dropped. */
  public void cutAll(CutStyle style) {
    for (Connection connection : List.copyOf(connections)) {
      connection.cut(style, Optional.empty());
    }
  }

  /** {@return what the proxy has done so far} */
  public ProxyStats stats() {
    int open = (int) connections.stream().filter(Connection::isOpen).count();
    return new ProxyStats(accepted.get(), rejected.get(), open, forwardedToServer.get(), forwardedToClient.get(),
        new ArrayList<>(cuts));
  }

  /**
   * Stops accepting, resets every connection, and waits until all of the proxy's threads have
   * ended.
   *
   * @throws IllegalStateException when a thread is still alive after ten seconds (a bug)
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      listener.close();
    } catch (IOException e) {
      // the accept thread ends either way: accept() fails on a closed or broken listener
    }
    for (Connection connection : List.copyOf(connections)) {
      connection.reset();
    }
    awaitThreadsEnded();
  }

  @Override
  public String toString() {
    return "FaultProxy " + host + ":" + port() + " -> " + upstream.getHostString() + ":" + upstream.getPort();
  }

  private void acceptConnections() {
    while (true) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      accepted.incrementAndGet();
      long id = nextConnection.getAndIncrement();
      Optional<Fault.Reject> rejection = faults.rejectionFor(id);
      if (rejection.isPresent()) {
        rejected.incrementAndGet();
        refuse(client, rejection.get().style());
        continue;
      }
      Connection connection = new Connection(this, id, client);
      connections.add(connection);
      // A connection added while close() runs may have been missed by its reset loop.
      if (!spawn("c" + id + "-to-server-read", () -> connection.run(upstream))) {
        connection.reset();
      }
    }
  }

  private static void refuse(Socket client, CutStyle style) {
    try (client) {
      switch (style) {
        case RESET -> client.setSoLinger(true, 0);
        case FIN -> client.shutdownOutput();
      }
    } catch (IOException e) {
      // the client went away first: it is refused either way
    }
  }

  /**
   * Starts a virtual thread named after this proxy and {@code role}, unless the proxy is closing.
   *
   * @return whether it started
   */
  boolean spawn(String role, Runnable body) {
    synchronized (lifecycle) {
      if (closed) {
        return false;
      }
      Thread thread = Thread.ofVirtual().name(threadNamePrefix + role).unstarted(() -> {
        try {
          body.run();
        } finally {
          threads.remove(Thread.currentThread());
        }
      });
      threads.add(thread);
      thread.start();
      return true;
    }
  }

  private void awaitThreadsEnded() {
    long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
    try {
      while (!threads.isEmpty()) {
        for (Thread thread : List.copyOf(threads)) {
          long wait = deadline - System.nanoTime();
          if (wait <= 0 || !thread.join(Duration.ofNanos(wait))) {
            throw new IllegalStateException(this + " has threads that did not stop: "
                + threads.stream().map(Thread::getName).sorted().toList());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  InstalledFaults installedFaults() {
    return faults;
  }

  void countForwarded(Direction flow, int bytes) {
    (flow == Direction.TO_SERVER ? forwardedToServer : forwardedToClient).addAndGet(bytes);
  }

  void recordCut(CutEvent event) {
    cuts.add(event);
  }

  void forget(Connection connection) {
    connections.remove(connection);
  }

  private void wakeAll() {
    for (Connection connection : connections) {
      connection.wakeFlows();
    }
  }
}
