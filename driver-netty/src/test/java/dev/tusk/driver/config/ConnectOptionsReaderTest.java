package dev.tusk.driver.config;

import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.ChannelBinding;
import dev.tusk.driver.HostAndPort;
import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.SslMode;
import dev.tusk.driver.SslNegotiation;
import dev.tusk.driver.TlsOptions;
import dev.tusk.driver.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectOptionsReaderTest {
  @TempDir Path home;

  private PgConnectOptions read(String connectionString, Map<String, String> variables) {
    return ConnectOptionsReader.read(ConnectionStrings.parse(connectionString), new Environment(variables, home, "osuser"));
  }

  private PgConnectOptions read(String connectionString) {
    return read(connectionString, Map.of());
  }

  @Test
  void uriGivesHostsUserPasswordDatabaseAndSettings() {
    PgConnectOptions options = read("postgresql://app:s%40cret@db1:5433,db2/shop?sslmode=verify-full&application_name=web"
        + "&search_path=app&connect_timeout=7&channel_binding=require&sslnegotiation=direct");
    assertEquals(List.of(new HostAndPort("db1", 5433), new HostAndPort("db2", 5432)), options.hosts());
    assertEquals("app", options.user());
    assertEquals("s@cret", options.password());
    assertEquals("shop", options.database());
    assertEquals(SslMode.VERIFY_FULL, options.tls().mode());
    assertEquals(SslNegotiation.DIRECT, options.tls().negotiation());
    assertEquals(ChannelBinding.REQUIRE, options.tls().channelBinding());
    assertEquals(Duration.ofSeconds(7), options.connectTimeout());
    assertEquals(Map.of("application_name", "web", "search_path", "app"), options.serverSettings());
    assertFalse(options.toString().contains("s@cret"), "toString never shows the password");
  }

  @Test
  void defaultsComeFromTheEnvironmentAndTheOsUser() {
    PgConnectOptions options = read("", Map.of("PGHOST", "envhost", "PGPORT", "6000", "PGSSLMODE", "require"));
    assertEquals(List.of(new HostAndPort("envhost", 6000)), options.hosts());
    assertEquals("osuser", options.user());
    assertEquals("osuser", options.database(), "the database defaults to the user");
    assertEquals(SslMode.REQUIRE, options.tls().mode());
    PgConnectOptions overridden = read("host=urlhost", Map.of("PGHOST", "envhost"));
    assertEquals("urlhost", overridden.hosts().get(0).host(), "the string wins over the environment");
  }

  @Test
  void passwordComesFromThePassFileWhenNotGiven() throws Exception {
    Path passFile = home.resolve(".pgpass");
    Files.writeString(passFile, "db1:5432:shop:app:from-file\n");
    if (passFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-------"));
    }
    assertEquals("from-file", read("postgresql://app@db1/shop").password());
    assertEquals("given", read("postgresql://app:given@db1/shop").password());
    assertNull(read("postgresql://other@db1/shop").password());
  }

  @Test
  void tuskKeywordsConfigureTheDriver() {
    PgConnectOptions options = read("host=h pipeline_depth=32 max_queued_commands=1000 statement_cache_size=10 "
        + "query_timeout=5s cancel_timeout=250ms transport=nio");
    assertEquals(32, options.pipelineDepth());
    assertEquals(1000, options.maxQueuedCommands());
    assertEquals(PgConnectOptions.DEFAULT_MAX_QUEUED_COMMANDS, read("host=h").maxQueuedCommands());
    assertEquals(10, options.statementCacheSize());
    assertEquals(Duration.ofSeconds(5), options.queryTimeout());
    assertEquals(Duration.ofMillis(250), options.cancelTimeout());
    assertEquals(Transport.NIO, options.transport());
    assertTrue(options.namedStatements());
  }

  @Test
  void pgbouncerModeUsesOnlyUnnamedStatementsAndProtocol30() {
    PgConnectOptions options = read("host=h pgbouncer=true");
    assertFalse(options.namedStatements());
    assertEquals(0, options.maxProtocolMinorVersion());
    assertFalse(read("host=h prepared_statements=unnamed").namedStatements());
  }

  @Test
  void unsupportedOrInvalidKeywordsAreRefusedClearly() {
    for (String bad : List.of("host=/var/run/postgresql", "host=h hostaddr=1.2.3.4", "host=h sslmode=maybe",
        "host=h client_encoding=LATIN1", "host=h target_session_attrs=read-write", "host=h sslcrl=x.crl",
        "host=h port=1,2,3", "host=h pipeline_depth=0", "host=h max_queued_commands=0", "host=h query_timeout=soon", "host=h gssencmode=require")) {
      PgException failure = assertThrows(PgException.class, () -> read(bad), bad);
      assertEquals(SqlState.INVALID_PARAMETER_VALUE, failure.sqlState(), bad);
    }
  }

  @Test
  void sslFileKeywordsLandInTheirOwnTlsFields() {
    PgConnectOptions options = read("host=h sslmode=verify-ca sslrootcert=/etc/ca.pem sslcert=/home/app/client.pem"
        + " sslkey=/home/app/client.key sslpassword=k3y-secret");
    TlsOptions tls = options.tls();
    assertEquals(SslMode.VERIFY_CA, tls.mode());
    assertEquals("/etc/ca.pem", tls.rootCertificate());
    assertEquals("/home/app/client.pem", tls.certificate());
    assertEquals("/home/app/client.key", tls.key());
    assertEquals("k3y-secret", tls.keyPassword());
    assertEquals(SslNegotiation.POSTGRES, tls.negotiation(), "untouched fields keep their defaults");
    assertEquals(ChannelBinding.PREFER, tls.channelBinding());
    assertTrue(options.serverSettings().isEmpty(), "none of them is sent to the server as a setting");
    assertFalse(options.toString().contains("k3y-secret"), "toString never shows the key's password");

    // the same through the URI form, and from the environment (the string wins)
    TlsOptions fromUri = read("postgresql://h/db?sslrootcert=system&sslkey=%2Ftmp%2Fk.pem").tls();
    assertEquals("system", fromUri.rootCertificate());
    assertEquals("/tmp/k.pem", fromUri.key());
    assertNull(fromUri.certificate());
    TlsOptions fromEnvironment = read("host=h sslcert=/given.pem",
        Map.of("PGSSLROOTCERT", "/env/ca.pem", "PGSSLCERT", "/env/cert.pem", "PGSSLKEY", "/env/key.pem")).tls();
    assertEquals("/env/ca.pem", fromEnvironment.rootCertificate());
    assertEquals("/given.pem", fromEnvironment.certificate());
    assertEquals("/env/key.pem", fromEnvironment.key());
  }

  @Test
  void optionsIsPassedToTheServerAsTheStartupSetting() {
    assertEquals(Map.of("options", "-c statement_timeout=1234"),
        read("host=h options='-c statement_timeout=1234'").serverSettings());
    assertEquals(Map.of("options", "-c statement_timeout=1234 -c search_path=app"),
        read("postgresql://h/db?options=-c%20statement_timeout%3D1234%20-c%20search_path%3Dapp").serverSettings());
    assertEquals(Map.of("options", "-c geqo=off"), read("host=h", Map.of("PGOPTIONS", "-c geqo=off")).serverSettings());
  }

  @Test
  void connectTimeoutFollowsLibpq() {
    assertEquals(Duration.ofSeconds(2), read("host=h connect_timeout=1").connectTimeout());
    assertTrue(read("host=h connect_timeout=0").connectTimeout().toDays() > 365, "0 waits forever");
  }

  @Test
  void fallbackApplicationNameIsUsedOnlyWithoutAnApplicationName() {
    assertEquals("fallback", read("host=h fallback_application_name=fallback").serverSettings().get("application_name"));
    assertEquals("app", read("host=h application_name=app fallback_application_name=fallback")
        .serverSettings().get("application_name"));
  }
}
