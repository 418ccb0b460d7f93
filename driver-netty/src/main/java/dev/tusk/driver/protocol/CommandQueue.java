package dev.tusk.driver.protocol;

import dev.tusk.driver.PgException;
import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.driver.cancel.CancelRequester;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The connection's commands: {@code pending} (not yet written) and {@code inFlight} (written, waiting
 * for their responses, oldest first). Commands submitted while others are in flight are written
 * together in one buffer and one flush — automatic pipelining — up to the pipeline depth; beyond
 * it they wait, which is the backpressure, and beyond {@code maxQueued} waiting ones a submission
 * fails at once: memory stays bounded whatever a caller does. An exclusive command (startup, COPY) is written only
 * onto an idle connection, and nothing follows it until it is done.
 *
 * <h2>Cancellation</h2>
 * A cancelled command that is still pending is dropped. One in flight is abandoned (its responses
 * are read and discarded). A CancelRequest is sent only when no command was written after it: the
 * server cancels whatever runs when the request arrives, so with a later command on the wire a
 * late cancel could hit that one instead (pgjdbc #412). While a cancel is under way nothing new is
 * written, and writing resumes only after both the target's ReadyForQuery and the server's
 * acknowledgement of the cancel (it closes the side connection after signalling the backend): a
 * cancel that arrives late then finds the backend idle, where PostgreSQL ignores it. Each step is
 * bounded by the cancel timeout; a server that does not respond loses the connection.
 *
 * <p>The request goes out once every command in flight is abandoned, from the head to the target:
 * whatever the server runs then is work nobody waits for, so the cancel cannot hit anyone else's.
 * Abandoned commands ahead of the target are cancelled one at a time, each as it reaches the head.
 * This bounds a connection whose commands all timed out even when the server has gone silent
 * (a black hole): waiting for an abandoned head to finish on its own would wait forever.
 *
 * <p>An abandoned command that left a transaction open that was not open before it (a cancelled
 * {@code BEGIN}) is followed by a ROLLBACK, so a cancel never leaves a transaction behind.
 *
 * <p>Confined to the channel's event loop.
 */
final class CommandQueue {
  private static final System.Logger LOG = System.getLogger(CommandQueue.class.getName());

  private final Channel channel;
  private final ConnectionContext context;
  private final int depth;
  private final int maxQueued;
  private final ArrayDeque<CommandFlow> pending = new ArrayDeque<>();
  private final ArrayDeque<CommandFlow> inFlight = new ArrayDeque<>();
  private final Runnable writeTask = this::writePending;
  private boolean writeScheduled;
  private Throwable closedCause;

  /** The newest in-flight command, abandoned, to be cancelled on the server; writes are held while it is set. */
  private CommandFlow cancelTarget;
  /** Whether a cancel target is set, for other threads (a pool choosing where to run a statement). */
  private volatile boolean cancelUnderWay;
  /** The head command the last CancelRequest was sent for (the one the server was running then). */
  private CommandFlow cancelledHead;
  private boolean cancelSent;
  private boolean cancelAcknowledged;
  private ScheduledFuture<?> drainDeadline;
  private long cancelsSent;
  private final ArrayDeque<Runnable> idleWaiters = new ArrayDeque<>();
  /**
   * Whether nothing is pending or in flight and no cancel is under way (or the queue is closed):
   * written on the event loop whenever that may change, read by other threads so that a pool
   * taking back a finished connection need not wait for a trip through the event loop.
   */
  private volatile boolean quiescent = true;

  /**
   * @param depth the most commands in flight
   * @param maxQueued the most commands waiting behind them; a submission beyond fails at once
   */
  CommandQueue(Channel channel, ConnectionContext context, int depth, int maxQueued) {
    this.channel = channel;
    this.context = context;
    this.depth = depth;
    this.maxQueued = maxQueued;
    context.queue(this);
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
    if (pending.size() >= maxQueued) {
      // a producer that never waits for its results would otherwise fill the heap
      flow.fail(new PgException(SqlState.CONFIGURATION_LIMIT_EXCEEDED, "the connection already has " + pending.size()
          + " commands waiting to be written behind " + inFlight.size() + " in flight (max_queued_commands); wait for "
          + "results before sending more, or send bulk work as one batch, executeMany or COPY"));
      return;
    }
    pending.add(flow);
    quiescent = false;
    scheduleWrite();
  }

  /** Queues a command ahead of every waiting one (a retry, or the ROLLBACK after an abandoned BEGIN). */
  void submitFirst(CommandFlow flow) {
    if (closedCause != null) {
      flow.fail(closedCause);
      return;
    }
    pending.addFirst(flow);
    quiescent = false;
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
    if (closedCause != null || cancelTarget != null) {
      return;
    }
    CommandFlow last = inFlight.peekLast();
    if (!pending.isEmpty() && last != null && !last.wasAbandoned() && last.wasCancelledByCaller()) {
      // A future completes as it is cancelled, and its cancel reaches the queue a moment later: the
      // caller (or a callback) may have issued its next command in between. Written now, that
      // command would stand behind the cancelled one, whose CancelRequest could then no longer be
      // sent safely (it might hit the newcomer): the server would run the cancelled statement to
      // the end with the caller's next one waiting. So the cancel is applied first.
      cancel(last);
      if (cancelTarget != null) {
        return;
      }
    }
    ByteBuf out = null;
    while (!pending.isEmpty() && inFlight.size() < depth) {
      CommandFlow next = pending.peek();
      CommandFlow newest = inFlight.peekLast();
      if ((newest != null && newest.isExclusive()) || (next.isExclusive() && !inFlight.isEmpty())) {
        break;
      }
      pending.poll();
      if (next.isAbandoned()) {
        next.onDropped();
        continue;
      }
      if (out == null) {
        out = channel.alloc().ioBuffer(256);
      }
      try {
        next.write(context, out);
      } catch (RuntimeException e) {
        // encoding failed (a parameter the encoder rejected): nothing of this flow was flushed yet
        out.release();
        PgException cause = e instanceof PgException pg ? pg : new PgException(SqlState.INVALID_PARAMETER_VALUE, e.getMessage(), e);
        // it already left the pending queue and is not in flight: failing all would miss it, and
        // its caller would wait forever
        next.fail(cause);
        abort(cause);
        return;
      }
      if (inFlight.isEmpty()) {
        next.statusBefore(context.session().transactionStatus());
      }
      inFlight.add(next);
    }
    if (out != null) {
      channel.writeAndFlush(out, channel.voidPromise());
    }
    // dropping abandoned commands may have emptied the queue
    notifyIdle();
  }

  /** {@return the oldest command in flight, to which the next response belongs; null if none} */
  CommandFlow head() {
    return inFlight.peek();
  }

  /** Removes the finished head command and lets waiting ones go out. */
  void headDone() {
    CommandFlow done = inFlight.poll();
    TransactionStatus status = context.session().transactionStatus();
    CommandFlow next = inFlight.peek();
    if (next != null) {
      next.statusBefore(status);
    }
    if (done != null && status != TransactionStatus.IDLE && inFlight.isEmpty()
        && ((done.wasAbandoned() && done.statusBefore() == TransactionStatus.IDLE) || done.requiresAutocommit())) {
      // a transaction nobody will end: the caller gave up on the command that opened it (a
      // cancelled BEGIN), or an autocommit-only statement opened it
      submitFirst(new SimpleQueryFlow("ROLLBACK"));
    }
    if (cancelTarget != null) {
      if (done == cancelTarget) {
        finishCancelIfComplete();
      } else {
        sendCancelIfSafe();
      }
    }
    if (!pending.isEmpty()) {
      scheduleWrite();
    }
    notifyIdle();
  }

  /**
   * Handles a command whose caller gave up (its future is already complete: cancelled or timed
   * out). See the class comment for when a CancelRequest is sent.
   */
  void cancel(CommandFlow flow) {
    if (pending.remove(flow)) {
      flow.onDropped();
      notifyIdle();
      return;
    }
    if (flow.wasAbandoned() || !inFlight.contains(flow)) {
      // already handled (writePending may apply a caller's cancel before it arrives here)
      return;
    }
    flow.abandon();
    flow.onAbandoned(context);
    if (cancelTarget == null && inFlight.peekLast() == flow && !flow.isExclusive()) {
      cancelTarget(flow);
      cancelSent = false;
      cancelAcknowledged = false;
    }
    // with a later command on the wire (a cancel could hit it), the server finishes this one and
    // its results are discarded, unless every command up to the target is abandoned too
    sendCancelIfSafe();
  }

  /**
   * Sends a CancelRequest for the command the server runs now (the head) when that cannot hurt
   * anyone: a target is set (so writes are held), no request is unacknowledged, the head was not
   * cancelled already, and every command in flight is abandoned.
   */
  private void sendCancelIfSafe() {
    CommandFlow head = inFlight.peek();
    if (cancelTarget == null || head == null || head == cancelledHead || (cancelSent && !cancelAcknowledged)) {
      return;
    }
    for (CommandFlow flow : inFlight) {
      if (!flow.wasAbandoned()) {
        return;
      }
    }
    cancelledHead = head;
    sendCancel();
  }

  private void sendCancel() {
    cancelSent = true;
    cancelAcknowledged = false;
    cancelsSent++;
    SessionState session = context.session();
    var timeout = context.options().cancelTimeout();
    CommandFlow target = cancelTarget;
    CommandFlow head = cancelledHead;
    CancelRequester.cancel(channel.eventLoop(), channel.getClass(), context.remoteHost(), context.remoteTls(),
        context.options().tls(), session.processId(), session.secretKey(), timeout)
        .whenComplete((ignored, failure) -> channel.eventLoop().execute(() -> {
          if (cancelTarget != target) {
            return;
          }
          if (failure != null) {
            abort(new PgException(SqlState.CONNECTION_FAILURE,
                "the server did not acknowledge a cancel request; closing the connection: " + failure.getMessage(), failure));
            return;
          }
          cancelAcknowledged = true;
          if (inFlight.contains(head)) {
            // bound the last step: the cancelled command must now end promptly
            if (drainDeadline != null) {
              drainDeadline.cancel(false);
            }
            drainDeadline = channel.eventLoop().schedule(() -> {
              if (cancelTarget == target && inFlight.contains(head)) {
                abort(new PgTimeoutException(SqlState.CONNECTION_FAILURE,
                    "a cancelled command did not end within " + timeout + "; closing the connection", timeout));
              }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
          }
          finishCancelIfComplete();
          // the cancelled head ended before the acknowledgement: the next abandoned one is due
          sendCancelIfSafe();
        }));
  }

  /** Resumes writing once the cancelled command is done and the cancel request acknowledged. */
  private void finishCancelIfComplete() {
    if (cancelTarget == null || inFlight.contains(cancelTarget) || (cancelSent && !cancelAcknowledged)) {
      return;
    }
    cancelTarget(null);
    cancelledHead = null;
    if (drainDeadline != null) {
      drainDeadline.cancel(false);
      drainDeadline = null;
    }
    scheduleWrite();
    notifyIdle();
  }

  private void cancelTarget(CommandFlow flow) {
    cancelTarget = flow;
    cancelUnderWay = flow != null;
  }

  /**
   * {@return whether a cancelled command is still draining (writes are held until the server has
   * finished it)} Any thread.
   */
  boolean isCancelUnderWay() {
    return cancelUnderWay;
  }

  /** Cancels the newest command (the one a waiting caller most likely waits for), if any. */
  void cancelNewest() {
    CommandFlow newest = pending.isEmpty() ? inFlight.peekLast() : pending.peekLast();
    if (newest instanceof ResultFlow<?> flow) {
      flow.future().cancel(true);
    }
  }

  /** Runs {@code action} once nothing is pending or in flight and no cancel is under way. */
  void whenIdle(Runnable action) {
    if (closedCause != null || (isIdle() && cancelTarget == null)) {
      action.run();
    } else {
      idleWaiters.add(action);
    }
  }

  /** {@return whether the queue was idle (or closed) when the event loop last looked} Any thread. */
  boolean isQuiescent() {
    return quiescent;
  }

  private void notifyIdle() {
    quiescent = closedCause != null || (isIdle() && cancelTarget == null);
    if (!idleWaiters.isEmpty() && isIdle() && cancelTarget == null) {
      var waiters = new java.util.ArrayList<>(idleWaiters);
      idleWaiters.clear();
      waiters.forEach(Runnable::run);
    }
  }

  /** {@return how many CancelRequests this connection has sent} */
  long cancelsSent() {
    return cancelsSent;
  }

  /** {@return whether no command is pending or in flight} */
  boolean isIdle() {
    return pending.isEmpty() && inFlight.isEmpty();
  }

  /** Fails everything and closes the channel: the connection is in a state that cannot be trusted. */
  void abort(PgException cause) {
    LOG.log(Level.DEBUG, () -> "closing the connection: " + cause.getMessage());
    // Close first: callbacks of the failed futures run inside failAll, and one that asks whether the
    // connection is still open (a pool deciding to discard it) must already hear no. On the event
    // loop the channel stops being active at once; channelInactive follows later and finds the
    // queue already failed with this cause.
    channel.close();
    failAll(cause, cause);
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
    cancelTarget(null);
    cancelledHead = null;
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
    quiescent = true;
    var waiters = new java.util.ArrayList<>(idleWaiters);
    idleWaiters.clear();
    waiters.forEach(Runnable::run);
  }

  boolean isClosed() {
    return closedCause != null;
  }
}
