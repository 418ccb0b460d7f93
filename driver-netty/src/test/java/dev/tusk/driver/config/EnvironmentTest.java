package dev.tusk.driver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
  private static final Path HOME = Path.of("/home/alice");

  private static Environment environment(Map<String, String> variables) {
    return new Environment(variables, HOME, "alice");
  }

  @Test
  void everyLibpqVariableMapsToItsKeyword() {
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, String> variables = new HashMap<>();
    String[][] pairs = {
      {"PGHOST", "host"}, {"PGHOSTADDR", "hostaddr"}, {"PGPORT", "port"}, {"PGDATABASE", "dbname"},
      {"PGUSER", "user"}, {"PGPASSWORD", "password"}, {"PGPASSFILE", "passfile"},
      {"PGCHANNELBINDING", "channel_binding"}, {"PGSERVICE", "service"}, {"PGOPTIONS", "options"},
      {"PGAPPNAME", "application_name"}, {"PGSSLMODE", "sslmode"}, {"PGSSLNEGOTIATION", "sslnegotiation"},
      {"PGSSLCERT", "sslcert"}, {"PGSSLKEY", "sslkey"}, {"PGSSLROOTCERT", "sslrootcert"}, {"PGSSLCRL", "sslcrl"},
      {"PGSSLCERTMODE", "sslcertmode"}, {"PGREQUIREAUTH", "require_auth"}, {"PGCONNECT_TIMEOUT", "connect_timeout"},
      {"PGCLIENTENCODING", "client_encoding"}, {"PGTARGETSESSIONATTRS", "target_session_attrs"},
      {"PGLOADBALANCEHOSTS", "load_balance_hosts"}, {"PGMINPROTOCOLVERSION", "min_protocol_version"},
      {"PGMAXPROTOCOLVERSION", "max_protocol_version"}, {"PGSSLMINPROTOCOLVERSION", "ssl_min_protocol_version"},
      {"PGSSLMAXPROTOCOLVERSION", "ssl_max_protocol_version"}, {"PGGSSENCMODE", "gssencmode"},
      {"PGSSLCRLDIR", "sslcrldir"}, {"PGSSLCOMPRESSION", "sslcompression"}, {"PGSSLSNI", "sslsni"},
      {"PGREQUIREPEER", "requirepeer"}, {"PGKRBSRVNAME", "krbsrvname"}, {"PGGSSLIB", "gsslib"},
      {"PGGSSDELEGATION", "gssdelegation"},
    };
    for (String[] pair : pairs) {
      variables.put(pair[0], "value of " + pair[0]);
      expected.put(pair[1], "value of " + pair[0]);
    }
    assertEquals(expected, environment(variables).defaults());
  }

  @Test
  void defaultsFollowLibpqKeywordOrder() {
    var defaults = environment(Map.of("PGPORT", "5433", "PGHOST", "h", "PGUSER", "u")).defaults();
    assertEquals(List.of("user", "host", "port"), new ArrayList<>(defaults.keySet()));
  }

  @Test
  void emptyAndUnrelatedVariablesAreIgnored() {
    var defaults = environment(Map.of("PGHOST", "", "PGPORT", "5433", "PATH", "/bin", "PGTZ", "UTC")).defaults();
    assertEquals(Map.of("port", "5433"), defaults);
  }

  @Test
  void variablesAreCopied() {
    var variables = new HashMap<String, String>();
    variables.put("PGHOST", "h");
    Environment environment = environment(variables);
    variables.put("PGHOST", "changed");
    assertEquals(Map.of("host", "h"), environment.defaults());
  }

  @Test
  void passFileIsPgpassfileWhenSet() {
    Environment environment = environment(Map.of("PGPASSFILE", "/etc/tusk/pgpass"));
    assertEquals(Path.of("/etc/tusk/pgpass"), environment.defaultPassFile(false));
    assertEquals(Path.of("/etc/tusk/pgpass"), environment.defaultPassFile(true));
  }

  @Test
  void passFileIsDotPgpassInTheHomeDirectory() {
    assertEquals(HOME.resolve(".pgpass"), environment(Map.of()).defaultPassFile(false));
    assertEquals(HOME.resolve(".pgpass"), environment(Map.of("PGPASSFILE", "")).defaultPassFile(false));
  }

  @Test
  void passFileOnWindowsIsUnderAppdata() {
    String appData = "C:\\Users\\alice\\AppData\\Roaming";
    assertEquals(Path.of(appData, "postgresql", "pgpass.conf"),
        environment(Map.of("APPDATA", appData)).defaultPassFile(true));
    assertEquals(HOME.resolve("AppData").resolve("Roaming").resolve("postgresql").resolve("pgpass.conf"),
        environment(Map.of()).defaultPassFile(true));
  }

  @Test
  void sslDirectoryIsDotPostgresqlOrUnderAppdataOnWindows() {
    assertEquals(HOME.resolve(".postgresql"), environment(Map.of()).defaultSslDirectory(false));
    assertEquals(Path.of("C:\\AppData", "postgresql"),
        environment(Map.of("APPDATA", "C:\\AppData")).defaultSslDirectory(true));
  }
}
