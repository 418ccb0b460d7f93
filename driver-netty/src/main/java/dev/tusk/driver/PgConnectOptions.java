package dev.tusk.driver;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import dev.tusk.driver.types.PgCodec;

/**
 * Everything needed to open a connection. Immutable; {@link #defaults()} holds every default in one
 * place, {@link #parse(String)} reads a libpq connection string, and the {@code with…} methods
 * return changed copies.
 *
 * @param hosts servers to try in order
 * @param user the role to log in as
 * @param password its password, or {@code null} (then {@code ~/.pgpass} is consulted when parsing)
 * @param database the database to connect to
 * @param serverSettings sent in the StartupMessage: {@code application_name}, {@code options} and any
 *     other setting ({@code search_path}, {@code TimeZone} …)
 * @param tls TLS settings
 * @param connectTimeout bound on TCP connect, TLS and authentication together, per host
 * @param queryTimeout default timeout of every statement, or {@code null} for none
 * @param cancelTimeout bound on each step of a cancellation (side connection, server acknowledgement)
 * @param pipelineDepth the most commands written and not yet answered; more wait in the queue
 * @param maxQueuedCommands the most commands waiting behind those; one more fails at once with
 *     {@link SqlState#CONFIGURATION_LIMIT_EXCEEDED} instead of growing the queue without limit
 * @param statementCacheSize the most named prepared statements kept per connection (LRU)
 * @param namedStatements {@code false} to use only the unnamed statement (PgBouncer transaction mode);
 *     every execution then parses again and gets its results in text
 * @param maxProtocolMinorVersion 0 or 2: the newest protocol 3.x to ask for; 3.2 gives longer
 *     cancel keys on PostgreSQL 18 and is negotiated down on older servers
 * @param transport the Netty transport
 * @param noticeListener receives NoticeResponses (warnings); by default they are logged at DEBUG
 * @param codecs user codecs, each for a type named by {@link PgCodec#typeName()}; the names are
 *     resolved to OIDs once per connection, when it opens
 */
public record PgConnectOptions(
    List<HostAndPort> hosts,
    String user,
    String password,
    String database,
    Map<String, String> serverSettings,
    TlsOptions tls,
    Duration connectTimeout,
    Duration queryTimeout,
    Duration cancelTimeout,
    int pipelineDepth,
    int maxQueuedCommands,
    int statementCacheSize,
    boolean namedStatements,
    int maxProtocolMinorVersion,
    Transport transport,
    Consumer<PgNotice> noticeListener,
    List<PgCodec<?>> codecs) {

  public static final int DEFAULT_PIPELINE_DEPTH = 256;
  /** Enough for any loop that awaits its results now and then; a producer that never does is stopped. */
  public static final int DEFAULT_MAX_QUEUED_COMMANDS = 16_384;
  public static final int DEFAULT_STATEMENT_CACHE_SIZE = 256;

  private static final System.Logger NOTICES = System.getLogger("dev.tusk.driver.notice");

  public PgConnectOptions {
    hosts = List.copyOf(hosts);
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("at least one host is needed");
    }
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(database, "database");
    serverSettings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(serverSettings));
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(cancelTimeout, "cancelTimeout");
    if (pipelineDepth < 1) {
      throw new IllegalArgumentException("pipelineDepth must be at least 1, was " + pipelineDepth);
    }
    if (maxQueuedCommands < 1) {
      throw new IllegalArgumentException("maxQueuedCommands must be at least 1, was " + maxQueuedCommands);
    }
    if (statementCacheSize < 0) {
      throw new IllegalArgumentException("statementCacheSize must not be negative, was " + statementCacheSize);
    }
    if (maxProtocolMinorVersion != 0 && maxProtocolMinorVersion != 2) {
      throw new IllegalArgumentException("maxProtocolMinorVersion must be 0 or 2, was " + maxProtocolMinorVersion);
    }
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(noticeListener, "noticeListener");
    codecs = List.copyOf(codecs);
  }

  /**
   * Reads a libpq connection string — {@code postgresql://user:password@host:port/db?param=…} or
   * {@code host=… port=… dbname=…} — over the {@code PG*} environment variables, and takes the
   * password from {@code ~/.pgpass} when none is given. Besides libpq's keywords it accepts Tusk's
   * ({@code pipeline_depth}, {@code max_queued_commands}, {@code statement_cache_size}, {@code prepared_statements=named|unnamed},
   * {@code pgbouncer=true}, {@code query_timeout}, {@code cancel_timeout}, {@code transport}); any
   * other keyword is sent to the server as a setting.
   *
   * @throws PgException (22023) pointing at the bad part; the message never contains the password
   */
  public static PgConnectOptions parse(String connectionString) {
    return dev.tusk.driver.config.ConnectOptionsReader.read(connectionString);
  }

  /** {@return options for {@code localhost:5432}, the OS user's name as user and database, and every default} */
  public static PgConnectOptions defaults() {
    String osUser = System.getProperty("user.name", "postgres");
    return new PgConnectOptions(List.of(new HostAndPort("localhost", HostAndPort.DEFAULT_PORT)), osUser, null, osUser,
        Map.of(), TlsOptions.defaults(), Duration.ofSeconds(10), null, Duration.ofSeconds(5),
        DEFAULT_PIPELINE_DEPTH, DEFAULT_MAX_QUEUED_COMMANDS, DEFAULT_STATEMENT_CACHE_SIZE, true, 2, Transport.NIO,
        notice -> NOTICES.log(System.Logger.Level.DEBUG, notice::toString), List.of());
  }

  public PgConnectOptions withHosts(List<HostAndPort> newHosts) {
    return new PgConnectOptions(newHosts, user, password, database, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  public PgConnectOptions withHost(String host, int port) {
    return withHosts(List.of(new HostAndPort(host, port)));
  }

  public PgConnectOptions withUser(String newUser) {
    return new PgConnectOptions(hosts, newUser, password, database, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  public PgConnectOptions withPassword(String newPassword) {
    return new PgConnectOptions(hosts, user, newPassword, database, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  public PgConnectOptions withDatabase(String newDatabase) {
    return new PgConnectOptions(hosts, user, password, newDatabase, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  /** {@return these options with one more server setting sent at startup} */
  public PgConnectOptions withServerSetting(String name, String value) {
    var settings = new LinkedHashMap<>(serverSettings);
    settings.put(name, value);
    return new PgConnectOptions(hosts, user, password, database, settings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  public PgConnectOptions withTls(TlsOptions newTls) {
    return new PgConnectOptions(hosts, user, password, database, serverSettings, newTls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  public PgConnectOptions withConnectTimeout(Duration timeout) {
    return new PgConnectOptions(hosts, user, password, database, serverSettings, tls, timeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  /** {@return these options with a default timeout for every statement ({@code null} for none)} */
  public PgConnectOptions withQueryTimeout(Duration timeout) {
    return new PgConnectOptions(hosts, user, password, database, serverSettings, tls, connectTimeout, timeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  public PgConnectOptions withCancelTimeout(Duration timeout) {
    return new PgConnectOptions(hosts, user, password, database, serverSettings, tls, connectTimeout, queryTimeout,
        timeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  public PgConnectOptions withPipelineDepth(int depth) {
    return new PgConnectOptions(hosts, user, password, database, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, depth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  /** {@return these options with another bound on commands waiting to be written (see {@link #maxQueuedCommands})} */
  public PgConnectOptions withMaxQueuedCommands(int max) {
    return new PgConnectOptions(hosts, user, password, database, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, max, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  public PgConnectOptions withStatementCacheSize(int size) {
    return new PgConnectOptions(hosts, user, password, database, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, size, namedStatements, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  /** {@return these options using only the unnamed statement, for PgBouncer's transaction pooling} */
  public PgConnectOptions withNamedStatements(boolean named) {
    return new PgConnectOptions(hosts, user, password, database, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, named, maxProtocolMinorVersion, transport, noticeListener, codecs);
  }

  public PgConnectOptions withMaxProtocolMinorVersion(int minor) {
    return new PgConnectOptions(hosts, user, password, database, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, minor, transport, noticeListener, codecs);
  }

  public PgConnectOptions withTransport(Transport newTransport) {
    return new PgConnectOptions(hosts, user, password, database, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, newTransport, noticeListener, codecs);
  }

  public PgConnectOptions withNoticeListener(Consumer<PgNotice> listener) {
    return new PgConnectOptions(hosts, user, password, database, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, listener, codecs);
  }

  /** {@return these options with user codecs added (see {@link PgCodec})} */
  public PgConnectOptions withCodecs(PgCodec<?>... added) {
    var all = new java.util.ArrayList<>(codecs);
    all.addAll(List.of(added));
    return new PgConnectOptions(hosts, user, password, database, serverSettings, tls, connectTimeout, queryTimeout,
        cancelTimeout, pipelineDepth, maxQueuedCommands, statementCacheSize, namedStatements, maxProtocolMinorVersion, transport, noticeListener, all);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "PgConnectOptions[hosts=" + hosts + ", user=" + user + ", password=" + (password == null ? null : "***")
        + ", database=" + database + ", serverSettings=" + serverSettings + ", tls=" + tls
        + ", connectTimeout=" + connectTimeout + ", queryTimeout=" + queryTimeout + ", cancelTimeout=" + cancelTimeout
        + ", pipelineDepth=" + pipelineDepth + ", statementCacheSize=" + statementCacheSize
        + ", namedStatements=" + namedStatements + ", maxProtocolMinorVersion=" + maxProtocolMinorVersion
        + ", transport=" + transport + "]";
  }
}
