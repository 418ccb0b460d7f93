package dev.tusk.driver.protocol;

import static dev.tusk.driver.wire.ProtocolConstants.HEADER_LENGTH;
import static dev.tusk.driver.wire.ProtocolConstants.TAG_COPY_DATA;
import static dev.tusk.driver.wire.ProtocolConstants.TAG_DATA_ROW;

import dev.tusk.driver.PgException;
import dev.tusk.driver.PgNotice;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.message.BackendDecoder;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.wire.FrameDecoder;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.lang.System.Logger.Level;

/**
 * Netty glue: accumulates received bytes, cuts them into frames, handles the messages that may
 * arrive at any time (ParameterStatus, NoticeResponse, NotificationResponse), and hands every other
 * message to the oldest command in flight. DataRows are handed over in place, as a slice of the
 * accumulation buffer that is valid only during the call.
 *
 * <p>The handler owns the accumulation buffer and releases it when the channel goes away. A
 * protocol violation or an exception in a flow closes the channel: after that nothing more from
 * this stream can be trusted.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(ConnectionHandler.class.getName());

  private final CommandQueue queue;
  private final FlowContext context;
  private final FrameDecoder frames;
  private ByteBuf accumulated;
  private PgException fatalError;
  private ChannelHandlerContext ctx;
  /** Set while the head flow cannot take more (a slow stream consumer): the socket is not read. */
  private boolean suspended;

  ConnectionHandler(CommandQueue queue, FlowContext context, int maxMessageLength) {
    this.queue = queue;
    this.context = context;
    this.frames = new FrameDecoder(maxMessageLength);
    ((ConnectionContext) context).handler(this);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    accumulated = accumulated == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), accumulated, in);
    process();
  }

  /**
   * Processes what has been received; called again when a suspended flow has room. Reading from the
   * socket stops while the head flow is not ready, so memory stays bounded whatever the result size.
   */
  void resume() {
    if (suspended) {
      suspended = false;
      process();
      if (!suspended && ctx.channel().isActive()) {
        ctx.channel().config().setAutoRead(true);
        ctx.read();
      }
    }
  }

  private void process() {
    try {
      processFrames();
    } catch (ProtocolViolation e) {
      abort(ctx, new PgException(SqlState.PROTOCOL_VIOLATION, "protocol violation: " + e.getMessage(), e));
    } catch (PgException e) {
      abort(ctx, e);
    } catch (RuntimeException e) {
      abort(ctx, new PgException(SqlState.PROTOCOL_VIOLATION, "failed to process a server message: " + e, e));
    }
  }

  private void processFrames() {
    try {
      processAvailableFrames();
    } finally {
      CommandFlow head = queue.head();
      if (head != null) {
        head.afterRead();
      }
    }
  }

  private void processAvailableFrames() {
    ByteBuf buffer = accumulated;
    while (buffer != null && !queue.isClosed()) {
      int frameLength = frames.completeFrameLength(buffer);
      if (frameLength < 0) {
        break;
      }
      CommandFlow head = queue.head();
      if (head != null && !head.isReady()) {
        suspended = true;
        ctx.channel().config().setAutoRead(false);
        break;
      }
      int start = buffer.readerIndex();
      byte tag = buffer.getByte(start);
      int bodyIndex = start + HEADER_LENGTH;
      int bodyLength = frameLength - HEADER_LENGTH;
      if (tag == TAG_DATA_ROW) {
        headFlow(tag).onDataRow(buffer, bodyIndex, bodyLength, context);
      } else if (tag == TAG_COPY_DATA && head instanceof CopyOutFlow copyOut) {
        // a COPY TO STDOUT sends a message per row: copied in place, like DataRows
        copyOut.onCopyData(buffer, bodyIndex, bodyLength);
      } else {
        dispatch(BackendDecoder.decode(tag, buffer, bodyIndex, bodyLength));
      }
      buffer.readerIndex(start + frameLength);
    }
    if (accumulated != null && !accumulated.isReadable()) {
      accumulated.release();
      accumulated = null;
    } else if (accumulated != null) {
      accumulated.discardSomeReadBytes();
    }
  }

  private void dispatch(BackendMessage message) {
    switch (message) {
      case BackendMessage.ParameterStatus status -> ((ConnectionContext) context).parameterChanged(status.name(), status.value());
      case BackendMessage.NoticeResponse notice -> deliverNotice(notice);
      case BackendMessage.NotificationResponse notification -> ((ConnectionContext) context).notificationReceived(notification);
      case BackendMessage.ErrorResponse error when isFatal(error) && queue.head() == null -> fatalError = new PgException(error.fields());
      default -> {
        if (message instanceof BackendMessage.ErrorResponse error && isFatal(error)) {
          // the server closes the connection after this; the command in flight fails with it
          fatalError = new PgException(error.fields());
        }
        if (message instanceof BackendMessage.ReadyForQuery ready) {
          context.session().transactionStatus(ready.status());
        }
        CommandFlow flow = headFlow((byte) 0);
        if (flow.onMessage(message, context) == Outcome.DONE) {
          queue.headDone();
        }
      }
    }
  }

  private static boolean isFatal(BackendMessage.ErrorResponse error) {
    String severity = error.fields().severity();
    return "FATAL".equals(severity) || "PANIC".equals(severity);
  }

  private CommandFlow headFlow(byte tag) {
    CommandFlow flow = queue.head();
    if (flow == null) {
      throw new ProtocolViolation("the server sent " + (tag == TAG_DATA_ROW ? "a DataRow" : "a message") + " while no command was in flight");
    }
    return flow;
  }

  private void deliverNotice(BackendMessage.NoticeResponse notice) {
    try {
      context.options().noticeListener().accept(new PgNotice(notice.fields().byCode()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the notice listener threw", e);
    }
  }

  private void abort(ChannelHandlerContext ctx, PgException cause) {
    queue.abort(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    PgException closed = new PgException(SqlState.CONNECTION_FAILURE,
        fatalError != null ? "the server closed the connection: " + fatalError.getMessage() : "the connection was closed", fatalError);
    queue.failAll(fatalError != null ? fatalError : closed, closed);
    if (accumulated != null) {
      accumulated.release();
      accumulated = null;
    }
    ((ConnectionContext) context).closed();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    CommandFlow head = queue.head();
    if (head != null && ctx.channel().isWritable()) {
      head.onWritable(context);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    abort(ctx, new PgException(SqlState.CONNECTION_FAILURE, "connection failure: " + cause, cause));
  }
}
