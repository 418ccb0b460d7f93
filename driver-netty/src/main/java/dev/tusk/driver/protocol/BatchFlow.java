package dev.tusk.driver.protocol;

import dev.tusk.driver.RowSet;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Many statements and a single Sync: outside a transaction block they form one implicit
 * transaction, so either all take effect or none. After the first error the server skips the rest
 * up to the Sync, and the caller's future fails with that error.
 */
final class BatchFlow extends ResultFlow<List<RowSet>> {
  private final List<StatementExecution> executions;
  private int current;

  BatchFlow(List<StatementExecution> executions) {
    this.executions = executions;
  }

  @Override
  void write(FlowContext context, ByteBuf out) {
    for (StatementExecution execution : executions) {
      execution.write(context, out);
    }
    FrontendEncoder.encode(FrontendMessage.Sync.INSTANCE, out);
  }

  @Override
  Outcome onMessage(BackendMessage message, FlowContext context) {
    switch (message) {
      case BackendMessage.ErrorResponse failure -> {
        recordError(failure.fields());
        if (current < executions.size()) {
          executions.get(current).onError(context);
        }
        // the server skips every later statement; those that were to parse left nothing behind
        for (int i = current + 1; i < executions.size(); i++) {
          executions.get(i).onError(context);
        }
      }
      case BackendMessage.CopyResponse copy -> refuseCopy(copy, context, true);
      case BackendMessage.CopyData ignored -> { }
      case BackendMessage.CopyDone ignored -> { }
      case BackendMessage.ReadyForQuery ignored -> {
        List<RowSet> results = new ArrayList<>(executions.size());
        if (error == null) {
          executions.forEach(execution -> results.add(execution.result()));
        }
        return finish(List.copyOf(results));
      }
      default -> {
        if (current >= executions.size()) {
          throw new ProtocolViolation("a batch of " + executions.size() + " statements received more results");
        }
        if (executions.get(current).onMessage(message, context)) {
          current++;
        }
      }
    }
    return Outcome.CONTINUE;
  }

  @Override
  void onDataRow(ByteBuf in, int bodyIndex, int bodyLength, FlowContext context) {
    if (current >= executions.size()) {
      throw new ProtocolViolation("a DataRow after the batch's last statement");
    }
    executions.get(current).onDataRow(in, bodyIndex, bodyLength);
  }
}
