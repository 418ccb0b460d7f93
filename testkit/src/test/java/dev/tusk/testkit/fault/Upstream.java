package dev.tusk.testkit.fault;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A server for the proxy to forward to: runs a {@link Session} per accepted connection, each on its own virtual thread. */
final class Upstream implements AutoCloseable {
  /** What the server does with one connection; the socket is closed afterwards. */
  @FunctionalInterface
  interface Session {
    void serve(Socket socket) throws IOException;
  }

  private final ServerSocket listener;
  private final Session session;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;

  private Upstream(Session session) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.session = session;
    this.acceptor = Thread.ofVirtual().name("test-upstream-accept").start(this::acceptConnections);
  }

  static Upstream start(Session session) throws IOException {
    return new Upstream(session);
  }

  /** {@return a server that echoes every byte back until the client closes} */
  static Upstream echo() throws IOException {
    return start(socket -> {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      int count;
      while ((count = in.read(buffer)) > 0) {
        socket.getOutputStream().write(buffer, 0, count);
      }
    });
  }

  String host() {
    return listener.getInetAddress().getHostAddress();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void acceptConnections() {
    while (true) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return;
      }
      sockets.add(socket);
      Thread.ofVirtual().name("test-upstream-session").start(() -> {
        try (socket) {
          session.serve(socket);
        } catch (IOException e) {
          // the proxy cut or reset it: that is what these tests do
        } finally {
          sockets.remove(socket);
        }
      });
    }
  }

  @Override
  public void close() throws Exception {
    listener.close();
    acceptor.join();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
