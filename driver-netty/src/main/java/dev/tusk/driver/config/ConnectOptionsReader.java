package dev.tusk.driver.config;

import dev.tusk.driver.ChannelBinding;
import dev.tusk.driver.HostAndPort;
import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.SslMode;
import dev.tusk.driver.SslNegotiation;
import dev.tusk.driver.TlsOptions;
import dev.tusk.driver.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns libpq keywords (from a connection string, over the {@code PG*} environment defaults) into
 * {@link PgConnectOptions}. Every keyword is either honoured, explicitly ignored (with the reason
 * below), or refused with a clear error: a setting is never dropped silently when it would weaken
 * security or change behaviour.
 *
 * <p>Keywords that are neither libpq's nor Tusk's are server settings sent at startup
 * ({@code search_path}, {@code statement_timeout} …).
 */
public final class ConnectOptionsReader {
  /** libpq keywords that have no effect here: tuning of OS keepalives, GSS and Unix-socket options. */
  private static final Set<String> IGNORED = Set.of("keepalives", "keepalives_idle", "keepalives_interval",
      "keepalives_count", "tcp_user_timeout", "sslcompression", "sslsni", "sslcertmode", "krbsrvname", "gsslib",
      "gssdelegation", "requirepeer", "ssl_min_protocol_version", "ssl_max_protocol_version");
  /** libpq keywords Tusk does not implement and refuses rather than ignores. */
  private static final Map<String, String> UNSUPPORTED = Map.of(
      "hostaddr", "connect by host name instead",
      "service", "pg_service.conf is not read; put the settings in the connection string",
      "sslcrl", "certificate revocation lists are not checked",
      "sslcrldir", "certificate revocation lists are not checked",
      "replication", "replication connections are not supported",
      "require_auth", "restricting authentication methods is not supported yet",
      "load_balance_hosts", "hosts are tried in order",
      "min_protocol_version", "the minimum is always 3.0");

  private ConnectOptionsReader() {}

  /** Reads a connection string over this process's environment. */
  public static PgConnectOptions read(String connectionString) {
    return read(ConnectionStrings.parse(connectionString), Environment.system());
  }

  /**
   * @param keywords parsed keywords, which win over the environment's
   * @throws PgException (22023) for invalid or unsupported values
   */
  public static PgConnectOptions read(Map<String, String> keywords, Environment environment) {
    Map<String, String> all = environment.defaults();
    all.putAll(keywords);
    PgConnectOptions options = PgConnectOptions.defaults();
    Map<String, String> settings = new LinkedHashMap<>();
    String user = environment.osUser();
    String database = null;
    String password = null;
    List<String> hostList = List.of("localhost");
    List<String> portList = List.of();
    TlsOptions tls = TlsOptions.defaults();
    String fallbackApplicationName = null;
    Path passFile = environment.defaultPassFile();
    boolean pgbouncer = false;

    for (Map.Entry<String, String> entry : all.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      switch (key) {
        case "host" -> hostList = split(value);
        case "port" -> portList = split(value);
        case "user" -> user = value;
        case "dbname" -> database = value;
        case "password" -> password = value;
        case "passfile" -> passFile = Path.of(value);
        case "sslmode" -> tls = tls.withMode(SslMode.fromKeyword(value));
        case "sslnegotiation" -> tls = new TlsOptions(tls.mode(), SslNegotiation.fromKeyword(value), tls.rootCertificate(),
            tls.certificate(), tls.key(), tls.keyPassword(), tls.channelBinding());
        case "sslrootcert" -> tls = tls.withRootCertificate(value);
        case "sslcert" -> tls = new TlsOptions(tls.mode(), tls.negotiation(), tls.rootCertificate(), value, tls.key(),
            tls.keyPassword(), tls.channelBinding());
        case "sslkey" -> tls = new TlsOptions(tls.mode(), tls.negotiation(), tls.rootCertificate(), tls.certificate(), value,
            tls.keyPassword(), tls.channelBinding());
        case "sslpassword" -> tls = new TlsOptions(tls.mode(), tls.negotiation(), tls.rootCertificate(), tls.certificate(),
            tls.key(), value, tls.channelBinding());
        case "channel_binding" -> tls = new TlsOptions(tls.mode(), tls.negotiation(), tls.rootCertificate(),
            tls.certificate(), tls.key(), tls.keyPassword(), ChannelBinding.fromKeyword(value));
        case "connect_timeout" -> options = options.withConnectTimeout(connectTimeout(value));
        case "application_name" -> settings.put("application_name", value);
        case "fallback_application_name" -> fallbackApplicationName = value;
        case "options" -> settings.put("options", value);
        case "client_encoding" -> requireUtf8(value);
        case "gssencmode" -> {
          if (value.equalsIgnoreCase("require")) {
            throw invalid("gssencmode=require: GSSAPI encryption is not supported; use TLS (sslmode)");
          }
        }
        case "target_session_attrs" -> {
          if (!value.equalsIgnoreCase("any")) {
            throw invalid("target_session_attrs=" + value + " is not supported yet; only 'any'");
          }
        }
        case "max_protocol_version" -> options = options.withMaxProtocolMinorVersion(switch (value) {
          case "3.0" -> 0;
          case "3.2", "latest" -> 2;
          default -> throw invalid("max_protocol_version must be 3.0, 3.2 or latest, was '" + value + "'");
        });
        case "pipeline_depth" -> options = options.withPipelineDepth(positiveInt(key, value));
        case "max_queued_commands" -> options = options.withMaxQueuedCommands(positiveInt(key, value));
        case "statement_cache_size" -> options = options.withStatementCacheSize(nonNegativeInt(key, value));
        case "prepared_statements" -> options = options.withNamedStatements(switch (value.toLowerCase(Locale.ROOT)) {
          case "named" -> true;
          case "unnamed" -> false;
          default -> throw invalid("prepared_statements must be named or unnamed, was '" + value + "'");
        });
        case "pgbouncer" -> pgbouncer = bool(key, value);
        case "query_timeout" -> options = options.withQueryTimeout(duration(key, value));
        case "cancel_timeout" -> options = options.withCancelTimeout(duration(key, value));
        case "transport" -> options = options.withTransport(Transport.fromKeyword(value));
        default -> {
          if (UNSUPPORTED.containsKey(key)) {
            throw invalid(key + " is not supported: " + UNSUPPORTED.get(key));
          }
          if (!IGNORED.contains(key)) {
            settings.put(key, value);
          }
        }
      }
    }
    if (fallbackApplicationName != null && !settings.containsKey("application_name")) {
      settings.put("application_name", fallbackApplicationName);
    }
    if (database == null || database.isEmpty()) {
      database = user;
    }
    List<HostAndPort> hosts = hosts(hostList, portList);
    if (password == null) {
      HostAndPort first = hosts.get(0);
      password = PgPassFile.findPassword(passFile, first.host(), first.port(), database, user).orElse(null);
    }
    if (pgbouncer) {
      // PgBouncer in transaction mode keeps no prepared statements across transactions and rejects protocol 3.2
      options = options.withNamedStatements(false).withMaxProtocolMinorVersion(0);
    }
    options = options.withHosts(hosts).withUser(user).withPassword(password).withDatabase(database).withTls(tls);
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      options = options.withServerSetting(setting.getKey(), setting.getValue());
    }
    return options;
  }

  /** libpq's pairing: one port for all hosts, or one per host, an empty entry meaning 5432. */
  private static List<HostAndPort> hosts(List<String> hostList, List<String> portList) {
    if (portList.size() > 1 && portList.size() != hostList.size()) {
      throw invalid("could not match " + portList.size() + " port numbers to " + hostList.size() + " hosts");
    }
    List<HostAndPort> hosts = new ArrayList<>(hostList.size());
    for (int i = 0; i < hostList.size(); i++) {
      String host = hostList.get(i).isEmpty() ? "localhost" : hostList.get(i);
      if (host.startsWith("/") || host.startsWith("@")) {
        throw invalid("host '" + host + "' is a Unix-domain socket directory, which Tusk does not support; use a TCP host such as localhost");
      }
      String port = portList.isEmpty() ? "" : portList.size() == 1 ? portList.get(0) : portList.get(i);
      hosts.add(new HostAndPort(host, port.isEmpty() ? HostAndPort.DEFAULT_PORT : port(port)));
    }
    return hosts;
  }

  private static List<String> split(String value) {
    return List.of(value.split(",", -1));
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw invalid("invalid port number: '" + value + "'");
  }

  /** libpq: whole seconds; 0 or negative waits forever; 1 is raised to 2. */
  private static Duration connectTimeout(String value) {
    int seconds;
    try {
      seconds = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw invalid("connect_timeout must be a whole number of seconds, was '" + value + "'");
    }
    if (seconds <= 0) {
      return Duration.ofDays(36500);
    }
    return Duration.ofSeconds(Math.max(2, seconds));
  }

  /** A duration: plain milliseconds, or a number with ms, s, min or h. */
  static Duration duration(String key, String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    int unitStart = 0;
    while (unitStart < text.length() && Character.isDigit(text.charAt(unitStart))) {
      unitStart++;
    }
    if (unitStart == 0) {
      throw invalid(key + " must be a duration such as 500ms, 5s or 2min, was '" + value + "'");
    }
    long amount = Long.parseLong(text.substring(0, unitStart));
    return switch (text.substring(unitStart).trim()) {
      case "", "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "min" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> throw invalid(key + " must be a duration such as 500ms, 5s or 2min, was '" + value + "'");
    };
  }

  private static int positiveInt(String key, String value) {
    int number = nonNegativeInt(key, value);
    if (number == 0) {
      throw invalid(key + " must be at least 1");
    }
    return number;
  }

  private static int nonNegativeInt(String key, String value) {
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw invalid(key + " must be a non-negative whole number, was '" + value + "'");
  }

  private static boolean bool(String key, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default -> throw invalid(key + " must be true or false, was '" + value + "'");
    };
  }

  private static void requireUtf8(String value) {
    String normalized = value.replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
    if (!normalized.equals("UTF8") && !normalized.equals("UNICODE")) {
      throw invalid("client_encoding must be UTF8 (Tusk speaks UTF-8 only), was '" + value + "'");
    }
  }

  private static PgException invalid(String message) {
    return new PgException(SqlState.INVALID_PARAMETER_VALUE, message);
  }
}
