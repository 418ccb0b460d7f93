package dev.tusk.driver.protocol;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.CompletableFuture;

/**
 * The driver's real connection — {@link ConnectionHandler}, {@link CommandQueue}, the flows and the
 * public {@link PgConnection} API — over an {@link EmbeddedChannel}, with the test playing the
 * server by handing it bytes. For tests outside this package (the reliability fuzzers), which
 * cannot reach the package-private pieces {@link ScriptedServerTest} uses directly.
 *
 * <p>Single-threaded: the channel's tasks run on the test's thread, in {@link #receive} and
 * {@link #runPendingTasks}. Flows that deliver on virtual threads (row streams, COPY TO STDOUT)
 * would touch the channel from another thread: script those against a real socket instead.
 *
 * <p>Owns the channel: {@link #close()} releases every buffer still in it.
 */
public final class ScriptedConnection implements AutoCloseable {
  private final EmbeddedChannel channel;
  private final CommandQueue queue;
  private final ChannelConnection connection;

  private ScriptedConnection(PgConnectOptions options, int maxMessageLength) {
    channel = new EmbeddedChannel();
    var context = new ConnectionContext(channel, options);
    queue = new CommandQueue(channel, context, options.pipelineDepth(), options.maxQueuedCommands());
    channel.pipeline().addLast(new ConnectionHandler(queue, context, maxMessageLength));
    connection = new ChannelConnection(channel, context, queue);
  }

  /**
   * Opens a scripted connection; nothing is exchanged until the test submits commands.
   *
   * @param maxMessageLength the largest message body accepted, as {@link Connector} sets it
   */
  public static ScriptedConnection open(PgConnectOptions options, int maxMessageLength) {
    return new ScriptedConnection(options, maxMessageLength);
  }

  /** Starts the startup exchange (StartupMessage, then authentication); completes at its ReadyForQuery. */
  public CompletableFuture<Void> startup() {
    var startup = new StartupFlow();
    queue.submit(startup);
    channel.runPendingTasks();
    return startup.done();
  }

  /** {@return the connection's public API, as {@link PgConnection#connect} would return it} */
  public PgConnection connection() {
    return connection;
  }

  /** Runs the channel's queued tasks (writes of submitted commands, follow-ups of received messages). */
  public void runPendingTasks() {
    channel.runPendingTasks();
  }

  /** Delivers bytes from the server, as one socket read, then runs the tasks they caused. */
  public void receive(byte[] bytes, int offset, int length) {
    if (channel.isOpen()) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, offset, length));
    }
    channel.runPendingTasks();
  }

  /** {@return how many bytes the client wrote since the last call} and releases them */
  public int drainSent() {
    return drainSentBytes().length;
  }

  /** {@return the bytes the client wrote since the last call, in order} and releases their buffers */
  public byte[] drainSentBytes() {
    var sent = new java.io.ByteArrayOutputStream();
    for (Object written; (written = channel.readOutbound()) != null; ) {
      ByteBuf buffer = (ByteBuf) written;
      try {
        sent.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(buffer));
      } finally {
        buffer.release();
      }
    }
    return sent.toByteArray();
  }

  /** The server goes away: the channel closes, and every command still waiting must fail. */
  public void serverCloses() {
    channel.close();
    channel.runPendingTasks();
  }

  /** {@return whether the channel is still open (a protocol violation closes it)} */
  public boolean isOpen() {
    return channel.isOpen();
  }

  /** Closes the channel and releases every buffer left in it. */
  @Override
  public void close() {
    channel.finishAndReleaseAll();
  }
}
