package dev.tusk.sql.compile;

import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.OutputNames;
import dev.tusk.sql.ast.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles statements to PostgreSQL SQL with {@code $n} parameters. It is the only place that knows
 * SQL syntax; nodes are data and never render themselves.
 *
 * <ul>
 *   <li>{@link #compile} takes a statement's shape (values erased to slots, see {@code
 *       dev.tusk.sql.cache.Shape}) and gives the {@link CompiledSql} shared by every statement of
 *       that shape. Its output depends on the shape alone, so equal shapes give equal SQL.
 *   <li>{@link #render} takes a statement with its values and gives the SQL and the values in
 *       {@code $n} order, without the cache: for one-off statements, tests and {@code toString()}.
 * </ul>
 */
public final class SqlCompiler {
  private SqlCompiler() {}

  /**
   * {@return the compilation of a statement shape}
   *
   * @throws IllegalArgumentException when the statement still holds values
   * @throws IllegalStateException when the statement is incomplete (an INSERT without values, an
   *     UPDATE without SET, an unbound text parameter)
   */
  public static CompiledSql compile(Statement shape) {
    var ctx = new RenderContext(RenderContext.ValueMode.SLOTS, RenderContext.ColumnStyle.QUALIFIED);
    statementRenderer(ctx).statement(shape);
    return new CompiledSql(ctx.sql.toString(), ctx.parameters, resultColumns(shape));
  }

  /** {@return a statement's SQL and its values in {@code $n} order, compiled without the cache} */
  public static BoundSql render(Statement statement) {
    var ctx = new RenderContext(RenderContext.ValueMode.PARAMS, RenderContext.ColumnStyle.QUALIFIED);
    statementRenderer(ctx).statement(statement);
    return new BoundSql(new CompiledSql(ctx.sql.toString(), ctx.parameters, resultColumns(statement)), ctx.values);
  }

  static StatementRenderer statementRenderer(RenderContext ctx) {
    var expressions = new ExpressionRenderer(ctx);
    var statements = new StatementRenderer(ctx, expressions);
    expressions.connect(statements);
    return statements;
  }

  private static List<ResultColumn> resultColumns(Statement statement) {
    List<Expr<?>> outputs = OutputNames.outputs(statement);
    var columns = new ArrayList<ResultColumn>(outputs.size());
    for (int i = 0; i < outputs.size(); i++) {
      var output = outputs.get(i);
      columns.add(new ResultColumn(i, OutputNames.nameOf(output), output.type(), output));
    }
    return columns;
  }
}
