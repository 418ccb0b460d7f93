package dev.tusk.testkit.fault;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client connection and its upstream connection, forwarded by two {@link Flow}s on four
 * threads. The connection owns both sockets and is the only one to close them.
 *
 * <p>It is {@link State#OPEN} from accept until it is cut, fails or ends; a {@link CutStyle#FIN}
 * cut passes through {@link State#LINGERING} while both peers are read to their end.
 */
final class Connection {
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  /** How long a FIN-cut connection waits for its peers to close before resetting them. */
  private static final Duration LINGER = Duration.ofSeconds(2);

  private enum State { OPEN, LINGERING, CLOSED }

  private final FaultProxy proxy;
  private final long id;
  private final Socket client;
  private final Socket server = new Socket();
  private final Framing framing = new Framing();
  private final Flow toServer;
  private final Flow toClient;
  private final AtomicLong forwardedToServer = new AtomicLong();
  private final AtomicLong forwardedToClient = new AtomicLong();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition stateChanged = lock.newCondition();
  /** Written under {@link #lock}; read without it by the flows on every chunk. */
  private volatile State state = State.OPEN;
  private int flowsEnded;
  private int readersFinished;

  Connection(FaultProxy proxy, long id, Socket client) {
    this.proxy = proxy;
    this.id = id;
    this.client = client;
    this.toServer = new Flow(this, Direction.TO_SERVER, client, server);
    this.toClient = new Flow(this, Direction.TO_CLIENT, server, client);
  }

  boolean isOpen() {
    return state == State.OPEN;
  }

  Framing framing() {
    return framing;
  }

  FlowConditions conditions(Direction flow) {
    return proxy.installedFaults().conditionsFor(id, flow);
  }

  void countForwarded(Direction flow, int bytes) {
    (flow == Direction.TO_SERVER ? forwardedToServer : forwardedToClient).addAndGet(bytes);
    proxy.countForwarded(flow, bytes);
  }

  /**
   * The first thread's body: connects upstream, starts the other three threads and becomes the
   * client-to-server reader. Connecting here rather than in the accept loop keeps a slow upstream
   * from holding up other clients.
   */
  void run(InetSocketAddress upstream) {
    try {
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      server.connect(upstream, CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      reset();
      return;
    }
    boolean started = proxy.spawn(name("to-server-write"), toServer::write)
        && proxy.spawn(name("to-client-read"), () -> readThenFinish(toClient))
        && proxy.spawn(name("to-client-write"), toClient::write);
    if (!started) {
      reset();
      return;
    }
    readThenFinish(toServer);
  }

  private void readThenFinish(Flow flow) {
    try {
      flow.read();
    } finally {
      lock.lock();
      try {
        readersFinished++;
        stateChanged.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Called by a flow's writer once it has passed its stream's end on; the second one closes. */
  void flowEnded() {
    lock.lock();
    try {
      if (++flowsEnded < 2 || state != State.OPEN) {
        return;
      }
      state = State.CLOSED;
      stateChanged.signalAll();
    } finally {
      lock.unlock();
    }
    // Both sources are at their end, so nothing is left unread and closing sends no RST.
    closeQuietly(client);
    closeQuietly(server);
    proxy.forget(this);
  }

  /** Called when writing to {@code flow}'s destination failed: the other peer gets what was on its way, then a reset. */
  void destinationFailed(Flow flow) {
    Flow opposite = flow == toServer ? toClient : toServer;
    if (!isOpen() || !opposite.queueFailure()) {
      reset();
    }
  }

  /** Cuts the connection, recording why; does nothing unless it is open. */
  void cut(CutStyle style, Optional<Fault> cause) {
    lock.lock();
    try {
      if (state != State.OPEN) {
        return;
      }
      state = style == CutStyle.RESET ? State.CLOSED : State.LINGERING;
      stateChanged.signalAll();
    } finally {
      lock.unlock();
    }
    // Recorded before the peers can notice, so a test that saw the cut also sees the event.
    proxy.recordCut(new CutEvent(id, style, cause, forwardedToServer.get(), forwardedToClient.get()));
    switch (style) {
      case RESET -> {
        abort(client);
        abort(server);
        proxy.forget(this);
      }
      case FIN -> {
        shutdownOutputQuietly(client);
        shutdownOutputQuietly(server);
        if (!proxy.spawn(name("linger"), this::lingerThenClose)) {
          reset();
        }
      }
    }
    wakeFlows();
  }

  /** Resets both peers at once, whatever the state: for failures and for closing the proxy. */
  void reset() {
    lock.lock();
    try {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      stateChanged.signalAll();
    } finally {
      lock.unlock();
    }
    abort(client);
    abort(server);
    wakeFlows();
    proxy.forget(this);
  }

  void wakeFlows() {
    toServer.wake();
    toClient.wake();
  }

  /** Waits for both readers to reach their peer's FIN (they discard what comes before it), then closes. */
  private void lingerThenClose() {
    long deadline = System.nanoTime() + LINGER.toNanos();
    boolean peersClosed;
    lock.lock();
    try {
      while (state == State.LINGERING && readersFinished < 2) {
        long wait = deadline - System.nanoTime();
        if (wait <= 0) {
          break;
        }
        stateChanged.awaitNanos(wait);
      }
      if (state != State.LINGERING) {
        return;
      }
      state = State.CLOSED;
      peersClosed = readersFinished == 2;
    } catch (InterruptedException e) {
      // nobody interrupts this thread; if someone does, stop lingering
      state = State.CLOSED;
      peersClosed = false;
    } finally {
      lock.unlock();
    }
    if (peersClosed) {
      closeQuietly(client);
      closeQuietly(server);
    } else {
      // A peer still sending after the grace period gets a reset, like from a server giving up.
      abort(client);
      abort(server);
    }
    wakeFlows();
    proxy.forget(this);
  }

  private String name(String role) {
    return "c" + id + "-" + role;
  }

  private static void abort(Socket socket) {
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0);
      }
    } catch (IOException e) {
      // not connected yet, or already reset by the peer: closing is all that is left
    }
    closeQuietly(socket);
  }

  private static void shutdownOutputQuietly(Socket socket) {
    try {
      socket.shutdownOutput();
    } catch (IOException e) {
      // the peer is gone already; it has nothing left to receive
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is best effort: the descriptor is released either way
    }
  }

  @Override
  public String toString() {
    return "connection " + id + " (" + state + ")";
  }
}
