package dev.tusk.driver.protocol;

import dev.tusk.driver.HostAndPort;
import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.SslMode;
import dev.tusk.driver.SslNegotiation;
import dev.tusk.driver.config.Environment;
import dev.tusk.driver.tls.SslRequestHandler;
import dev.tusk.driver.tls.TlsContexts;
import dev.tusk.driver.transport.EventLoops;
import dev.tusk.driver.wire.ProtocolConstants;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Opens connections: tries each host in turn; per host, connects, negotiates TLS as
 * {@code sslmode} and {@code sslnegotiation} say, runs the startup flow, and bounds all of it by
 * {@code connect_timeout}. A failed attempt closes its channel before the next one starts.
 */
public final class Connector {
  /** How TLS starts on one attempt. */
  private enum TlsStart { NONE, REQUEST_OPTIONAL, REQUEST_REQUIRED, DIRECT }

  private static final String CONNECT_FAILURES = "connect-failures";
  /** libpq's default place for root.crt, postgresql.crt and postgresql.key; read once. */
  private static final Path SSL_DIRECTORY = Environment.system().defaultSslDirectory();

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
    TlsStart first = switch (mode) {
      case DISABLE, ALLOW -> TlsStart.NONE;
      case PREFER -> TlsStart.REQUEST_OPTIONAL;
      case REQUIRE, VERIFY_CA, VERIFY_FULL ->
          options.tls().negotiation() == SslNegotiation.DIRECT ? TlsStart.DIRECT : TlsStart.REQUEST_REQUIRED;
    };
    CompletableFuture<PgConnection> attempt = attempt(options, lease, host, first);
    if (mode != SslMode.ALLOW && mode != SslMode.PREFER) {
      return attempt;
    }
    TlsStart second = mode == SslMode.ALLOW ? TlsStart.REQUEST_REQUIRED : TlsStart.NONE;
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
      HostAndPort host, TlsStart tls) {
    CompletableFuture<PgConnection> result = new CompletableFuture<>();
    long timeoutMillis = options.connectTimeout().toMillis();
    Bootstrap bootstrap = new Bootstrap()
        .group(lease.group())
        .channel(lease.channelClass())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
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
      startTls(channel, context, options, host, tls)
          .thenCompose(ignored -> startup(channel, context, options, lease))
          .whenComplete((connection, failure) -> {
            if (failure != null) {
              result.completeExceptionally(asConnectFailure(unwrap(failure), host));
            } else if (!result.complete(connection)) {
              connection.close();
            }
          });
    });
    return result;
  }

  private static CompletableFuture<Void> startTls(Channel channel, ConnectionContext context, PgConnectOptions options,
      HostAndPort host, TlsStart start) {
    return switch (start) {
      case NONE -> CompletableFuture.completedFuture(null);
      case DIRECT -> handshake(channel, context, options, host);
      case REQUEST_OPTIONAL, REQUEST_REQUIRED -> {
        var request = new SslRequestHandler();
        channel.pipeline().addBefore(CONNECT_FAILURES, null, request);
        yield request.accepted().thenCompose(accepted -> {
          channel.pipeline().remove(request);
          if (accepted) {
            return handshake(channel, context, options, host);
          }
          if (start == TlsStart.REQUEST_REQUIRED) {
            throw new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
                "the server does not support TLS, but sslmode=" + options.tls().mode() + " requires it");
          }
          return CompletableFuture.completedFuture(null);
        });
      }
    };
  }

  private static CompletableFuture<Void> handshake(Channel channel, ConnectionContext context, PgConnectOptions options,
      HostAndPort host) {
    SslHandler ssl = TlsContexts.newHandler(options.tls(), host.host(), host.port(), SSL_DIRECTORY, channel.alloc());
    CompletableFuture<Void> done = new CompletableFuture<>();
    channel.pipeline().addFirst(ssl);
    ssl.handshakeFuture().addListener(handshake -> {
      if (!handshake.isSuccess()) {
        done.completeExceptionally(new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
            "TLS handshake with " + host + " failed: " + handshake.cause().getMessage(), handshake.cause()));
        return;
      }
      try {
        var certificates = ssl.engine().getSession().getPeerCertificates();
        if (certificates.length > 0 && certificates[0] instanceof X509Certificate certificate) {
          context.session().serverCertificate(certificate);
        }
        done.complete(null);
      } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
        done.completeExceptionally(new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
            "the server presented no certificate", e));
      }
    });
    return done;
  }

  private static CompletableFuture<PgConnection> startup(Channel channel, ConnectionContext context,
      PgConnectOptions options, EventLoops.Lease lease) {
    var queue = new CommandQueue(channel, context, options.pipelineDepth());
    channel.pipeline().replace(CONNECT_FAILURES, null, new ConnectionHandler(queue, context, ProtocolConstants.MAX_FIELD_LENGTH + 1024));
    var startup = new StartupFlow();
    channel.eventLoop().execute(() -> queue.submit(startup));
    return startup.done().thenApply(ignored -> new ChannelConnection(channel, context, queue, lease));
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
