package dev.tusk.driver.protocol;

import dev.tusk.driver.HostAndPort;
import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.SslMode;
import dev.tusk.driver.SslNegotiation;
import dev.tusk.driver.tls.TlsNegotiation;
import dev.tusk.driver.transport.EventLoops;
import dev.tusk.driver.wire.ProtocolConstants;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Opens connections: tries each host in turn; per host, connects, negotiates TLS as
 * {@code sslmode} and {@code sslnegotiation} say, runs the startup flow, and bounds all of it by
 * {@code connect_timeout}. A failed attempt closes its channel before the next one starts.
 */
public final class Connector {
  private static final String CONNECT_FAILURES = "connect-failures";

  private Connector() {}

  public static CompletableFuture<PgConnection> connect(PgConnectOptions options) {
    validate(options);
    EventLoops.Lease lease = EventLoops.acquire(options.transport());
    CompletableFuture<PgConnection> result = new CompletableFuture<>();
    tryHost(options, lease, 0, null, result);
    return result.whenComplete((connection, failure) -> {
      if (failure != null) {
        EventLoops.release(lease);
      }
    });
  }

  private static void validate(PgConnectOptions options) {
    if (options.tls().negotiation() == SslNegotiation.DIRECT && !options.tls().mode().requiresTls()) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "sslnegotiation=direct needs sslmode=require, verify-ca or verify-full (was " + options.tls().mode() + ")");
    }
  }

  private static void tryHost(PgConnectOptions options, EventLoops.Lease lease, int index, Throwable lastFailure,
      CompletableFuture<PgConnection> result) {
    if (index == options.hosts().size()) {
      result.completeExceptionally(lastFailure);
      return;
    }
    HostAndPort host = options.hosts().get(index);
    connectHost(options, lease, host).whenComplete((connection, failure) -> {
      if (failure == null) {
        result.complete(connection);
      } else {
        tryHost(options, lease, index + 1, unwrap(failure), result);
      }
    });
  }

  /** One host, with libpq's second attempt for {@code allow} (then with TLS) and {@code prefer} (then without). */
  private static CompletableFuture<PgConnection> connectHost(PgConnectOptions options, EventLoops.Lease lease, HostAndPort host) {
    SslMode mode = options.tls().mode();
    TlsNegotiation.Start first = switch (mode) {
      case DISABLE, ALLOW -> TlsNegotiation.Start.NONE;
      case PREFER -> TlsNegotiation.Start.REQUEST_OPTIONAL;
      case REQUIRE, VERIFY_CA, VERIFY_FULL ->
          options.tls().negotiation() == SslNegotiation.DIRECT ? TlsNegotiation.Start.DIRECT : TlsNegotiation.Start.REQUEST_REQUIRED;
    };
    CompletableFuture<PgConnection> attempt = attempt(options, lease, host, first);
    if (mode != SslMode.ALLOW && mode != SslMode.PREFER) {
      return attempt;
    }
    TlsNegotiation.Start second = mode == SslMode.ALLOW ? TlsNegotiation.Start.REQUEST_REQUIRED : TlsNegotiation.Start.NONE;
    return attempt.handle((connection, failure) -> {
      if (failure == null) {
        return CompletableFuture.completedFuture(connection);
      }
      // the server refused this kind of connection in pg_hba.conf (hostssl / hostnossl): try the other
      if (unwrap(failure) instanceof PgException e && e.isServerError()
          && SqlState.INVALID_AUTHORIZATION_SPECIFICATION.equals(e.sqlState())) {
        return attempt(options, lease, host, second);
      }
      return CompletableFuture.<PgConnection>failedFuture(unwrap(failure));
    }).thenCompose(next -> next);
  }

  private static CompletableFuture<PgConnection> attempt(PgConnectOptions options, EventLoops.Lease lease,
      HostAndPort host, TlsNegotiation.Start tls) {
    CompletableFuture<PgConnection> result = new CompletableFuture<>();
    long timeoutMillis = options.connectTimeout().toMillis();
    Bootstrap bootstrap = new Bootstrap()
        .group(lease.group())
        .channel(lease.channelClass())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        // Netty 4.2's default (adaptive) allocator hands NIO a new ByteBuffer slice for every
        // socket read and write; the pooled one reuses a cached one per buffer
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)))
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel channel) {
            // TLS and protocol handlers are added before it step by step; until the connection
            // handler takes over, failures end the attempt here instead of in Netty's log
            channel.pipeline().addLast(CONNECT_FAILURES, new ChannelInboundHandlerAdapter() {
              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                result.completeExceptionally(asConnectFailure(cause, host));
              }
            });
          }
        });
    ChannelFuture connecting = bootstrap.connect(host.host(), host.port());
    Channel channel = connecting.channel();
    var deadline = channel.eventLoop().schedule(() -> {
      if (result.completeExceptionally(new PgTimeoutException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
          "could not connect to " + host + " within connect_timeout " + options.connectTimeout(), options.connectTimeout()))) {
        channel.close();
      }
    }, timeoutMillis, TimeUnit.MILLISECONDS);
    result.whenComplete((connection, failure) -> {
      deadline.cancel(false);
      if (failure != null) {
        channel.close();
      }
    });

    connecting.addListener(done -> {
      if (!done.isSuccess()) {
        result.completeExceptionally(new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
            "could not connect to " + host + ": " + done.cause().getMessage(), done.cause()));
        return;
      }
      var context = new ConnectionContext(channel, options);
      TlsNegotiation.start(channel, CONNECT_FAILURES, tls, options.tls(), host)
          .thenCompose(certificate -> {
            context.session().serverCertificate(certificate);
            // a cancel request later goes to the same server, encrypted if this connection is
            context.remote(host, certificate == null ? TlsNegotiation.Start.NONE
                : tls == TlsNegotiation.Start.DIRECT ? tls : TlsNegotiation.Start.REQUEST_REQUIRED);
            return startup(channel, context, options, lease);
          })
          .whenComplete((connection, failure) -> {
            if (failure != null) {
              result.completeExceptionally(asConnectFailure(unwrap(failure), host));
            } else if (result.complete(connection)) {
              ((ChannelConnection) connection).adoptLease(lease);
            } else {
              connection.close();
            }
          });
    });
    return result;
  }

  private static CompletableFuture<PgConnection> startup(Channel channel, ConnectionContext context,
      PgConnectOptions options, EventLoops.Lease lease) {
    var queue = new CommandQueue(channel, context, options.pipelineDepth(), options.maxQueuedCommands());
    channel.pipeline().replace(CONNECT_FAILURES, null, new ConnectionHandler(queue, context, ProtocolConstants.MAX_FIELD_LENGTH + 1024));
    var startup = new StartupFlow();
    channel.eventLoop().execute(() -> queue.submit(startup));
    return startup.done()
        .thenApply(ignored -> new ChannelConnection(channel, context, queue))
        .thenCompose(connection -> UserCodecs.resolve(connection, context, options.codecs()).thenApply(ignored -> connection));
  }

  private static Throwable asConnectFailure(Throwable failure, HostAndPort host) {
    if (failure instanceof PgException) {
      return failure;
    }
    if (failure instanceof ProtocolViolation violation) {
      return new PgException(SqlState.PROTOCOL_VIOLATION, "protocol violation from " + host + ": " + violation.getMessage(), violation);
    }
    return new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
        "could not connect to " + host + ": " + failure, failure);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
