package dev.tusk.driver.reliability;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.driver.ChannelBinding;
import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.SslMode;
import dev.tusk.driver.SslNegotiation;
import dev.tusk.driver.TlsOptions;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import dev.tusk.testkit.TestRole;
import dev.tusk.testkit.TlsFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Security: {@code sslmode=verify-full} refuses a wrong host name, an untrusted CA and a man in
 * the middle; SCRAM-SHA-256-PLUS (channel binding) defeats a man in the middle that terminates TLS
 * with a certificate the client does not check, and one that tries to downgrade it; passwords
 * never appear in exceptions, logs or {@code toString()}.
 *
 * <p>The man in the middle ({@link TlsInterceptor}) presents the test CA's client certificate: a
 * certificate from the very CA the client trusts, but not the server's and naming no host — so it
 * passes {@code verify-ca}, fails {@code verify-full}, and is caught by channel binding under
 * {@code require} and {@code verify-ca}.
 *
 * <p>Each case's outcome and time are printed after the class (the figures of {@code docs/reliability.md}).
 */
@ExtendWith(PostgresExtension.class)
class SecurityIT {
  private static final CaseFigures FIGURES = new CaseFigures("security");

  private final PostgresServer server;
  private TlsFiles files;

  SecurityIT(PostgresServer server) {
    this.server = server;
  }

  @AfterAll
  static void printFigures() {
    FIGURES.print();
  }

  @BeforeEach
  void requireTls() {
    assumeTrue(server.tls().isPresent() && server.supports(TestRole.SCRAM), "needs the provisioned server's TLS and roles");
    files = server.tls().get();
  }

  private TlsOptions tlsOptions(SslMode mode, String rootCertificate, ChannelBinding binding) {
    return new TlsOptions(mode, SslNegotiation.POSTGRES, rootCertificate, null, null, null, binding);
  }

  private String whoAmI(PgConnectOptions options) {
    PgConnection connection = connect(options);
    try {
      return await(connection.query("SELECT current_user")).one().getString(0);
    } finally {
      await(connection.close());
    }
  }

  private TlsInterceptor interceptor(boolean stripChannelBinding) {
    return TlsInterceptor.start(server.host(), server.port(), files.clientCertificate(), files.clientKey(), stripChannelBinding);
  }

  /** SCRAM through the interceptor; the host is {@code localhost}, as the server's certificate names. */
  private PgConnectOptions throughInterceptor(TlsInterceptor interceptor, TlsOptions tls) {
    return options(server, TestRole.SCRAM).withHost("localhost", interceptor.port()).withTls(tls);
  }

  // ---- certificate verification

  @Test
  void verifyFullRefusesAHostNameTheCertificateDoesNotName() {
    var options = options(server).withHost("127.0.0.1", server.port())
        .withTls(tlsOptions(SslMode.VERIFY_FULL, files.caCertificate().toString(), ChannelBinding.PREFER));
    long start = System.nanoTime();
    PgException failure = failure(PgConnection.connect(options));
    assertEquals(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, failure.sqlState(), failure.getMessage());
    assertFalse(failure.isServerError(), "refused before a word reached the server");
    FIGURES.recordSince("verify-full, a host name the certificate does not name", failure.sqlState(),
        "refused by the client in the TLS handshake", start);
  }

  @Test
  void verifyFullRefusesACertificateFromAnUntrustedCa() {
    var options = options(server).withTls(tlsOptions(SslMode.VERIFY_FULL, files.untrustedCaCertificate().toString(), ChannelBinding.PREFER));
    long start = System.nanoTime();
    PgException failure = failure(PgConnection.connect(options));
    assertEquals(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, failure.sqlState(), failure.getMessage());
    FIGURES.recordSince("verify-full, a certificate from an untrusted CA", failure.sqlState(), "refused by the client in the TLS handshake",
        start);
  }

  @Test
  void verifyFullRefusesAManInTheMiddleBeforeItSeesAnything() {
    try (var interceptor = interceptor(false)) {
      var tls = tlsOptions(SslMode.VERIFY_FULL, files.caCertificate().toString(), ChannelBinding.PREFER);
      long start = System.nanoTime();
      PgException failure = failure(PgConnection.connect(throughInterceptor(interceptor, tls)));
      assertEquals(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, failure.sqlState(), failure.getMessage());
      assertFalse(failure.getMessage().contains(TestRole.SCRAM.password()));
      assertEquals(0, interceptor.relayed(), "nothing reached the server through the man in the middle");
      FIGURES.recordSince("verify-full, a man in the middle (certificate from the trusted CA)", failure.sqlState(),
          "refused by the client before authentication; 0 relayed", start);
    }
  }

  // ---- channel binding

  /** The interceptor relays faithfully: without channel binding, the attack works. */
  @Test
  void withoutChannelBindingAManInTheMiddleAuthenticatesUnnoticed() {
    try (var interceptor = interceptor(false)) {
      var tls = tlsOptions(SslMode.REQUIRE, null, ChannelBinding.DISABLE);
      long start = System.nanoTime();
      assertEquals(TestRole.SCRAM.user(), whoAmI(throughInterceptor(interceptor, tls)));
      assertEquals(1, interceptor.relayed());
      FIGURES.recordSince("no channel binding, a man in the middle (the control case)", "logged in", "the attack works: why binding matters",
          start);
    }
  }

  @Test
  void scramPlusDefeatsAManInTheMiddleThatTerminatesTls() {
    try (var interceptor = interceptor(false)) {
      // require: no certificate check at all; verify-ca: the interceptor's certificate passes it
      List<TlsOptions> attacked = List.of(
          tlsOptions(SslMode.REQUIRE, null, ChannelBinding.PREFER),
          tlsOptions(SslMode.REQUIRE, null, ChannelBinding.REQUIRE),
          tlsOptions(SslMode.VERIFY_CA, files.caCertificate().toString(), ChannelBinding.PREFER));
      for (TlsOptions tls : attacked) {
        long start = System.nanoTime();
        PgException failure = failure(PgConnection.connect(throughInterceptor(interceptor, tls)));
        // the server checks the binding against its own certificate and refuses ("SCRAM channel
        // binding check failed"); the client's proof is useless for any other session
        assertRefusedByTheServer(failure, tls.toString());
        assertFalse(failure.getMessage().contains(TestRole.SCRAM.password()));
        FIGURES.recordSince("SCRAM-SHA-256-PLUS, a man in the middle (require/prefer, require/require, verify-ca/prefer)",
            failure.sqlState(), "refused by the server: channel binding check failed", start);
      }
      assertEquals(attacked.size(), interceptor.relayed(), "each attempt really went through the man in the middle");
    }
  }

  @Test
  void aManInTheMiddleCannotDowngradeScramPlusToPlainScram() {
    try (var interceptor = interceptor(true)) {
      // prefer: the client binds when offered; without the offer it says "I could bind, but you
      // cannot" (GS2 flag 'y'), which the server, who can, knows to be a lie
      long start = System.nanoTime();
      PgException preferred = failure(PgConnection.connect(throughInterceptor(interceptor,
          tlsOptions(SslMode.REQUIRE, null, ChannelBinding.PREFER))));
      assertRefusedByTheServer(preferred, "a downgraded SCRAM");
      FIGURES.recordSince("a downgrade of SCRAM-PLUS to SCRAM, channel_binding=prefer", preferred.sqlState(),
          "refused by the server (the client said it could bind)", start);
      // require: the client itself refuses a server that does not offer SCRAM-SHA-256-PLUS
      start = System.nanoTime();
      PgException required = failure(PgConnection.connect(throughInterceptor(interceptor,
          tlsOptions(SslMode.REQUIRE, null, ChannelBinding.REQUIRE))));
      assertFalse(required.isServerError(), required.getMessage());
      assertTrue(required.isAuthenticationFailure(), required.sqlState() + " " + required.getMessage());
      FIGURES.recordSince("a downgrade of SCRAM-PLUS to SCRAM, channel_binding=require", required.sqlState(),
          "refused by the client before sending a proof", start);
    }
  }

  /** The server's refusal of a SCRAM exchange: class 28 (PostgreSQL 13 to 17 report 28000), or 08P01. */
  private static void assertRefusedByTheServer(PgException failure, String what) {
    assertTrue(failure.isServerError(), what + ": " + failure.getMessage());
    assertTrue(failure.isAuthenticationFailure() || SqlState.PROTOCOL_VIOLATION.equals(failure.sqlState()),
        what + ": " + failure.getMessage());
    assertTrue(failure.getMessage().contains("channel binding"), what + ": " + failure.getMessage());
  }

  // ---- passwords

  @Test
  void passwordsNeverAppearInExceptionsLogsOrToString() {
    long start = System.nanoTime();
    String canary = "Canary-pa55word-" + System.nanoTime();
    List<String> secrets = new ArrayList<>(List.of(canary));
    List<String> texts = new ArrayList<>();
    try (var logs = new LogCapture()) {
      // wrong passwords, every method
      for (TestRole role : List.of(TestRole.PASSWORD, TestRole.MD5, TestRole.SCRAM)) {
        if (server.supports(role)) {
          texts.add(describe(failure(PgConnection.connect(options(server, role).withPassword(canary)))));
        }
      }
      // right passwords, every method, over plain TCP and TLS
      for (TestRole role : List.of(TestRole.PASSWORD, TestRole.MD5, TestRole.SCRAM, TestRole.SSL_ONLY)) {
        if (server.supports(role)) {
          secrets.add(role.password());
          PgConnection connection = connect(options(server, role).withTls(tlsOptions(SslMode.PREFER, null, ChannelBinding.PREFER)));
          texts.add(connection.toString());
          texts.add(describe(failure(connection.query("SELECT 1/0"))));
          await(connection.close());
        }
      }
      // connection strings
      String url = server.url(TestRole.SCRAM).replace(encode(TestRole.SCRAM.password()), encode(canary));
      PgConnectOptions parsed = PgConnectOptions.parse(url + "?application_name=security&sslmode=disable");
      texts.add(parsed.toString());
      texts.add(parsed.tls().toString());
      texts.add(new TlsOptions(SslMode.REQUIRE, SslNegotiation.POSTGRES, null, "client.crt", "client.key", canary,
          ChannelBinding.PREFER).toString());
      texts.add(describe(assertThrows(PgException.class, () -> PgConnectOptions.parse(url + "?sslmode=nonsense"))));
      texts.add(describe(assertThrows(PgException.class, () -> PgConnectOptions.parse("host=localhost password=" + canary + " port=x"))));
      texts.add(describe(failure(PgConnection.connect(parsed))));
      // a pool that cannot log in logs why, and fails its callers
      PgPool pool = PgPool.create(parsed, PoolOptions.defaults().maxSize(2));
      try {
        texts.add(describe(failure(pool.query("SELECT 1"))));
        texts.add(pool.toString());
        texts.add(pool.stats().toString());
      } finally {
        await(pool.close());
      }
      // a man in the middle caught by channel binding
      try (var interceptor = interceptor(false)) {
        texts.add(describe(failure(PgConnection.connect(throughInterceptor(interceptor,
            tlsOptions(SslMode.REQUIRE, null, ChannelBinding.REQUIRE))))));
      }
      texts.addAll(logs.records());
      assertTrue(logs.records().size() > 0, "the capture saw the driver's logs");
    }
    for (String text : texts) {
      for (String secret : secrets) {
        assertFalse(text.contains(secret), "a password appears in: " + text);
      }
    }
    System.out.printf("security: %d exception texts, toStrings and log records checked for %d passwords%n", texts.size(), secrets.size());
    FIGURES.recordSince("passwords in " + texts.size() + " exception texts, toStrings and log records (" + secrets.size() + " passwords)",
        "0 found", "", start);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** An exception as a log would show it: toString, message and stack trace of the whole chain. */
  private static String describe(Throwable failure) {
    var trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return failure + "\n" + failure.getMessage() + "\n" + trace;
  }
}
