package dev.tusk.sql.ast;

import dev.tusk.sql.types.ArrayType;
import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;

/**
 * Anything that stands where SQL expects an expression: a table's column, a node of the tree, a
 * labelled expression. It offers the operators, each of which returns a new node and leaves this
 * one unchanged. Java values given to an operator are never written into SQL: each becomes a
 * {@link Param}, typed as this expression.
 *
 * <p>The type parameter lets javac check a query ({@code USERS.id.eq(5L)} compiles, {@code
 * USERS.id.eq("x")} does not) without generated code.
 *
 * @param <T> the Java type of the expression's values
 */
public interface Expression<T> {
  /** {@return the node this expression stands for} */
  Expr<T> expr();

  /** {@return the SQL type of the expression} */
  default SqlType<T> type() {
    return expr().type();
  }

  /** {@return {@code this = value}} */
  default Expr<Boolean> eq(T value) {
    return Binary.predicate(expr(), BinaryOp.EQ, bind(value));
  }

  /** {@return {@code this = other}} */
  default Expr<Boolean> eq(Expression<T> other) {
    return Binary.predicate(expr(), BinaryOp.EQ, other.expr());
  }

  /** {@return {@code this <> value}} */
  default Expr<Boolean> ne(T value) {
    return Binary.predicate(expr(), BinaryOp.NE, bind(value));
  }

  /** {@return {@code this <> other}} */
  default Expr<Boolean> ne(Expression<T> other) {
    return Binary.predicate(expr(), BinaryOp.NE, other.expr());
  }

  /** {@return {@code this < value}} */
  default Expr<Boolean> lt(T value) {
    return Binary.predicate(expr(), BinaryOp.LT, bind(value));
  }

  /** {@return {@code this < other}} */
  default Expr<Boolean> lt(Expression<T> other) {
    return Binary.predicate(expr(), BinaryOp.LT, other.expr());
  }

  /** {@return {@code this <= value}} */
  default Expr<Boolean> le(T value) {
    return Binary.predicate(expr(), BinaryOp.LE, bind(value));
  }

  /** {@return {@code this <= other}} */
  default Expr<Boolean> le(Expression<T> other) {
    return Binary.predicate(expr(), BinaryOp.LE, other.expr());
  }

  /** {@return {@code this > value}} */
  default Expr<Boolean> gt(T value) {
    return Binary.predicate(expr(), BinaryOp.GT, bind(value));
  }

  /** {@return {@code this > other}} */
  default Expr<Boolean> gt(Expression<T> other) {
    return Binary.predicate(expr(), BinaryOp.GT, other.expr());
  }

  /** {@return {@code this >= value}} */
  default Expr<Boolean> ge(T value) {
    return Binary.predicate(expr(), BinaryOp.GE, bind(value));
  }

  /** {@return {@code this >= other}} */
  default Expr<Boolean> ge(Expression<T> other) {
    return Binary.predicate(expr(), BinaryOp.GE, other.expr());
  }

  /** {@return {@code this IS NULL}} */
  default Expr<Boolean> isNull() {
    return new Unary<>(UnaryOp.IS_NULL, expr(), PgTypes.BOOLEAN);
  }

  /** {@return {@code this IS NOT NULL}} */
  default Expr<Boolean> isNotNull() {
    return new Unary<>(UnaryOp.IS_NOT_NULL, expr(), PgTypes.BOOLEAN);
  }

  /** {@return {@code this IS DISTINCT FROM value}}: inequality where NULL equals NULL */
  default Expr<Boolean> isDistinctFrom(T value) {
    return Binary.predicate(expr(), BinaryOp.IS_DISTINCT_FROM, bind(value));
  }

  /** {@return {@code this IS DISTINCT FROM other}} */
  default Expr<Boolean> isDistinctFrom(Expression<T> other) {
    return Binary.predicate(expr(), BinaryOp.IS_DISTINCT_FROM, other.expr());
  }

  /** {@return {@code this IS NOT DISTINCT FROM value}}: equality where NULL equals NULL */
  default Expr<Boolean> isNotDistinctFrom(T value) {
    return Binary.predicate(expr(), BinaryOp.IS_NOT_DISTINCT_FROM, bind(value));
  }

  /** {@return {@code this IS NOT DISTINCT FROM other}} */
  default Expr<Boolean> isNotDistinctFrom(Expression<T> other) {
    return Binary.predicate(expr(), BinaryOp.IS_NOT_DISTINCT_FROM, other.expr());
  }

  /**
   * {@return {@code this = ANY($n)}}: the values are bound as ONE array parameter, so lists of
   * every length share one SQL text, one cache entry and one server-side prepared statement; an
   * empty list matches nothing
   */
  default Expr<Boolean> in(Collection<? extends T> values) {
    return new Quantified(expr(), BinaryOp.EQ, Quantifier.ANY, bindArray(values));
  }

  /** {@return {@code this <> ALL($n)}}, the array form of {@code NOT IN}; an empty list matches everything */
  default Expr<Boolean> notIn(Collection<? extends T> values) {
    return new Quantified(expr(), BinaryOp.NE, Quantifier.ALL, bindArray(values));
  }

  /** {@return {@code this = ANY (SELECT ...)}}, which is {@code IN (SELECT ...)} */
  default Expr<Boolean> in(Query query) {
    return new QuantifiedSubquery(expr(), BinaryOp.EQ, Quantifier.ANY, query);
  }

  /** {@return {@code this <> ALL (SELECT ...)}}, which is {@code NOT IN (SELECT ...)} */
  default Expr<Boolean> notIn(Query query) {
    return new QuantifiedSubquery(expr(), BinaryOp.NE, Quantifier.ALL, query);
  }

  /** {@return {@code this BETWEEN low AND high}} */
  default Expr<Boolean> between(T low, T high) {
    return new Between(expr(), bind(low), bind(high), false);
  }

  /** {@return {@code this BETWEEN low AND high}} */
  default Expr<Boolean> between(Expression<T> low, Expression<T> high) {
    return new Between(expr(), low.expr(), high.expr(), false);
  }

  /** {@return {@code this NOT BETWEEN low AND high}} */
  default Expr<Boolean> notBetween(T low, T high) {
    return new Between(expr(), bind(low), bind(high), true);
  }

  /** {@return {@code this NOT BETWEEN low AND high}} */
  default Expr<Boolean> notBetween(Expression<T> low, Expression<T> high) {
    return new Between(expr(), low.expr(), high.expr(), true);
  }

  /** {@return {@code this LIKE pattern}} */
  default Expr<Boolean> like(String pattern) {
    return Binary.predicate(expr(), BinaryOp.LIKE, Param.of(PgTypes.TEXT, pattern));
  }

  /** {@return {@code this NOT LIKE pattern}} */
  default Expr<Boolean> notLike(String pattern) {
    return Binary.predicate(expr(), BinaryOp.NOT_LIKE, Param.of(PgTypes.TEXT, pattern));
  }

  /** {@return {@code this ILIKE pattern}}, case-insensitive */
  default Expr<Boolean> ilike(String pattern) {
    return Binary.predicate(expr(), BinaryOp.ILIKE, Param.of(PgTypes.TEXT, pattern));
  }

  /** {@return {@code this NOT ILIKE pattern}} */
  default Expr<Boolean> notIlike(String pattern) {
    return Binary.predicate(expr(), BinaryOp.NOT_ILIKE, Param.of(PgTypes.TEXT, pattern));
  }

  /** {@return {@code this ~ regex}}, a POSIX regular-expression match */
  default Expr<Boolean> matches(String regex) {
    return Binary.predicate(expr(), BinaryOp.REGEX_MATCH, Param.of(PgTypes.TEXT, regex));
  }

  /** {@return {@code this ~* regex}}, case-insensitive */
  default Expr<Boolean> matchesIgnoreCase(String regex) {
    return Binary.predicate(expr(), BinaryOp.REGEX_MATCH_IGNORE_CASE, Param.of(PgTypes.TEXT, regex));
  }

  /** {@return {@code this !~ regex}} */
  default Expr<Boolean> notMatches(String regex) {
    return Binary.predicate(expr(), BinaryOp.REGEX_NO_MATCH, Param.of(PgTypes.TEXT, regex));
  }

  /** {@return {@code this !~* regex}} */
  default Expr<Boolean> notMatchesIgnoreCase(String regex) {
    return Binary.predicate(expr(), BinaryOp.REGEX_NO_MATCH_IGNORE_CASE, Param.of(PgTypes.TEXT, regex));
  }

  /** {@return the text {@code this || other}} */
  default Expr<String> concat(Expression<?> other) {
    return new Binary<>(expr(), BinaryOp.CONCAT, other.expr(), PgTypes.TEXT);
  }

  /** {@return the text {@code this || text}} */
  default Expr<String> concat(String text) {
    return new Binary<>(expr(), BinaryOp.CONCAT, Param.of(PgTypes.TEXT, text), PgTypes.TEXT);
  }

  /** {@return {@code this + value}} */
  default Expr<T> plus(T value) {
    return arithmetic(BinaryOp.PLUS, bind(value));
  }

  /** {@return {@code this + other}} */
  default Expr<T> plus(Expression<T> other) {
    return arithmetic(BinaryOp.PLUS, other.expr());
  }

  /** {@return {@code this - value}} */
  default Expr<T> minus(T value) {
    return arithmetic(BinaryOp.MINUS, bind(value));
  }

  /** {@return {@code this - other}} */
  default Expr<T> minus(Expression<T> other) {
    return arithmetic(BinaryOp.MINUS, other.expr());
  }

  /** {@return {@code this * value}} */
  default Expr<T> times(T value) {
    return arithmetic(BinaryOp.TIMES, bind(value));
  }

  /** {@return {@code this * other}} */
  default Expr<T> times(Expression<T> other) {
    return arithmetic(BinaryOp.TIMES, other.expr());
  }

  /** {@return {@code this / value}}; integer types divide as integers, as in PostgreSQL */
  default Expr<T> dividedBy(T value) {
    return arithmetic(BinaryOp.DIVIDE, bind(value));
  }

  /** {@return {@code this / other}} */
  default Expr<T> dividedBy(Expression<T> other) {
    return arithmetic(BinaryOp.DIVIDE, other.expr());
  }

  /** {@return {@code this % value}} */
  default Expr<T> modulo(T value) {
    return arithmetic(BinaryOp.MODULO, bind(value));
  }

  /** {@return {@code -this}} */
  default Expr<T> negate() {
    return new Unary<>(UnaryOp.NEGATE, expr(), type());
  }

  /** {@return {@code CAST(this AS type)}} */
  default <R> Expr<R> cast(SqlType<R> type) {
    return new Cast<>(expr(), type);
  }

  /** {@return this expression under a name: {@code this AS name} in a select list} */
  default Label<T> as(String name) {
    return new Label<>(expr(), name);
  }

  /** {@return {@code this ASC}, for ORDER BY} */
  default OrderItem asc() {
    return new OrderItem(expr(), OrderItem.Direction.ASC, OrderItem.Nulls.DEFAULT);
  }

  /** {@return {@code this DESC}, for ORDER BY} */
  default OrderItem desc() {
    return new OrderItem(expr(), OrderItem.Direction.DESC, OrderItem.Nulls.DEFAULT);
  }

  private Expr<T> arithmetic(BinaryOp op, Expr<?> right) {
    return new Binary<>(expr(), op, right, type());
  }

  private Param<T> bind(T value) {
    return Param.of(type(), value);
  }

  private Param<java.util.List<T>> bindArray(Collection<? extends T> values) {
    // Nulls are legal elements of a PostgreSQL array, which List.copyOf would refuse.
    var copy = Collections.unmodifiableList(new ArrayList<T>(values));
    return new Param<>(new ArrayType<>(type()), copy);
  }
}
