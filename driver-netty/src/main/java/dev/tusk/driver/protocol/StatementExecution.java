package dev.tusk.driver.protocol;

import static dev.tusk.driver.wire.ProtocolConstants.KIND_STATEMENT;

import dev.tusk.driver.PgException;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement's part of an extended-protocol exchange, without the Sync (the flow owns that):
 * <ul>
 *   <li>not yet prepared: [Close evicted] Parse, Describe(statement), Bind (text results), Execute;
 *   <li>prepared and described: Bind (binary results where decodable), Execute.
 * </ul>
 * Parameter types come from the Java values, so nothing waits for ParameterDescription: an
 * uncached statement costs no extra round trip, and one parsed by a command still in flight is
 * reused at once (the server handles messages in order).
 */
final class StatementExecution {
  private final String sql;
  private final Parameters parameters;
  private final RowSink rows;
  /** A stale statement's name to close before parsing again, or null. */
  private final String closeFirst;
  private PreparedStatement statement;
  private boolean parsing;
  private boolean parsed;
  /** Whether this execution's Bind asked for text results (the statement was not described when it was written). */
  private boolean textResults;
  /** Set at BindComplete, when the rows sink has begun: only then may DataRows come. */
  private boolean bound;
  private RowSet result;

  StatementExecution(String sql, Parameters parameters, RowSink rows, String closeFirst) {
    this.sql = sql;
    this.parameters = parameters;
    this.rows = rows;
    this.closeFirst = closeFirst;
  }

  String sql() {
    return sql;
  }

  Parameters parameters() {
    return parameters;
  }

  RowSink rows() {
    return rows;
  }

  PreparedStatement statement() {
    return statement;
  }

  /** {@return whether this execution itself sent the Parse (so a failure cannot be a stale statement)} */
  boolean parsedHere() {
    return parsing;
  }

  /**
   * {@return the statement's result}
   *
   * @throws ProtocolViolation when the statement has none: its ReadyForQuery came without an
   *     error, a CommandComplete or an EmptyQueryResponse before it (only a broken stream does that)
   */
  RowSet result() {
    if (result == null) {
      throw new ProtocolViolation("ReadyForQuery before the statement's CommandComplete");
    }
    return result;
  }

  void write(FlowContext context, ByteBuf out) {
    PreparedStatementCache cache = context.statements();
    boolean named = context.options().namedStatements() && cache.isEnabled();
    statement = named ? cache.get(sql, parameters) : null;
    short[] resultFormats;
    if (closeFirst != null) {
      FrontendEncoder.encode(new FrontendMessage.Close(KIND_STATEMENT, closeFirst), out);
    }
    if (statement == null) {
      if (named) {
        List<PreparedStatement> evicted = new ArrayList<>(1);
        statement = cache.add(sql, parameters, evicted);
        for (PreparedStatement old : evicted) {
          FrontendEncoder.encode(new FrontendMessage.Close(KIND_STATEMENT, old.name), out);
        }
      } else {
        statement = new PreparedStatement("", sql, parameters.typeOids());
      }
      FrontendEncoder.encode(new FrontendMessage.Parse(statement.name, sql, statement.parameterOids), out);
      FrontendEncoder.encode(new FrontendMessage.Describe(KIND_STATEMENT, statement.name), out);
      parsing = true;
      textResults = true;
      resultFormats = PreparedStatement.allText();
    } else if (statement.isDescribed()) {
      resultFormats = statement.preferredFormats();
    } else {
      // parsed by a flow still in flight: its description arrives before our rows, but after Bind is written
      textResults = true;
      resultFormats = PreparedStatement.allText();
    }
    FrontendEncoder.encodeBind("", statement.name, parameters, resultFormats, out);
    FrontendEncoder.encode(FrontendMessage.Execute.UNNAMED_ALL_ROWS, out);
  }

  /**
   * Handles one message of this statement's part.
   *
   * @return true when the statement's part is complete (CommandComplete or EmptyQueryResponse)
   * @throws ProtocolViolation for a message this part does not expect
   */
  boolean onMessage(BackendMessage message, FlowContext context) {
    switch (message) {
      case BackendMessage.CloseComplete ignored -> { }
      case BackendMessage.ParseComplete ignored -> parsed = true;
      case BackendMessage.ParameterDescription ignored -> { }
      case BackendMessage.RowDescription description -> statement.describe(description.columns(), context.types());
      case BackendMessage.NoData ignored -> statement.describe(List.of(), context.types());
      case BackendMessage.BindComplete ignored -> {
        // the description came before (from this execution's Describe or an earlier one's)
        if (!statement.isDescribed()) {
          throw new ProtocolViolation("BindComplete for statement " + statement.name + " before its description");
        }
        rows.begin(textResults ? statement.textLayout() : statement.preferredLayout());
        bound = true;
      }
      case BackendMessage.CommandComplete complete -> {
        result = rows.end(complete.tag());
        CommandEffects.afterCommand(complete.tag(), context);
        return true;
      }
      case BackendMessage.EmptyQueryResponse ignored -> {
        result = rows.end("");
        return true;
      }
      default -> throw new ProtocolViolation("unexpected " + message.getClass().getSimpleName() + " in an extended query");
    }
    return false;
  }

  void onDataRow(ByteBuf in, int bodyIndex, int bodyLength) {
    // the rows sink begins at BindComplete, whenever the description came
    if (!bound) {
      throw new ProtocolViolation("DataRow before BindComplete");
    }
    rows.row(in, bodyIndex, bodyLength);
  }

  /** The server reported an error for this statement. */
  void onError(FlowContext context) {
    rows.discard();
    if (parsing && !parsed) {
      // the server has no statement under this name: the next use must parse again
      context.statements().remove(statement);
    }
  }

  /**
   * {@code 26000}: the server does not have our statement (DEALLOCATE, a pooler switched backends);
   * {@code 0A000} from {@code RevalidateCachedQuery}: the schema changed under a cached
   * {@code SELECT *}. Both are recognised by SQLSTATE and routine, never by message text.
   */
  boolean isStale(PgException error) {
    return !parsing && (SqlState.INVALID_SQL_STATEMENT_NAME.equals(error.sqlState())
        || (SqlState.FEATURE_NOT_SUPPORTED.equals(error.sqlState()) && "RevalidateCachedQuery".equals(error.routine())));
  }

  /** {@return the stale statement's server-side name (to close it), or null for the unnamed one} */
  String staleName() {
    return statement == null || statement.name.isEmpty() ? null : statement.name;
  }
}
