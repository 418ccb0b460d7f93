package dev.tusk.driver.protocol;

import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * The last command of a connection: written once every earlier command is done (it is exclusive),
 * it sends Terminate and closes the socket. The server sends nothing back; the flow completes when
 * the channel is gone.
 */
final class TerminateFlow extends CommandFlow {
  private final CompletableFuture<Void> closed;

  TerminateFlow(CompletableFuture<Void> closed) {
    this.closed = closed;
  }

  @Override
  boolean isExclusive() {
    return true;
  }

  @Override
  void write(FlowContext context, ByteBuf out) {
    FrontendEncoder.encode(FrontendMessage.Terminate.INSTANCE, out);
    Channel channel = ((ConnectionContext) context).channel();
    // runs after the queue has flushed this buffer
    channel.eventLoop().execute(channel::close);
  }

  @Override
  Outcome onMessage(BackendMessage message, FlowContext context) {
    throw new ProtocolViolation("the server sent " + message.getClass().getSimpleName() + " after Terminate");
  }

  @Override
  void fail(Throwable cause) {
    // the channel closing is this flow's success
    closed.complete(null);
  }

  @Override
  boolean isAbandoned() {
    return false;
  }
}
