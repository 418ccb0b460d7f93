package dev.tusk.driver.protocol;

import static dev.tusk.driver.wire.ProtocolConstants.KIND_STATEMENT;

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
import java.util.function.Function;

/**
 * One statement through the extended protocol, always in a single round trip:
 * <ul>
 *   <li>not yet prepared: [Close evicted] Parse, Describe(statement), Bind (text results), Execute, Sync;
 *   <li>prepared and described: Bind (binary results where decodable), Execute, Sync.
 * </ul>
 * Parameter types come from the Java values, so nothing waits for ParameterDescription; a statement
 * parsed by a flow still in flight is reused at once (the server handles messages in order).
 */
final class ExtendedQueryFlow<T> extends ResultFlow<T> {
  private final String sql;
  private final Parameters parameters;
  private PreparedStatement statement;
  private boolean parsing;
  private boolean parsed;
  private boolean textResults;
  private RowLayout layout;
  private RowSetBuilder rows;
  private RowSet result;

  private final Function<RowSet, T> resultMapper;

  /** @param resultMapper turns the statement's result into what the caller's future completes with */
  ExtendedQueryFlow(String sql, Parameters parameters, Function<RowSet, T> resultMapper) {
    this.sql = sql;
    this.parameters = parameters;
    this.resultMapper = resultMapper;
  }

  @Override
  void write(FlowContext context, ByteBuf out) {
    PreparedStatementCache cache = context.statements();
    boolean named = context.options().namedStatements() && cache.isEnabled();
    statement = named ? cache.get(sql, parameters.oids()) : null;
    short[] resultFormats;
    if (statement == null) {
      if (named) {
        List<PreparedStatement> evicted = new ArrayList<>(1);
        statement = cache.add(sql, parameters.oids(), evicted);
        for (PreparedStatement old : evicted) {
          FrontendEncoder.encode(new FrontendMessage.Close(KIND_STATEMENT, old.name), out);
        }
      } else {
        statement = new PreparedStatement("", sql, parameters.oids());
      }
      FrontendEncoder.encode(new FrontendMessage.Parse(statement.name, sql, parameters.oids()), out);
      FrontendEncoder.encode(new FrontendMessage.Describe(KIND_STATEMENT, statement.name), out);
      parsing = true;
      textResults = true;
      resultFormats = PreparedStatement.allText();
    } else if (statement.isDescribed()) {
      resultFormats = statement.preferredFormats();
      layout = statement.preferredLayout();
    } else {
      // parsed by a flow still in flight: its description arrives before our rows, but after Bind is written
      textResults = true;
      resultFormats = PreparedStatement.allText();
    }
    FrontendEncoder.encode(new FrontendMessage.Bind("", statement.name, parameters, resultFormats), out);
    FrontendEncoder.encode(new FrontendMessage.Execute("", 0), out);
    FrontendEncoder.encode(FrontendMessage.Sync.INSTANCE, out);
  }

  @Override
  Outcome onMessage(BackendMessage message, FlowContext context) {
    switch (message) {
      case BackendMessage.CloseComplete ignored -> { }
      case BackendMessage.ParseComplete ignored -> parsed = true;
      case BackendMessage.ParameterDescription ignored -> { }
      case BackendMessage.RowDescription description -> {
        statement.describe(description.columns(), context.types());
        layout = statement.textLayout();
      }
      case BackendMessage.NoData ignored -> {
        statement.describe(List.of(), context.types());
        layout = RowLayout.EMPTY;
      }
      case BackendMessage.BindComplete ignored -> {
        if (layout == null) {
          if (!statement.isDescribed()) {
            throw new ProtocolViolation("BindComplete for statement " + statement.name + " before its description");
          }
          layout = textResults ? statement.textLayout() : statement.preferredLayout();
        }
      }
      case BackendMessage.CommandComplete complete -> {
        result = (rows != null ? rows : new RowSetBuilder(layout != null ? layout : RowLayout.EMPTY)).build(complete.tag());
        StatementInvalidation.afterCommand(complete.tag(), context);
      }
      case BackendMessage.EmptyQueryResponse ignored -> result = new RowSetBuilder(RowLayout.EMPTY).build("");
      case BackendMessage.ErrorResponse failure -> {
        recordError(failure.fields());
        if (parsing && !parsed) {
          // the server has no statement under this name: the next use must parse again
          context.statements().remove(statement);
        }
      }
      case BackendMessage.CopyResponse copy -> refuseCopy(copy, context, true);
      case BackendMessage.CopyData ignored -> { }
      case BackendMessage.CopyDone ignored -> { }
      case BackendMessage.ReadyForQuery ignored -> {
        return finish(error == null ? resultMapper.apply(result) : null);
      }
      default -> throw new ProtocolViolation("unexpected " + message.getClass().getSimpleName() + " in an extended query");
    }
    return Outcome.CONTINUE;
  }

  @Override
  void onDataRow(ByteBuf in, int bodyIndex, int bodyLength, FlowContext context) {
    if (rows == null) {
      if (layout == null) {
        throw new ProtocolViolation("DataRow before BindComplete");
      }
      rows = new RowSetBuilder(layout);
    }
    rows.addRow(in, bodyIndex, bodyLength);
  }
}
