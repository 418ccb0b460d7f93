package dev.tusk.driver.reliability;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A man in the middle that terminates TLS: it answers the client's SSLRequest, completes a TLS
 * handshake with its own certificate, opens a TLS connection of its own to the real server, and
 * relays the decrypted bytes both ways. Against such an attacker only certificate verification
 * ({@code verify-full}) or SCRAM channel binding (SCRAM-SHA-256-PLUS) helps: the client binds the
 * authentication to the certificate it saw, which is not the server's.
 *
 * <p>Optionally it also tries a downgrade: it removes SCRAM-SHA-256-PLUS from the server's list of
 * mechanisms, so that a client willing to bind believes the server cannot.
 *
 * <p>For tests only: blocking sockets on virtual threads, one listener, plain PEM files.
 */
final class TlsInterceptor implements AutoCloseable {
  private static final int SSL_REQUEST_CODE = 80877103;
  private static final int AUTH_SASL = 10;

  private final ServerSocket listener;
  private final SSLContext towardsClient;
  private final SSLContext towardsServer;
  private final String serverHost;
  private final int serverPort;
  private final boolean stripChannelBinding;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger relayed = new AtomicInteger();
  private final Thread acceptor;

  private TlsInterceptor(ServerSocket listener, SSLContext towardsClient, String serverHost, int serverPort,
      boolean stripChannelBinding) throws GeneralSecurityException {
    this.listener = listener;
    this.towardsClient = towardsClient;
    this.towardsServer = trustingEverything();
    this.serverHost = serverHost;
    this.serverPort = serverPort;
    this.stripChannelBinding = stripChannelBinding;
    this.acceptor = Thread.ofVirtual().name("tls-interceptor-accept").start(this::accept);
  }

  /**
   * Starts an interceptor on a free loopback port.
   *
   * @param certificate PEM certificate it presents to clients (any certificate but the server's)
   * @param key its PKCS#8 PEM private key (EC)
   * @param stripChannelBinding whether to remove SCRAM-SHA-256-PLUS from the server's mechanisms
   */
  static TlsInterceptor start(String serverHost, int serverPort, Path certificate, Path key, boolean stripChannelBinding) {
    try {
      var listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
      return new TlsInterceptor(listener, presenting(certificate, key), serverHost, serverPort, stripChannelBinding);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up the interceptor's TLS", e);
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  /** {@return how many client connections got as far as being relayed to the server} */
  int relayed() {
    return relayed.get();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    try {
      acceptor.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        Thread.ofVirtual().name("tls-interceptor-session").start(() -> intercept(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void intercept(Socket client) {
    try (client) {
      var in = new DataInputStream(client.getInputStream());
      if (in.readInt() != 8 || in.readInt() != SSL_REQUEST_CODE) {
        return;
      }
      client.getOutputStream().write('S');
      SSLSocket clientTls = (SSLSocket) towardsClient.getSocketFactory().createSocket(client, null, client.getPort(), true);
      clientTls.setUseClientMode(false);
      clientTls.startHandshake();
      sockets.add(clientTls);

      Socket server = new Socket(serverHost, serverPort);
      sockets.add(server);
      var serverOut = server.getOutputStream();
      serverOut.write(ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST_CODE).array());
      if (server.getInputStream().read() != 'S') {
        return;
      }
      SSLSocket serverTls = (SSLSocket) towardsServer.getSocketFactory().createSocket(server, serverHost, serverPort, true);
      serverTls.setUseClientMode(true);
      serverTls.startHandshake();
      sockets.add(serverTls);
      relayed.incrementAndGet();

      Thread upstream = Thread.ofVirtual().start(() -> copy(clientTls, serverTls));
      if (stripChannelBinding) {
        relayStrippingChannelBinding(serverTls, clientTls);
      } else {
        copy(serverTls, clientTls);
      }
      upstream.join();
    } catch (IOException | InterruptedException e) {
      // a side went away: the session is over
    }
  }

  private void copy(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException ignored) {
      // a side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** Relays server messages one frame at a time, rewriting AuthenticationSASL without its -PLUS mechanism. */
  private void relayStrippingChannelBinding(Socket server, Socket client) {
    try {
      var in = new DataInputStream(server.getInputStream());
      OutputStream out = client.getOutputStream();
      while (true) {
        byte tag = in.readByte();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        if (tag == 'R' && ByteBuffer.wrap(body).getInt() == AUTH_SASL) {
          body = withoutPlus(body);
        }
        out.write(ByteBuffer.allocate(5 + body.length).put(tag).putInt(4 + body.length).put(body).array());
        out.flush();
      }
    } catch (IOException ignored) {
      // a side went away
    } finally {
      closeQuietly(server);
      closeQuietly(client);
    }
  }

  private static byte[] withoutPlus(byte[] saslBody) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(4).putInt(AUTH_SASL).array());
    String[] mechanisms = new String(saslBody, 4, saslBody.length - 4, StandardCharsets.UTF_8).split("\0");
    for (String mechanism : mechanisms) {
      if (!mechanism.isEmpty() && !mechanism.endsWith("-PLUS")) {
        out.writeBytes(mechanism.getBytes(StandardCharsets.UTF_8));
        out.write(0);
      }
    }
    out.write(0);
    return out.toByteArray();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private static SSLContext presenting(Path certificatePem, Path keyPem) throws IOException, GeneralSecurityException {
    X509Certificate certificate;
    try (InputStream in = Files.newInputStream(certificatePem)) {
      certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    String pem = Files.readString(keyPem);
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "interceptor".toCharArray();
    store.setKeyEntry("interceptor", key, password, new Certificate[] {certificate});
    var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** The interceptor does not care who the server is: it is the attacker. */
  private static SSLContext trustingEverything() throws GeneralSecurityException {
    TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustAll}, null);
    return context;
  }
}
