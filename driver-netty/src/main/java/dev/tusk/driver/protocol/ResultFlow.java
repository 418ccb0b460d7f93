package dev.tusk.driver.protocol;

import dev.tusk.driver.ErrorFields;
import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.message.FrontendMessage;

/**
 * A flow that answers one caller: it remembers the first ErrorResponse and completes the caller's
 * future when its ReadyForQuery arrives — never earlier, so that the error and the transaction
 * status are both known when the caller sees the outcome.
 */
abstract class ResultFlow<T> extends CommandFlow {
  final PgFuture<T> future;
  PgException error;

  ResultFlow() {
    this(new PgFuture<>());
  }

  /** A flow that answers a caller another flow already answers to (a retry). */
  ResultFlow(PgFuture<T> future) {
    this.future = future;
  }

  PgFuture<T> future() {
    return future;
  }

  void recordError(ErrorFields fields) {
    if (error == null) {
      error = new PgException(fields);
    }
  }

  /**
   * Completes the caller's future at ReadyForQuery: with the first error if there was one. If the
   * caller cancelled in the same instant (its cancel won the race), the result was not delivered and
   * the flow counts as abandoned, exactly as if the cancel had come a moment earlier.
   */
  Outcome finish(T value) {
    boolean delivered = error != null ? future.completeExceptionally(error) : future.complete(value);
    if (!delivered) {
      abandon();
    }
    return Outcome.DONE;
  }

  @Override
  void fail(Throwable cause) {
    future.completeExceptionally(cause);
  }

  @Override
  boolean isAbandoned() {
    return future.isDone();
  }

  @Override
  boolean wasCancelledByCaller() {
    return future.isCancelled();
  }

  /**
   * Answers a COPY the caller started through a plain query, which would otherwise wait forever
   * for data: COPY goes through the copy API. In the extended protocol the server ignored our Sync
   * while in copy mode, so another one must follow the CopyFail.
   */
  void refuseCopy(BackendMessage.CopyResponse copy, FlowContext context, boolean extendedProtocol) {
    if (copy.direction() == BackendMessage.CopyDirection.OUT) {
      if (error == null) {
        error = new PgException(SqlState.FEATURE_NOT_SUPPORTED,
            "COPY TO STDOUT needs the driver's copy API (copyOut), not a plain query; its data was discarded");
      }
      return;
    }
    var fail = new FrontendMessage.CopyFail("COPY FROM STDIN needs the driver's copy API (copyIn), not a plain query");
    if (extendedProtocol) {
      context.send(fail, FrontendMessage.Sync.INSTANCE);
    } else {
      context.send(fail);
    }
  }
}
