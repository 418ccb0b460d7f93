package dev.tusk.driver.protocol;

import dev.tusk.driver.PgException;
import dev.tusk.driver.PgStaleStatementException;
import dev.tusk.driver.SqlState;
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
  private final boolean autocommitOnly;

  /** @param resultMapper turns the statement's result into what the caller's future completes with */
  ExtendedQueryFlow(String sql, Parameters parameters, RowSink rows, Function<RowSet, T> resultMapper) {
    this(sql, parameters, rows, resultMapper, false);
  }

  /**
   * @param autocommitOnly the statement must not leave a transaction open (a pool's shared
   *     statements): if it does, it fails, and the transaction is rolled back
   */
  ExtendedQueryFlow(String sql, Parameters parameters, RowSink rows, Function<RowSet, T> resultMapper, boolean autocommitOnly) {
    this.execution = new StatementExecution(sql, parameters, rows, null);
    this.resultMapper = resultMapper;
    this.retry = false;
    this.autocommitOnly = autocommitOnly;
  }

  /** The one retry a stale statement earns: same caller, same rows sink, the stale name closed first. */
  private ExtendedQueryFlow(ExtendedQueryFlow<T> failed) {
    super(failed.future);
    StatementExecution previous = failed.execution;
    this.execution = new StatementExecution(previous.sql(), previous.parameters(), previous.rows(), previous.staleName());
    this.resultMapper = failed.resultMapper;
    this.retry = true;
    this.autocommitOnly = failed.autocommitOnly;
  }

  @Override
  boolean requiresAutocommit() {
    return autocommitOnly;
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
        if (autocommitOnly && ready.status() != TransactionStatus.IDLE && error == null) {
          error = new PgException(SqlState.ACTIVE_SQL_TRANSACTION, "a pool's query/execute runs single statements in "
              + "autocommit mode; this one left a transaction open, so it was rolled back: use withTransaction");
        }
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
