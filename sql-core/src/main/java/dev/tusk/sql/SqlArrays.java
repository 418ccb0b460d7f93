package dev.tusk.sql;

import dev.tusk.sql.ast.Binary;
import dev.tusk.sql.ast.BinaryOp;
import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.ast.Param;
import dev.tusk.sql.ast.Quantified;
import dev.tusk.sql.ast.Quantifier;
import dev.tusk.sql.ast.Subscript;
import dev.tusk.sql.types.ArrayType;
import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Array operators: containment, overlap, concatenation, ANY/ALL and subscripts. Values are bound parameters. */
public final class SqlArrays {
  private SqlArrays() {}

  /** {@return {@code array @> values}: whether the array holds every one of the values} */
  public static <E> Expr<Boolean> contains(Expression<List<E>> array, Collection<? extends E> values) {
    return Binary.predicate(array.expr(), BinaryOp.CONTAINS, bind(array, values));
  }

  /** {@return {@code array @> other}} */
  public static <E> Expr<Boolean> contains(Expression<List<E>> array, Expression<List<E>> other) {
    return Binary.predicate(array.expr(), BinaryOp.CONTAINS, other.expr());
  }

  /** {@return {@code array <@ values}: whether every element of the array is among the values} */
  public static <E> Expr<Boolean> containedBy(Expression<List<E>> array, Collection<? extends E> values) {
    return Binary.predicate(array.expr(), BinaryOp.CONTAINED_BY, bind(array, values));
  }

  /** {@return {@code array && values}: whether they have an element in common} */
  public static <E> Expr<Boolean> overlaps(Expression<List<E>> array, Collection<? extends E> values) {
    return Binary.predicate(array.expr(), BinaryOp.OVERLAPS, bind(array, values));
  }

  /** {@return {@code array || values}} */
  public static <E> Expr<List<E>> concat(Expression<List<E>> array, Collection<? extends E> values) {
    return new Binary<>(array.expr(), BinaryOp.CONCAT, bind(array, values), array.type());
  }

  /** {@return {@code array || other}} */
  public static <E> Expr<List<E>> concat(Expression<List<E>> array, Expression<List<E>> other) {
    return new Binary<>(array.expr(), BinaryOp.CONCAT, other.expr(), array.type());
  }

  /** {@return {@code value op ANY (array)}, such as {@code $1 = ANY (tags)}} */
  public static <E> Expr<Boolean> any(Expression<E> value, BinaryOp op, Expression<List<E>> array) {
    return new Quantified(value.expr(), op, Quantifier.ANY, array.expr());
  }

  /** {@return {@code value op ALL (array)}} */
  public static <E> Expr<Boolean> all(Expression<E> value, BinaryOp op, Expression<List<E>> array) {
    return new Quantified(value.expr(), op, Quantifier.ALL, array.expr());
  }

  /** {@return {@code $n = ANY (array)}: whether the array holds the value} */
  public static <E> Expr<Boolean> has(Expression<List<E>> array, E value) {
    return new Quantified(Param.of(elementType(array), value), BinaryOp.EQ, Quantifier.ANY, array.expr());
  }

  /** {@return {@code array[index]}, 1-based as in PostgreSQL} */
  public static <E> Expr<E> get(Expression<List<E>> array, int index) {
    return new Subscript<>(array.expr(), Param.of(PgTypes.INTEGER, index), null, elementType(array));
  }

  /** {@return {@code array[from:to]}, both ends included} */
  public static <E> Expr<List<E>> slice(Expression<List<E>> array, int from, int to) {
    return new Subscript<>(array.expr(), Param.of(PgTypes.INTEGER, from), Param.of(PgTypes.INTEGER, to),
        array.type());
  }

  @SuppressWarnings("unchecked")
  private static <E> SqlType<E> elementType(Expression<List<E>> array) {
    if (array.type() instanceof ArrayType<?> arrayType) {
      return (SqlType<E>) arrayType.elementType();
    }
    return (SqlType<E>) PgTypes.UNKNOWN;
  }

  private static <E> Param<List<E>> bind(Expression<List<E>> array, Collection<? extends E> values) {
    List<E> copy = Collections.unmodifiableList(new ArrayList<E>(values));
    return new Param<>(array.type(), copy);
  }
}
