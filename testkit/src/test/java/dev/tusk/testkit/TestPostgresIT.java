package dev.tusk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks the provisioned server with hand-written protocol bytes (the test kit has no driver):
 * every role meets the authentication method it was made for, and TLS is set up for localhost.
 */
@ExtendWith(PostgresExtension.class)
class TestPostgresIT {
  private static final int PROTOCOL_3_0 = 196608;
  private static final int SSL_REQUEST_CODE = 80877103;

  private final PostgresServer server;

  TestPostgresIT(PostgresServer server) {
    this.server = server;
  }

  @Test
  void startsTheRequestedMajorVersion() {
    assumeTrue(server.source() != Source.EXTERNAL_URL);
    assertEquals(TestPostgres.requestedMajorVersion(), server.majorVersion(), server.toString());
    assertTrue(server.url().startsWith("postgresql://postgres@localhost:" + server.port() + "/tusk"), server.url());
  }

  @ParameterizedTest
  @CsvSource({
      "SUPERUSER, 0",    // AuthenticationOk: trusted
      "TRUST, 0",
      "PASSWORD, 3",     // AuthenticationCleartextPassword
      "MD5, 5",          // AuthenticationMD5Password
      "SCRAM, 10",       // AuthenticationSASL
  })
  void eachRoleIsAskedForItsOwnAuthenticationMethod(TestRole role, int expectedCode) throws IOException {
    assumeTrue(server.supports(role));
    try (var socket = new Socket(server.host(), server.port())) {
      sendStartup(socket.getOutputStream(), role.user());
      var in = new DataInputStream(socket.getInputStream());
      assertEquals('R', in.readByte(), "an authentication request");
      in.readInt();
      assertEquals(expectedCode, in.readInt());
    }
  }

  @Test
  void tlsOnlyRoleIsRejectedOverPlainTcp() throws IOException {
    assumeTrue(server.supports(TestRole.SSL_ONLY));
    try (var socket = new Socket(server.host(), server.port())) {
      sendStartup(socket.getOutputStream(), TestRole.SSL_ONLY.user());
      var in = new DataInputStream(socket.getInputStream());
      assertEquals('E', in.readByte());
      String fields = new String(in.readNBytes(in.readInt() - 4), StandardCharsets.UTF_8);
      assertTrue(fields.contains("C28000"), "invalid_authorization_specification: " + fields);
    }
  }

  @Test
  void tlsHandshakeSucceedsForLocalhostWithTheTestCa() throws Exception {
    assumeTrue(server.tls().isPresent());
    try (var socket = new Socket(server.host(), server.port())) {
      assertEquals('S', requestSsl(socket), "the server accepts TLS");
      SSLSocket tls = upgrade(socket, server.tls().get().caCertificate().toString(), "localhost");
      tls.startHandshake();
      var peer = (X509Certificate) tls.getSession().getPeerCertificates()[0];
      assertEquals("CN=localhost", peer.getSubjectX500Principal().getName());
      // Behind TLS the TLS-only role is now asked for SCRAM.
      sendStartup(tls.getOutputStream(), TestRole.SSL_ONLY.user());
      var in = new DataInputStream(tls.getInputStream());
      assertEquals('R', in.readByte());
      in.readInt();
      assertEquals(10, in.readInt());
    }
  }

  @Test
  void tlsHandshakeFailsWithAnUntrustedCa() throws Exception {
    assumeTrue(server.tls().isPresent());
    try (var socket = new Socket(server.host(), server.port())) {
      assertEquals('S', requestSsl(socket));
      SSLSocket tls = upgrade(socket, server.tls().get().untrustedCaCertificate().toString(), "localhost");
      assertThrows(SSLHandshakeException.class, tls::startHandshake);
    }
  }

  private static int requestSsl(Socket socket) throws IOException {
    var out = new DataOutputStream(socket.getOutputStream());
    out.writeInt(8);
    out.writeInt(SSL_REQUEST_CODE);
    out.flush();
    return socket.getInputStream().read();
  }

  private static SSLSocket upgrade(Socket socket, String caFile, String hostname) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(java.nio.file.Path.of(caFile))) {
      trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    var tls = (SSLSocket) context.getSocketFactory().createSocket(socket, hostname, socket.getPort(), true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    tls.setSSLParameters(parameters);
    return tls;
  }

  private void sendStartup(OutputStream stream, String user) throws IOException {
    var body = new ByteArrayOutputStream();
    var out = new DataOutputStream(body);
    out.writeInt(PROTOCOL_3_0);
    for (String s : new String[] {"user", user, "database", server.database()}) {
      out.write(s.getBytes(StandardCharsets.UTF_8));
      out.write(0);
    }
    out.write(0);
    var framed = new DataOutputStream(stream);
    framed.writeInt(body.size() + 4);
    framed.write(body.toByteArray());
    framed.flush();
  }
}
