package dev.tusk.driver.tls;

import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/**
 * Sends SSLRequest and reads the server's one-byte answer: {@code 'S'} (TLS follows) or {@code 'N'}.
 * Any byte after the answer is a protocol violation: it would have been sent in the clear before
 * the handshake and could be injected by a man in the middle (CVE-2021-23222), so it is refused,
 * never passed on.
 */
public final class SslRequestHandler extends ChannelInboundHandlerAdapter {
  private final CompletableFuture<Boolean> accepted = new CompletableFuture<>();

  /** {@return completes with whether the server agreed to TLS} */
  public CompletableFuture<Boolean> accepted() {
    return accepted;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    ByteBuf request = ctx.alloc().buffer(8);
    FrontendEncoder.encode(FrontendMessage.SSLRequest.INSTANCE, request);
    ctx.writeAndFlush(request);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    try {
      if (accepted.isDone() || !in.isReadable()) {
        return;
      }
      byte answer = in.readByte();
      if (in.isReadable()) {
        accepted.completeExceptionally(new ProtocolViolation("the server sent data after its answer to SSLRequest"));
        return;
      }
      switch (answer) {
        case 'S' -> accepted.complete(true);
        case 'N' -> accepted.complete(false);
        // a server older than 7.0 or not PostgreSQL at all answers with an ErrorResponse
        default -> accepted.completeExceptionally(new ProtocolViolation("the server answered SSLRequest with byte " + answer));
      }
    } finally {
      ReferenceCountUtil.release(in);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    accepted.completeExceptionally(new ProtocolViolation("the server closed the connection after SSLRequest"));
    ctx.fireChannelInactive();
  }
}
