package dev.tusk.sql;

import dev.tusk.sql.ast.Aggregate;
import dev.tusk.sql.ast.ArrayConstructor;
import dev.tusk.sql.ast.BinaryOp;
import dev.tusk.sql.ast.Binary;
import dev.tusk.sql.ast.Case;
import dev.tusk.sql.ast.Cast;
import dev.tusk.sql.ast.ColumnRef;
import dev.tusk.sql.ast.Constant;
import dev.tusk.sql.ast.Cte;
import dev.tusk.sql.ast.Delete;
import dev.tusk.sql.ast.Exists;
import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.ast.FunctionCall;
import dev.tusk.sql.ast.FunctionTable;
import dev.tusk.sql.ast.Insert;
import dev.tusk.sql.ast.Junction;
import dev.tusk.sql.ast.OutputNames;
import dev.tusk.sql.ast.Param;
import dev.tusk.sql.ast.Query;
import dev.tusk.sql.ast.Raw;
import dev.tusk.sql.ast.RowValue;
import dev.tusk.sql.ast.Select;
import dev.tusk.sql.ast.Star;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.ast.TableName;
import dev.tusk.sql.ast.TextStatement;
import dev.tusk.sql.ast.Unary;
import dev.tusk.sql.ast.UnaryOp;
import dev.tusk.sql.ast.Update;
import dev.tusk.sql.ast.WindowSpec;
import dev.tusk.sql.types.ArrayType;
import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point for building statements, meant to be statically imported:
 * <pre>{@code
 * select(USERS.name, USERS.fullname).from(USERS).where(USERS.id.in(ids)).orderBy(USERS.name.asc()).limit(10)
 * insert(USERS).values(USERS.name, "jack").values(USERS.fullname, "Jack Jones").returning(USERS.id)
 * update(USERS).set(USERS.fullname, "J. Jones").where(USERS.id.eq(5L))
 * delete(USERS).where(USERS.name.like("tmp%"))
 * text("SELECT count(*) FROM users WHERE name = :name").bind("name", "jack")
 * }</pre>
 * Every Java value becomes a bound parameter, never SQL text. JSONB and array operators are in
 * {@link Jsonb} and {@link SqlArrays}.
 */
public final class Sql {
  /** {@code TRUE}, for {@code ON TRUE} and constant conditions. */
  public static final Expr<Boolean> TRUE = new Constant<>(Constant.Keyword.TRUE, PgTypes.BOOLEAN);
  /** {@code FALSE}. */
  public static final Expr<Boolean> FALSE = new Constant<>(Constant.Keyword.FALSE, PgTypes.BOOLEAN);

  private Sql() {}

  /** {@return {@code SELECT columns}}; add {@code from(...)} and the other clauses to it */
  public static Select select(Expression<?>... columns) {
    return Select.of(Arrays.asList(columns));
  }

  /** {@return {@code SELECT columns}} */
  public static Select select(List<? extends Expression<?>> columns) {
    return Select.of(columns);
  }

  /** {@return {@code SELECT <every column of table> FROM table}} */
  public static Select selectFrom(Table table) {
    return Select.of(table.columns()).from(table);
  }

  /** {@return {@code INSERT INTO table}}; add values, rows or a query to it */
  public static Insert insert(Table table) {
    return Insert.into(table.fromItem());
  }

  /** {@return {@code UPDATE table}}; add SET assignments and a WHERE to it */
  public static Update update(Table table) {
    return Update.of(table.fromItem());
  }

  /** {@return {@code DELETE FROM table}}; add a WHERE to it */
  public static Delete delete(Table table) {
    return Delete.from(table.fromItem());
  }

  /** {@return hand-written SQL with {@code :name} parameters, see {@link TextStatement}} */
  public static TextStatement text(String sql) {
    return TextStatement.parse(sql);
  }

  /**
   * {@return another instance of the table class whose columns are qualified by {@code alias}},
   * for self-joins: {@code var manager = alias(EMPLOYEES, "manager")} then {@code manager.name}
   */
  public static <T extends Table> T alias(T table, String alias) {
    return Table.aliased(table, alias);
  }

  /** {@return a bound parameter}, typed from the value's class (Long as bigint, String as text...) */
  public static <T> Param<T> value(T value) {
    var type = PgTypes.ofValue(value);
    if (type == PgTypes.UNKNOWN && value != null) {
      throw new IllegalArgumentException("no built-in type for a " + value.getClass().getName()
          + "; give it: value(v, type)");
    }
    return Param.of(type, value);
  }

  /** {@return a bound parameter of a given type} */
  public static <T> Param<T> value(T value, SqlType<T> type) {
    return Param.of(type, value);
  }

  /** {@return {@code NULL} of a type} */
  public static <T> Expr<T> nullOf(SqlType<T> type) {
    return new Constant<>(Constant.Keyword.NULL, type);
  }

  /** {@return {@code DEFAULT}, for a column's default in INSERT or UPDATE} */
  @SuppressWarnings("unchecked")
  public static <T> Expr<T> defaultValue() {
    return (Expr<T>) new Constant<>(Constant.Keyword.DEFAULT, PgTypes.UNKNOWN);
  }

  /** {@return {@code CURRENT_TIMESTAMP}, the start time of the transaction} */
  public static Expr<java.time.OffsetDateTime> currentTimestamp() {
    return new Constant<>(Constant.Keyword.CURRENT_TIMESTAMP, PgTypes.TIMESTAMPTZ);
  }

  /** {@return a fragment of SQL written as is; see {@link Raw} for why it must be a constant} */
  public static <T> Raw<T> raw(String sql, SqlType<T> type) {
    return new Raw<>(sql, type);
  }

  /** {@return the conjunction of the conditions; TRUE when there are none} */
  @SafeVarargs
  public static Expr<Boolean> and(Expression<Boolean>... conditions) {
    return Junction.of(BinaryOp.AND, conditions(conditions));
  }

  /** {@return the disjunction of the conditions; FALSE when there are none} */
  @SafeVarargs
  public static Expr<Boolean> or(Expression<Boolean>... conditions) {
    return Junction.of(BinaryOp.OR, conditions(conditions));
  }

  @SuppressWarnings("unchecked")
  private static List<Expr<Boolean>> conditions(Expression<Boolean>[] conditions) {
    var terms = new Expr[conditions.length];
    for (int i = 0; i < conditions.length; i++) {
      terms[i] = conditions[i].expr();
    }
    return List.of(terms);
  }

  /** {@return {@code NOT condition}} */
  public static Expr<Boolean> not(Expression<Boolean> condition) {
    return new Unary<>(UnaryOp.NOT, condition.expr(), PgTypes.BOOLEAN);
  }

  /** {@return {@code EXISTS (query)}} */
  public static Expr<Boolean> exists(Query query) {
    return new Exists(query);
  }

  /** {@return {@code NOT EXISTS (query)}} */
  public static Expr<Boolean> notExists(Query query) {
    return not(new Exists(query));
  }

  /** {@return {@code (a, b, ...)}, a row value to compare as a whole} */
  public static RowValue row(Expression<?>... items) {
    return new RowValue(exprs(items));
  }

  /** {@return {@code ARRAY[e1, e2, ...]}} */
  @SafeVarargs
  public static <E> ArrayConstructor<E> arrayOf(SqlType<E> elementType, Expression<E>... elements) {
    var items = new ArrayList<Expr<E>>(elements.length);
    for (var element : elements) {
      items.add(element.expr());
    }
    return new ArrayConstructor<>(items, new ArrayType<>(elementType));
  }

  /** {@return {@code CAST(value AS type)}} */
  public static <T> Expr<T> cast(Expression<?> value, SqlType<T> type) {
    return new Cast<>(value.expr(), type);
  }

  /** {@return {@code left operator right}, for an operator Tusk does not list, such as pg_trgm's {@code <->}} */
  public static <T> Expr<T> op(Expression<?> left, String operator, Expression<?> right, SqlType<T> type) {
    return new Binary<>(left.expr(), BinaryOp.custom(operator), right.expr(), type);
  }

  /** {@return a call of any function by name, of unknown result type} */
  public static FunctionCall<Object> func(String name, Expression<?>... arguments) {
    return new FunctionCall<>(name, exprs(arguments), PgTypes.UNKNOWN);
  }

  /** {@return a call of any function by name: {@code func("lower", TEXT, USERS.name)}} */
  public static <T> FunctionCall<T> func(String name, SqlType<T> type, Expression<?>... arguments) {
    return new FunctionCall<>(name, exprs(arguments), type);
  }

  /** {@return {@code coalesce(a, b, ...)}: the first non-null value} */
  @SafeVarargs
  public static <T> FunctionCall<T> coalesce(Expression<T> first, Expression<T>... rest) {
    var arguments = new ArrayList<Expr<?>>(rest.length + 1);
    arguments.add(first.expr());
    for (var expression : rest) {
      arguments.add(expression.expr());
    }
    return new FunctionCall<>("coalesce", arguments, first.type());
  }

  /** {@return {@code coalesce(value, $n)}} */
  public static <T> FunctionCall<T> coalesce(Expression<T> value, T fallback) {
    return new FunctionCall<>("coalesce", List.of(value.expr(), Param.of(value.type(), fallback)), value.type());
  }

  /** {@return {@code nullif(value, other)}: NULL when they are equal, else value} */
  public static <T> FunctionCall<T> nullif(Expression<T> value, Expression<T> other) {
    return new FunctionCall<>("nullif", List.of(value.expr(), other.expr()), value.type());
  }

  /** {@return {@code nullif(value, $n)}} */
  public static <T> FunctionCall<T> nullif(Expression<T> value, T other) {
    return new FunctionCall<>("nullif", List.of(value.expr(), Param.of(value.type(), other)), value.type());
  }

  /** {@return {@code greatest(a, b, ...)}} */
  @SafeVarargs
  public static <T> FunctionCall<T> greatest(Expression<T> first, Expression<T>... rest) {
    var arguments = new ArrayList<Expr<?>>(rest.length + 1);
    arguments.add(first.expr());
    for (var expression : rest) {
      arguments.add(expression.expr());
    }
    return new FunctionCall<>("greatest", arguments, first.type());
  }

  /** {@return {@code least(a, b, ...)}} */
  @SafeVarargs
  public static <T> FunctionCall<T> least(Expression<T> first, Expression<T>... rest) {
    var arguments = new ArrayList<Expr<?>>(rest.length + 1);
    arguments.add(first.expr());
    for (var expression : rest) {
      arguments.add(expression.expr());
    }
    return new FunctionCall<>("least", arguments, first.type());
  }

  /** {@return {@code CASE WHEN condition THEN result}}; add {@code when(...)} and {@code orElse(...)} */
  public static <T> Case<T> caseWhen(Expression<Boolean> condition, Expression<T> result) {
    return new Case<>(null, List.of(new Case.When<>(condition.expr(), result.expr())), null, result.type());
  }

  /** {@return {@code CASE WHEN condition THEN $n}}, the result typed from its class */
  public static <T> Case<T> caseWhen(Expression<Boolean> condition, T result) {
    return caseWhen(condition, value(result));
  }

  /** {@return {@code CASE operand WHEN match THEN result}}; add {@code when(...)} and {@code orElse(...)} */
  public static <T> Case<T> caseOf(Expression<?> operand, Expression<?> match, Expression<T> result) {
    return new Case<>(operand.expr(), List.of(new Case.When<>(match.expr(), result.expr())), null, result.type());
  }

  /** {@return {@code count(*)}} */
  public static Aggregate<Long> count() {
    return agg("count", PgTypes.BIGINT, new Star(null));
  }

  /** {@return {@code count(value)}: the rows where value is not null; {@code .distinct()} for distinct values} */
  public static Aggregate<Long> count(Expression<?> value) {
    return agg("count", PgTypes.BIGINT, value);
  }

  /** {@return {@code min(value)}} */
  public static <T> Aggregate<T> min(Expression<T> value) {
    return agg("min", value.type(), value);
  }

  /** {@return {@code max(value)}} */
  public static <T> Aggregate<T> max(Expression<T> value) {
    return agg("max", value.type(), value);
  }

  /**
   * {@return {@code sum(value)}}, typed as PostgreSQL types it: bigint for smallint and integer,
   * numeric for bigint and numeric, the argument's type for real, double precision and interval
   */
  public static <R> Aggregate<R> sum(Expression<?> value, SqlType<R> resultType) {
    return agg("sum", resultType, value);
  }

  /** {@return {@code avg(value)}}: numeric for integer and numeric arguments, double precision for floats */
  public static <R> Aggregate<R> avg(Expression<?> value, SqlType<R> resultType) {
    return agg("avg", resultType, value);
  }

  /** {@return any aggregate by name: {@code agg("string_agg", TEXT, USERS.name, value(", "))}} */
  public static <T> Aggregate<T> agg(String name, SqlType<T> type, Expression<?>... arguments) {
    return new Aggregate<>(name, exprs(arguments), false, List.of(), null, type);
  }

  /** {@return {@code row_number()}, to use with {@code over(...)}} */
  public static FunctionCall<Long> rowNumber() {
    return func("row_number", PgTypes.BIGINT);
  }

  /** {@return {@code rank()}, to use with {@code over(...)}} */
  public static FunctionCall<Long> rank() {
    return func("rank", PgTypes.BIGINT);
  }

  /** {@return {@code dense_rank()}, to use with {@code over(...)}} */
  public static FunctionCall<Long> denseRank() {
    return func("dense_rank", PgTypes.BIGINT);
  }

  /** {@return an empty window, {@code OVER ()}}; add partitionBy, orderBy and a frame */
  public static WindowSpec window() {
    return WindowSpec.EMPTY;
  }

  /** {@return the row proposed for insertion, in ON CONFLICT DO UPDATE: {@code excluded.column}} */
  public static <T> ColumnRef<T> excluded(Expression<T> column) {
    if (!(column.expr() instanceof ColumnRef<T> ref)) {
      throw new IllegalArgumentException("excluded(...) takes a column, not " + column.expr());
    }
    return new ColumnRef<>(TableName.of("excluded"), ref.name(), ref.type());
  }

  /** {@return a CTE named {@code name} over {@code body}}, which may be a query or DML with RETURNING */
  public static Cte cte(String name, Statement body) {
    return new Cte(name, List.of(), body, Cte.Materialization.DEFAULT, false);
  }

  /**
   * {@return a recursive CTE declared with its columns}, so that its body can refer to it; complete
   * it with {@code as(anchor.unionAll(recursiveTerm))}
   */
  public static Cte recursiveCte(String name, Expression<?>... columns) {
    var names = Arrays.stream(columns).map(c -> OutputNames.nameOf(c.expr())).toList();
    return new Cte(name, names, null, Cte.Materialization.DEFAULT, true);
  }

  /** {@return a VALUES list with these columns}; add rows, then name it with {@code as(alias)} */
  public static ValuesList values(Expression<?>... columns) {
    return ValuesList.of(Arrays.asList(columns));
  }

  /** {@return a set-returning function in FROM, {@code function AS alias (columns)}} */
  public static FunctionTable functionTable(FunctionCall<?> function, String alias, String... columns) {
    return new FunctionTable(function, alias, Arrays.asList(columns), false, false);
  }

  /** A loop, not a stream: this runs on every call that builds a statement. */
  private static List<Expr<?>> exprs(Expression<?>... expressions) {
    var exprs = new Expr<?>[expressions.length];
    for (int i = 0; i < expressions.length; i++) {
      exprs[i] = expressions[i].expr();
    }
    return List.of(exprs);
  }
}
