package dev.tusk.driver.protocol;

import dev.tusk.driver.HostAndPort;
import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.tls.TlsNegotiation;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.types.TypeRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.function.Consumer;

/** The connection as its flows see it. Confined to the event loop, like the flows. */
final class ConnectionContext implements FlowContext {
  /** Prepared statements are also bounded by an estimate of their memory: 4 MiB of SQL text and metadata. */
  private static final long STATEMENT_CACHE_BYTES = 4L << 20;

  private final Channel channel;
  private final PgConnectOptions options;
  private final SessionState session = new SessionState();
  private final PreparedStatementCache statements;
  private final BufferedRows bufferedRows = new BufferedRows();
  private volatile TypeRegistry types = TypeRegistry.builtins();
  private volatile Consumer<BackendMessage.NotificationResponse> notificationListener = notification -> { };
  private volatile Runnable onClose = () -> { };
  private volatile HostAndPort remoteHost;
  private CommandQueue queue;
  private ConnectionHandler handler;
  private volatile TlsNegotiation.Start remoteTls = TlsNegotiation.Start.NONE;

  ConnectionContext(Channel channel, PgConnectOptions options) {
    this.channel = channel;
    this.options = options;
    this.statements = new PreparedStatementCache(options.statementCacheSize(), STATEMENT_CACHE_BYTES);
  }

  @Override
  public PgConnectOptions options() {
    return options;
  }

  @Override
  public TypeRegistry types() {
    return types;
  }

  void types(TypeRegistry registry) {
    types = registry;
  }

  @Override
  public PreparedStatementCache statements() {
    return statements;
  }

  /** {@return the sink of every statement whose rows are buffered into a RowSet (one at a time, see there)} */
  BufferedRows bufferedRows() {
    return bufferedRows;
  }

  @Override
  public SessionState session() {
    return session;
  }

  Channel channel() {
    return channel;
  }

  @Override
  public void send(FrontendMessage... messages) {
    ByteBuf out = channel.alloc().ioBuffer(64);
    for (FrontendMessage message : messages) {
      FrontendEncoder.encode(message, out);
    }
    channel.writeAndFlush(out, channel.voidPromise());
  }

  /** Records where the connection went and how TLS started, for cancel requests. */
  void remote(HostAndPort host, TlsNegotiation.Start tls) {
    remoteHost = host;
    remoteTls = tls;
  }

  HostAndPort remoteHost() {
    return remoteHost;
  }

  TlsNegotiation.Start remoteTls() {
    return remoteTls;
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  @Override
  public void onEventLoop(Runnable action) {
    if (channel.eventLoop().inEventLoop()) {
      action.run();
    } else {
      try {
        channel.eventLoop().execute(action);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // the connection and its event loop are gone: there is nothing left to act on
      }
    }
  }

  void handler(ConnectionHandler connectionHandler) {
    handler = connectionHandler;
  }

  @Override
  public void resumeReading() {
    onEventLoop(handler::resume);
  }

  void queue(CommandQueue commands) {
    queue = commands;
  }

  @Override
  public void resubmitFirst(CommandFlow flow) {
    queue.submitFirst(flow);
  }

  void parameterChanged(String name, String value) {
    session.parameter(name, value);
  }

  void notificationReceived(BackendMessage.NotificationResponse notification) {
    notificationListener.accept(notification);
  }

  void notificationListener(Consumer<BackendMessage.NotificationResponse> listener) {
    notificationListener = listener;
  }

  void onClose(Runnable action) {
    onClose = action;
  }

  void closed() {
    onClose.run();
  }
}
