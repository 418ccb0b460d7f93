package dev.tusk.driver.protocol;

import dev.tusk.driver.PgStaleStatementException;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import io.netty.buffer.ByteBuf;
import java.util.function.Function;

/**
 * One statement through the extended protocol, in a single round trip ({@link StatementExecution}
 * followed by its own Sync, so that an error fails this command alone).
 *
 * <p>A cached statement that went stale is re-prepared and retried once, transparently, when the
 * failure happened outside a transaction block (then it changed nothing); inside one the caller
 * gets a {@link PgStaleStatementException} telling them to run the transaction again.
 */
final class ExtendedQueryFlow<T> extends ResultFlow<T> {
  private final StatementExecution execution;
  private final Function<RowSet, T> resultMapper;
  private final boolean retry;

  /** @param resultMapper turns the statement's result into what the caller's future completes with */
  ExtendedQueryFlow(String sql, Parameters parameters, RowSink rows, Function<RowSet, T> resultMapper) {
    this.execution = new StatementExecution(sql, parameters, rows, null);
    this.resultMapper = resultMapper;
    this.retry = false;
  }

  /** The one retry a stale statement earns: same caller, same rows sink, the stale name closed first. */
  private ExtendedQueryFlow(ExtendedQueryFlow<T> failed) {
    super(failed.future);
    StatementExecution previous = failed.execution;
    this.execution = new StatementExecution(previous.sql(), previous.parameters(), previous.rows(), previous.staleName());
    this.resultMapper = failed.resultMapper;
    this.retry = true;
  }

  @Override
  void write(FlowContext context, ByteBuf out) {
    execution.write(context, out);
    FrontendEncoder.encode(FrontendMessage.Sync.INSTANCE, out);
  }

  @Override
  Outcome onMessage(BackendMessage message, FlowContext context) {
    switch (message) {
      case BackendMessage.ErrorResponse failure -> {
        recordError(failure.fields());
        execution.onError(context);
      }
      case BackendMessage.CopyResponse copy -> refuseCopy(copy, context, true);
      case BackendMessage.CopyData ignored -> { }
      case BackendMessage.CopyDone ignored -> { }
      case BackendMessage.ReadyForQuery ready -> {
        if (error != null && execution.isStale(error)) {
          return recoverFromStaleStatement(ready, context);
        }
        return finish(error == null ? resultMapper.apply(execution.result()) : null);
      }
      default -> execution.onMessage(message, context);
    }
    return Outcome.CONTINUE;
  }

  private Outcome recoverFromStaleStatement(BackendMessage.ReadyForQuery ready, FlowContext context) {
    context.statements().remove(execution.statement());
    if (ready.status() == TransactionStatus.IDLE && !retry && !wasAbandoned() && !future.isDone()) {
      context.resubmitFirst(new ExtendedQueryFlow<>(this));
      return Outcome.DONE;
    }
    future.completeExceptionally(ready.status() == TransactionStatus.IDLE ? error : new PgStaleStatementException(error));
    return Outcome.DONE;
  }

  @Override
  void afterRead() {
    execution.rows().flush();
  }

  @Override
  boolean isReady() {
    return execution.rows().ready();
  }

  @Override
  void onDataRow(ByteBuf in, int bodyIndex, int bodyLength, FlowContext context) {
    execution.onDataRow(in, bodyIndex, bodyLength);
  }
}
