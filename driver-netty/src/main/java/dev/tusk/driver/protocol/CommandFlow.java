package dev.tusk.driver.protocol;

import dev.tusk.driver.TransactionStatus;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;

/**
 * One command's exchange with the server, as a small state machine: {@link #write} puts its
 * messages into the outbound buffer, and {@link #onMessage} consumes the responses until the
 * command's own ReadyForQuery. Responses arrive in the order commands were written, so the
 * connection always hands a message to the oldest unfinished flow.
 *
 * <p>Every method runs on the connection's event loop; a flow needs no locks.
 */
public abstract class CommandFlow {
  /** Set when the caller gave up (cancel or timeout) after the flow was written; its results are discarded. */
  private boolean abandoned;
  /** The transaction status when this flow reached the head of the queue, i.e. before the server ran it. */
  private TransactionStatus statusBefore = TransactionStatus.IDLE;

  void abandon() {
    abandoned = true;
  }

  boolean wasAbandoned() {
    return abandoned;
  }

  void statusBefore(TransactionStatus status) {
    statusBefore = status;
  }

  TransactionStatus statusBefore() {
    return statusBefore;
  }

  /**
   * {@return whether this command must not leave a transaction open} (a pool's shared statements):
   * if it does, the queue rolls the transaction back once nothing follows it
   */
  boolean requiresAutocommit() {
    return false;
  }

  /** {@return whether nothing may be written after this flow until it is done (COPY, startup)} */
  boolean isExclusive() {
    return false;
  }

  /** Writes the flow's messages. Called once, on the event loop, when the flow goes on the wire. */
  abstract void write(FlowContext context, ByteBuf out);

  /**
   * Handles one message addressed to this flow.
   *
   * @throws ProtocolViolation when the message makes no sense in the flow's state
   */
  abstract Outcome onMessage(BackendMessage message, FlowContext context);

  /**
   * {@return whether the flow can take the next message now}; a streaming flow whose consumer is
   * behind says no, and the connection stops reading until the flow resumes it (backpressure)
   */
  boolean isReady() {
    return true;
  }

  /**
   * Handles one DataRow in place: {@code in} is the receive buffer, valid only during this call.
   *
   * @throws ProtocolViolation when this flow expects no rows
   */
  void onDataRow(ByteBuf in, int bodyIndex, int bodyLength, FlowContext context) {
    throw new ProtocolViolation(getClass().getSimpleName() + " received a DataRow it did not ask for");
  }

  /** The connection has processed everything one socket read delivered (or paused for this flow). */
  void afterRead() {
  }

  /** The socket can take more data again (after it could not); flows that stream data out resume. */
  void onWritable(FlowContext context) {
  }

  /** The caller gave up on this flow after it was written; flows that are sending data stop. */
  void onAbandoned(FlowContext context) {
  }

  /** The caller gave up before the flow was written, so it never will be; flows let go of what they hold. */
  void onDropped() {
  }

  /**
   * Fails the flow because the connection can no longer deliver its result (closed, broken, or a
   * protocol violation). Must complete the caller's future; called at most once.
   */
  abstract void fail(Throwable cause);

  /** {@return whether the caller's future is already done (cancelled), so writing it is pointless} */
  abstract boolean isAbandoned();

  /**
   * {@return whether the caller cancelled this flow's future} From any thread, the queue hears of
   * it a moment later; until then this tells.
   */
  boolean wasCancelledByCaller() {
    return false;
  }
}
