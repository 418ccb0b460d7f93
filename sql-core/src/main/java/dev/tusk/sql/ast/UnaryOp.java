package dev.tusk.sql.ast;

import java.util.Objects;

/**
 * A prefix or postfix operator as data.
 *
 * @param token the operator as written in SQL
 * @param precedence how tightly it binds
 * @param postfix whether it follows its operand ({@code IS NULL}) rather than precedes it
 */
public record UnaryOp(String token, Precedence precedence, boolean postfix) {
  public static final UnaryOp NOT = new UnaryOp("NOT", Precedence.NOT, false);
  public static final UnaryOp NEGATE = new UnaryOp("-", Precedence.UNARY_SIGN, false);
  public static final UnaryOp IS_NULL = new UnaryOp("IS NULL", Precedence.IS, true);
  public static final UnaryOp IS_NOT_NULL = new UnaryOp("IS NOT NULL", Precedence.IS, true);

  public UnaryOp {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(precedence, "precedence");
  }
}
