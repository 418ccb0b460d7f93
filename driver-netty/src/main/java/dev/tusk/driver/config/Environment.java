package dev.tusk.driver.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What libpq reads from the process: its environment variables, the user's home directory and
 * the operating-system user name. {@link #system()} captures the real ones once; tests build one
 * from explicit values, so that nothing below reads the process environment.
 *
 * @param variables the environment variables, copied
 * @param home the user's home directory ({@code user.home})
 * @param osUser the operating-system user name ({@code user.name}), libpq's default user
 */
public record Environment(Map<String, String> variables, Path home, String osUser) {

  /** libpq's environment variable for each keyword, in libpq's order. */
  private static final Map<String, String> KEYWORD_BY_VARIABLE = keywordByVariable();

  /** Read once: the Windows file locations are the only platform-dependent defaults. */
  private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

  /** Copies {@code variables}; every component is required. */
  public Environment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(osUser, "osUser");
  }

  /** {@return the environment of this process: {@code System.getenv()}, {@code user.home}, {@code user.name}} */
  public static Environment system() {
    return new Environment(
        System.getenv(), Path.of(System.getProperty("user.home")), System.getProperty("user.name"));
  }

  /**
   * {@return the keyword → value defaults libpq takes from the environment} ({@code PGHOST} →
   * {@code host}, {@code PGPORT} → {@code port}, {@code PGSSLMODE} → {@code sslmode}…), in a new
   * {@link LinkedHashMap}. An empty variable counts as unset. Defaults that do not come from a
   * variable (port 5432, user = {@link #osUser()}…) are not included: they are the caller's.
   */
  public Map<String, String> defaults() {
    var defaults = new LinkedHashMap<String, String>();
    KEYWORD_BY_VARIABLE.forEach((variable, keyword) -> {
      String value = variables.get(variable);
      if (value != null && !value.isEmpty()) {
        defaults.put(keyword, value);
      }
    });
    return defaults;
  }

  /**
   * {@return the password file libpq reads}: {@code PGPASSFILE} when set, else {@code ~/.pgpass},
   * or {@code %APPDATA%\postgresql\pgpass.conf} on Windows. The file may not exist.
   */
  public Path defaultPassFile() {
    return defaultPassFile(WINDOWS);
  }

  /**
   * {@return the directory where libpq looks for the client certificate, key, root certificate and
   * revocation list}: {@code ~/.postgresql}, or {@code %APPDATA%\postgresql} on Windows
   */
  public Path defaultSslDirectory() {
    return defaultSslDirectory(WINDOWS);
  }

  /** {@link #defaultPassFile()} as on the given platform, so that tests cover both. */
  Path defaultPassFile(boolean windows) {
    String configured = variables.get("PGPASSFILE");
    if (configured != null && !configured.isEmpty()) {
      return Path.of(configured);
    }
    return windows ? appData().resolve("postgresql").resolve("pgpass.conf") : home.resolve(".pgpass");
  }

  /** {@link #defaultSslDirectory()} as on the given platform, so that tests cover both. */
  Path defaultSslDirectory(boolean windows) {
    return windows ? appData().resolve("postgresql") : home.resolve(".postgresql");
  }

  /** libpq asks Windows for the roaming application data folder, which APPDATA names. */
  private Path appData() {
    String appData = variables.get("APPDATA");
    return appData != null && !appData.isEmpty()
        ? Path.of(appData)
        : home.resolve("AppData").resolve("Roaming");
  }

  private static Map<String, String> keywordByVariable() {
    var map = new LinkedHashMap<String, String>();
    map.put("PGSERVICE", "service");
    map.put("PGUSER", "user");
    map.put("PGPASSWORD", "password");
    map.put("PGPASSFILE", "passfile");
    map.put("PGCHANNELBINDING", "channel_binding");
    map.put("PGCONNECT_TIMEOUT", "connect_timeout");
    map.put("PGDATABASE", "dbname");
    map.put("PGHOST", "host");
    map.put("PGHOSTADDR", "hostaddr");
    map.put("PGPORT", "port");
    map.put("PGCLIENTENCODING", "client_encoding");
    map.put("PGOPTIONS", "options");
    map.put("PGAPPNAME", "application_name");
    map.put("PGSSLMODE", "sslmode");
    map.put("PGSSLNEGOTIATION", "sslnegotiation");
    map.put("PGSSLCOMPRESSION", "sslcompression");
    map.put("PGSSLCERT", "sslcert");
    map.put("PGSSLKEY", "sslkey");
    map.put("PGSSLCERTMODE", "sslcertmode");
    map.put("PGSSLROOTCERT", "sslrootcert");
    map.put("PGSSLCRL", "sslcrl");
    map.put("PGSSLCRLDIR", "sslcrldir");
    map.put("PGSSLSNI", "sslsni");
    map.put("PGREQUIREPEER", "requirepeer");
    map.put("PGREQUIREAUTH", "require_auth");
    map.put("PGSSLMINPROTOCOLVERSION", "ssl_min_protocol_version");
    map.put("PGSSLMAXPROTOCOLVERSION", "ssl_max_protocol_version");
    map.put("PGMINPROTOCOLVERSION", "min_protocol_version");
    map.put("PGMAXPROTOCOLVERSION", "max_protocol_version");
    map.put("PGGSSENCMODE", "gssencmode");
    map.put("PGKRBSRVNAME", "krbsrvname");
    map.put("PGGSSLIB", "gsslib");
    map.put("PGGSSDELEGATION", "gssdelegation");
    map.put("PGTARGETSESSIONATTRS", "target_session_attrs");
    map.put("PGLOADBALANCEHOSTS", "load_balance_hosts");
    return Collections.unmodifiableMap(map);
  }
}
