package dev.tusk.driver.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;

/**
 * The connection's commands: {@code pending} (not yet written) and {@code inFlight} (written, waiting
 * for their responses, oldest first). Commands submitted while others are in flight are written
 * together in one buffer and one flush — automatic pipelining — up to the pipeline depth; beyond
 * it they wait, which is the backpressure. An exclusive command (startup, COPY) is written only
 * onto an idle connection, and nothing follows it until it is done.
 *
 * <p>Confined to the channel's event loop.
 */
final class CommandQueue {
  private final Channel channel;
  private final FlowContext context;
  private final int depth;
  private final ArrayDeque<CommandFlow> pending = new ArrayDeque<>();
  private final ArrayDeque<CommandFlow> inFlight = new ArrayDeque<>();
  private final Runnable writeTask = this::writePending;
  private boolean writeScheduled;
  private Throwable closedCause;

  CommandQueue(Channel channel, FlowContext context, int depth) {
    this.channel = channel;
    this.context = context;
    this.depth = depth;
  }

  /**
   * Queues a command. The write happens in a task after the current one, so that everything
   * submitted in one go (from a loop over futures, or from callbacks of one read) shares a flush.
   */
  void submit(CommandFlow flow) {
    if (closedCause != null) {
      flow.fail(closedCause);
      return;
    }
    pending.add(flow);
    scheduleWrite();
  }

  private void scheduleWrite() {
    if (!writeScheduled) {
      writeScheduled = true;
      channel.eventLoop().execute(writeTask);
    }
  }

  /** Writes waiting commands while the pipeline has room, in one buffer, with one flush. */
  void writePending() {
    writeScheduled = false;
    if (closedCause != null) {
      return;
    }
    ByteBuf out = null;
    while (!pending.isEmpty() && inFlight.size() < depth) {
      CommandFlow next = pending.peek();
      CommandFlow oldest = inFlight.peekLast();
      if ((oldest != null && oldest.isExclusive()) || (next.isExclusive() && !inFlight.isEmpty())) {
        break;
      }
      pending.poll();
      if (next.isAbandoned()) {
        continue;
      }
      if (out == null) {
        out = channel.alloc().ioBuffer(256);
      }
      next.write(context, out);
      inFlight.add(next);
    }
    if (out != null) {
      channel.writeAndFlush(out, channel.voidPromise());
    }
  }

  /** {@return the oldest command in flight, to which the next response belongs; null if none} */
  CommandFlow head() {
    return inFlight.peek();
  }

  /** Removes the finished head command and lets waiting ones go out. */
  void headDone() {
    inFlight.poll();
    if (!pending.isEmpty()) {
      scheduleWrite();
    }
  }

  /** {@return whether no command is pending or in flight} */
  boolean isIdle() {
    return pending.isEmpty() && inFlight.isEmpty();
  }

  /**
   * Fails every command, in flight and pending, and every later submission: the connection is gone.
   *
   * @param headCause what the oldest command in flight fails with (it may be the server's FATAL error)
   * @param cause what every other command fails with
   */
  void failAll(Throwable headCause, Throwable cause) {
    if (closedCause != null) {
      return;
    }
    closedCause = cause;
    boolean first = true;
    for (CommandFlow flow : inFlight) {
      flow.fail(first ? headCause : cause);
      first = false;
    }
    inFlight.clear();
    for (CommandFlow flow : pending) {
      flow.fail(cause);
    }
    pending.clear();
  }

  boolean isClosed() {
    return closedCause != null;
  }
}
