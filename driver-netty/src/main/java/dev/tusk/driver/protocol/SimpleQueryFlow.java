package dev.tusk.driver.protocol;

import dev.tusk.driver.RowSet;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.result.RowLayout;
import dev.tusk.driver.result.RowSetBuilder;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The simple query protocol: one Query message with any number of statements, one result per
 * statement (text format), one ReadyForQuery at the end. An error stops the remaining statements;
 * the server then reports it and ends the string's implicit transaction.
 */
final class SimpleQueryFlow extends ResultFlow<List<RowSet>> {
  private final String sql;
  private final List<RowSet> results = new ArrayList<>();
  private RowSetBuilder rows;

  SimpleQueryFlow(String sql) {
    this.sql = sql;
  }

  @Override
  void write(FlowContext context, ByteBuf out) {
    FrontendEncoder.encode(new FrontendMessage.Query(sql), out);
  }

  @Override
  Outcome onMessage(BackendMessage message, FlowContext context) {
    switch (message) {
      case BackendMessage.RowDescription description ->
          rows = new RowSetBuilder(new RowLayout(description.columns(), context.types()));
      case BackendMessage.CommandComplete complete -> {
        results.add((rows != null ? rows : new RowSetBuilder(RowLayout.EMPTY)).build(complete.tag()));
        rows = null;
        CommandEffects.afterCommand(complete.tag(), context);
      }
      case BackendMessage.EmptyQueryResponse ignored -> results.add(new RowSetBuilder(RowLayout.EMPTY).build(""));
      case BackendMessage.ErrorResponse failure -> recordError(failure.fields());
      case BackendMessage.CopyResponse copy -> refuseCopy(copy, context, false);
      case BackendMessage.CopyData ignored -> { }
      case BackendMessage.CopyDone ignored -> { }
      case BackendMessage.ReadyForQuery ignored -> {
        return finish(List.copyOf(results));
      }
      default -> throw new ProtocolViolation("unexpected " + message.getClass().getSimpleName() + " in a simple query");
    }
    return Outcome.CONTINUE;
  }

  @Override
  void onDataRow(ByteBuf in, int bodyIndex, int bodyLength, FlowContext context) {
    if (rows == null) {
      throw new ProtocolViolation("DataRow before RowDescription");
    }
    rows.addRow(in, bodyIndex, bodyLength);
  }
}
