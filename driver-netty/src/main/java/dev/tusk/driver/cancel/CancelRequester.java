package dev.tusk.driver.cancel;

import dev.tusk.driver.HostAndPort;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TlsOptions;
import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.tls.TlsNegotiation;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a CancelRequest on a short side connection: connect (TLS as the main connection used it),
 * send the backend's process ID and secret key, and wait for the server to close the connection.
 * The server signals the backend before it closes, so once this completes the cancel has been
 * delivered; a caller that holds back its next command until then cannot have that command
 * cancelled by mistake. Every step is bounded by one timeout.
 */
public final class CancelRequester {
  private static final String WAIT_FOR_CLOSE = "wait-for-close";

  private CancelRequester() {}

  /**
   * @param eventLoop the loop of the connection being cancelled, which also runs the side connection
   * @param channelClass that connection's channel class (same transport)
   * @return completes when the server has closed the side connection; fails with a
   *     {@link PgTimeoutException} if that did not happen within {@code timeout}
   */
  public static CompletableFuture<Void> cancel(EventLoop eventLoop, Class<? extends Channel> channelClass, HostAndPort host,
      TlsNegotiation.Start tls, TlsOptions tlsOptions, int processId, byte[] secretKey, Duration timeout) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ChannelFuture connecting = new Bootstrap()
        .group(eventLoop)
        .channel(channelClass)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())))
        .handler(new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel channel) {
            channel.pipeline().addLast(WAIT_FOR_CLOSE, new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                // the server answers a CancelRequest with nothing; ignore whatever comes
                ReferenceCountUtil.release(msg);
              }

              @Override
              public void channelInactive(ChannelHandlerContext ctx) {
                done.complete(null);
              }

              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                done.completeExceptionally(new PgException(SqlState.CONNECTION_FAILURE,
                    "cancel request to " + host + " failed: " + cause.getMessage(), cause));
                ctx.close();
              }
            });
          }
        })
        .connect(host.host(), host.port());
    Channel channel = connecting.channel();
    var deadline = eventLoop.schedule(() -> {
      if (done.completeExceptionally(new PgTimeoutException(SqlState.CONNECTION_FAILURE,
          "the server did not acknowledge a cancel request within " + timeout, timeout))) {
        channel.close();
      }
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    done.whenComplete((ignored, failure) -> deadline.cancel(false));
    connecting.addListener(connected -> {
      if (!connected.isSuccess()) {
        done.completeExceptionally(new PgException(SqlState.CONNECTION_FAILURE,
            "could not open a connection to " + host + " to cancel a query: " + connected.cause().getMessage(), connected.cause()));
        return;
      }
      TlsNegotiation.start(channel, WAIT_FOR_CLOSE, tls, tlsOptions, host).whenComplete((certificate, failure) -> {
        if (failure != null) {
          done.completeExceptionally(failure);
          channel.close();
          return;
        }
        ByteBuf request = channel.alloc().buffer(12 + secretKey.length);
        FrontendEncoder.encode(new FrontendMessage.CancelRequest(processId, secretKey), request);
        channel.writeAndFlush(request);
      });
    });
    return done;
  }
}
