package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code CASE WHEN c THEN r ... ELSE e END}, or with an operand, {@code CASE x WHEN v THEN r ...
 * END}. Builder methods return new nodes.
 *
 * @param operand the value compared in a simple CASE, or null for a searched CASE
 * @param whens one or more branches
 * @param orElse the ELSE result, or null (the result is then NULL when no branch matches)
 * @param type the type of the result
 * @param <T> the Java type of the result
 */
public record Case<T>(Expr<?> operand, List<When<T>> whens, Expr<T> orElse, SqlType<T> type)
    implements Expr<T> {
  public Case {
    whens = List.copyOf(whens);
    if (whens.isEmpty()) {
      throw new IllegalArgumentException("CASE needs at least one WHEN");
    }
    Objects.requireNonNull(type, "type");
  }

  /** {@return this CASE with one more branch} */
  public Case<T> when(Expression<?> condition, Expression<T> result) {
    var more = new ArrayList<>(whens);
    more.add(new When<>(condition.expr(), result.expr()));
    return new Case<>(operand, more, orElse, type);
  }

  /** {@return this CASE with one more branch whose result is a bound value} */
  public Case<T> when(Expression<?> condition, T result) {
    return when(condition, Param.of(type, result));
  }

  /** {@return this CASE with an ELSE} */
  public Case<T> orElse(Expression<T> result) {
    return new Case<>(operand, whens, result.expr(), type);
  }

  /** {@return this CASE with an ELSE that is a bound value} */
  public Case<T> orElse(T result) {
    return orElse(Param.of(type, result));
  }

  /**
   * One branch of a CASE.
   *
   * @param condition the condition, or the value compared with the operand in a simple CASE
   * @param result the result when it matches
   * @param <T> the Java type of the result
   */
  public record When<T>(Expr<?> condition, Expr<T> result) {
    public When {
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(result, "result");
    }
  }
}
