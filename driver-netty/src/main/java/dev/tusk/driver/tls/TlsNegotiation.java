package dev.tusk.driver.tls;

import dev.tusk.driver.HostAndPort;
import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TlsOptions;
import dev.tusk.driver.config.Environment;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Starts TLS on a fresh channel, before anything else is sent: either by asking with SSLRequest
 * and waiting for {@code 'S'}, or directly (ALPN, PostgreSQL 17+). Used by the main connection and
 * by the side connection that carries a CancelRequest.
 */
public final class TlsNegotiation {
  /** How TLS starts on one connection attempt. */
  public enum Start {
    /** Plain TCP. */
    NONE,
    /** SSLRequest; continue in plain text if the server says no. */
    REQUEST_OPTIONAL,
    /** SSLRequest; fail if the server says no. */
    REQUEST_REQUIRED,
    /** TLS handshake at once, with ALPN {@code postgresql}. */
    DIRECT
  }

  /** libpq's default place for root.crt, postgresql.crt and postgresql.key; read once. */
  private static final Path SSL_DIRECTORY = Environment.system().defaultSslDirectory();

  private TlsNegotiation() {}

  /**
   * Negotiates TLS on {@code channel}, adding handlers before the one named {@code before}.
   *
   * @return completes with the server's certificate, or {@code null} when the connection stays plain
   */
  public static CompletableFuture<X509Certificate> start(Channel channel, String before, Start start, TlsOptions options,
      HostAndPort host) {
    return switch (start) {
      case NONE -> CompletableFuture.completedFuture(null);
      case DIRECT -> handshake(channel, options, host);
      case REQUEST_OPTIONAL, REQUEST_REQUIRED -> {
        var request = new SslRequestHandler();
        channel.pipeline().addBefore(before, null, request);
        yield request.accepted().thenCompose(accepted -> {
          channel.pipeline().remove(request);
          if (accepted) {
            return handshake(channel, options, host);
          }
          if (start == Start.REQUEST_REQUIRED) {
            throw new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
                "the server does not support TLS, but sslmode=" + options.mode() + " requires it");
          }
          return CompletableFuture.completedFuture(null);
        });
      }
    };
  }

  private static CompletableFuture<X509Certificate> handshake(Channel channel, TlsOptions options, HostAndPort host) {
    SslHandler ssl = TlsContexts.newHandler(options, host.host(), host.port(), SSL_DIRECTORY, channel.alloc());
    CompletableFuture<X509Certificate> done = new CompletableFuture<>();
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
          done.complete(certificate);
        } else {
          throw new SSLPeerUnverifiedException("not an X.509 certificate");
        }
      } catch (SSLPeerUnverifiedException e) {
        done.completeExceptionally(new PgException(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
            "the server presented no usable certificate", e));
      }
    });
    return done;
  }
}
