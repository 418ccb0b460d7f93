package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import dev.tusk.testkit.TestRole;
import dev.tusk.testkit.TlsFiles;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every authentication method and sslmode against the test server's provisioned roles. */
@ExtendWith(PostgresExtension.class)
class AuthenticationIT {
  private final PostgresServer server;

  AuthenticationIT(PostgresServer server) {
    this.server = server;
  }

  private String whoAmI(PgConnectOptions options) {
    PgConnection connection = connect(options);
    try {
      return await(connection.query("SELECT current_user")).one().getString(0);
    } finally {
      await(connection.close());
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestRole.class, names = {"TRUST", "PASSWORD", "MD5", "SCRAM"})
  void eachPasswordMethodAuthenticatesOverPlainTcp(TestRole role) {
    assumeTrue(server.supports(role));
    assertEquals(role.user(), whoAmI(options(server, role)));
  }

  @ParameterizedTest
  @EnumSource(value = TestRole.class, names = {"TRUST", "PASSWORD", "MD5", "SCRAM", "SSL_ONLY"})
  void eachPasswordMethodAuthenticatesOverVerifiedTls(TestRole role) {
    assumeTrue(server.supports(role) && server.tls().isPresent());
    assertEquals(role.user(), whoAmI(options(server, role).withTls(tls(server, SslMode.VERIFY_FULL))));
  }

  @ParameterizedTest
  @EnumSource(value = TestRole.class, names = {"PASSWORD", "MD5", "SCRAM"})
  void wrongPasswordFailsWithInvalidPasswordWithinTheConnectTimeout(TestRole role) {
    assumeTrue(server.supports(role));
    long start = System.nanoTime();
    PgException failure = failure(PgConnection.connect(options(server, role).withPassword("wrong")
        .withConnectTimeout(Duration.ofSeconds(5))));
    assertEquals(SqlState.INVALID_PASSWORD, failure.sqlState(), failure.getMessage());
    assertTrue(failure.isAuthenticationFailure());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    assertFalse(failure.getMessage().contains("wrong"), "the password is never echoed");
  }

  @Test
  void missingPasswordIsAClearError() {
    assumeTrue(server.supports(TestRole.SCRAM));
    PgException failure = failure(PgConnection.connect(options(server, TestRole.SCRAM).withPassword(null)));
    assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, failure.sqlState());
    assertTrue(failure.getMessage().contains("none was given"), failure.getMessage());
  }

  @Test
  void tlsOnlyRoleIsRejectedOverPlainTcp() {
    assumeTrue(server.supports(TestRole.SSL_ONLY));
    PgException failure = failure(PgConnection.connect(options(server, TestRole.SSL_ONLY)));
    assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, failure.sqlState());
    assertTrue(failure.isServerError());
  }

  @Test
  void sslmodeAllowRetriesWithTlsWhenThePlainConnectionIsRefused() {
    assumeTrue(server.supports(TestRole.SSL_ONLY));
    var options = options(server, TestRole.SSL_ONLY).withTls(TlsOptions.defaults().withMode(SslMode.ALLOW));
    assertEquals(TestRole.SSL_ONLY.user(), whoAmI(options));
  }

  @Test
  void sslmodePreferUsesTlsWhenOffered() {
    assumeTrue(server.supports(TestRole.SSL_ONLY));
    var options = options(server, TestRole.SSL_ONLY).withTls(TlsOptions.defaults().withMode(SslMode.PREFER));
    assertEquals(TestRole.SSL_ONLY.user(), whoAmI(options));
  }

  @Test
  void sslmodeRequireDoesNotVerifyTheCertificate() {
    assumeTrue(server.tls().isPresent());
    var options = options(server).withHost("127.0.0.1", server.port()).withTls(TlsOptions.defaults().withMode(SslMode.REQUIRE));
    assertEquals("postgres", whoAmI(options));
  }

  @Test
  void verifyFullRejectsAHostTheCertificateDoesNotName() {
    assumeTrue(server.tls().isPresent());
    // the certificate names only "localhost"; 127.0.0.1 reaches the same server under another name
    var options = options(server).withHost("127.0.0.1", server.port()).withTls(tls(server, SslMode.VERIFY_FULL));
    PgException failure = failure(PgConnection.connect(options));
    assertEquals(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, failure.sqlState());
    assertTrue(failure.getMessage().contains("TLS handshake"), failure.getMessage());
  }

  @Test
  void verifyCaAcceptsAnotherHostNameButChecksTheChain() {
    assumeTrue(server.tls().isPresent());
    var options = options(server).withHost("127.0.0.1", server.port()).withTls(tls(server, SslMode.VERIFY_CA));
    assertEquals("postgres", whoAmI(options));
  }

  @Test
  void verifyCaRejectsAnUntrustedCa() {
    assumeTrue(server.tls().isPresent());
    TlsFiles files = server.tls().get();
    var untrusted = tls(server, SslMode.VERIFY_CA).withRootCertificate(files.untrustedCaCertificate().toString());
    PgException failure = failure(PgConnection.connect(options(server).withTls(untrusted)));
    assertEquals(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, failure.sqlState());
  }

  @Test
  void verifyFullWithoutARootCertificateFileIsAClearError() {
    assumeTrue(server.tls().isPresent());
    var tls = tls(server, SslMode.VERIFY_FULL).withRootCertificate("/nonexistent/root.crt");
    PgException failure = failure(PgConnection.connect(options(server).withTls(tls)));
    assertTrue(failure.getMessage().contains("/nonexistent/root.crt"), failure.getMessage());
  }

  @Test
  void channelBindingRequireSucceedsWithScramPlusOverTls() {
    assumeTrue(server.supports(TestRole.SCRAM) && server.tls().isPresent());
    TlsOptions base = tls(server, SslMode.VERIFY_FULL);
    var binding = new TlsOptions(base.mode(), base.negotiation(), base.rootCertificate(), null, null, null, ChannelBinding.REQUIRE);
    assertEquals(TestRole.SCRAM.user(), whoAmI(options(server, TestRole.SCRAM).withTls(binding)));
  }

  @Test
  void channelBindingDisableStillAuthenticatesOverTls() {
    assumeTrue(server.supports(TestRole.SCRAM) && server.tls().isPresent());
    TlsOptions base = tls(server, SslMode.VERIFY_FULL);
    var noBinding = new TlsOptions(base.mode(), base.negotiation(), base.rootCertificate(), null, null, null, ChannelBinding.DISABLE);
    assertEquals(TestRole.SCRAM.user(), whoAmI(options(server, TestRole.SCRAM).withTls(noBinding)));
  }

  @Test
  void channelBindingRequireFailsWithoutTls() {
    assumeTrue(server.supports(TestRole.SCRAM));
    var require = new TlsOptions(SslMode.DISABLE, SslNegotiation.POSTGRES, null, null, null, null, ChannelBinding.REQUIRE);
    PgException failure = failure(PgConnection.connect(options(server, TestRole.SCRAM).withTls(require)));
    assertTrue(failure.isAuthenticationFailure(), failure.getMessage());
  }

  @Test
  void channelBindingRequireRefusesAServerThatSkipsScram() {
    assumeTrue(server.supports(TestRole.TRUST) && server.tls().isPresent());
    TlsOptions base = tls(server, SslMode.VERIFY_FULL);
    var require = new TlsOptions(base.mode(), base.negotiation(), base.rootCertificate(), null, null, null, ChannelBinding.REQUIRE);
    PgException failure = failure(PgConnection.connect(options(server, TestRole.TRUST).withTls(require)));
    assertTrue(failure.getMessage().contains("SCRAM-SHA-256-PLUS"), failure.getMessage());
  }

  @Test
  void clientCertificateAuthenticatesTheCertRole() {
    assumeTrue(server.supports(TestRole.CLIENT_CERT) && server.tls().isPresent());
    TlsFiles files = server.tls().get();
    var tls = new TlsOptions(SslMode.VERIFY_FULL, SslNegotiation.POSTGRES, files.caCertificate().toString(),
        files.clientCertificate().toString(), files.clientKey().toString(), null, ChannelBinding.PREFER);
    assertEquals(TestRole.CLIENT_CERT.user(), whoAmI(options(server, TestRole.CLIENT_CERT).withTls(tls)));
  }

  @Test
  void directTlsNegotiationWorksOnPostgres17AndLater() {
    assumeTrue(server.tls().isPresent() && server.majorVersion() >= 17);
    TlsOptions base = tls(server, SslMode.VERIFY_FULL);
    var direct = new TlsOptions(base.mode(), SslNegotiation.DIRECT, base.rootCertificate(), null, null, null, ChannelBinding.PREFER);
    assertEquals(TestRole.SCRAM.user(), whoAmI(options(server, TestRole.SCRAM).withTls(direct)));
  }

  @Test
  void directTlsNegotiationNeedsARequiringSslmode() {
    var direct = new TlsOptions(SslMode.PREFER, SslNegotiation.DIRECT, null, null, null, null, ChannelBinding.PREFER);
    assertThrows(PgException.class, () -> PgConnection.connect(options(server).withTls(direct)));
  }

  @Test
  void unknownDatabaseIsATypedError() {
    PgException failure = failure(PgConnection.connect(options(server).withDatabase("no_such_database")));
    assertEquals(SqlState.INVALID_CATALOG_NAME, failure.sqlState());
  }

  @Test
  void unreachablePortFailsWithAConnectionError() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PgException failure = failure(PgConnection.connect(options(server).withHost("localhost", closedPort)));
    assertEquals(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, failure.sqlState());
  }

  @Test
  void laterHostsAreTriedWhenTheFirstIsDown() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var options = options(server).withHosts(java.util.List.of(new HostAndPort("localhost", closedPort),
        new HostAndPort(server.host(), server.port())));
    assertEquals("postgres", whoAmI(options));
  }
}
