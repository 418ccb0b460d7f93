package dev.tusk.sql.ast;

/**
 * PostgreSQL's operator precedence, loosest first, as in the table "Operator Precedence (highest
 * to lowest)" of the PostgreSQL documentation (section "Lexical Structure"). The compiler adds
 * parentheses exactly where a child binds looser than its parent needs.
 */
public enum Precedence {
  /** A whole expression in a list or a clause: nothing around it. */
  LOWEST,
  OR,
  AND,
  NOT,
  /** {@code IS NULL}, {@code IS DISTINCT FROM}, ... */
  IS,
  /** {@code < > = <= >= <>}, also with {@code ANY}/{@code ALL}. */
  COMPARISON,
  /** {@code BETWEEN IN LIKE ILIKE SIMILAR}. */
  LIKE,
  /** Every other operator: {@code || -> ->> @> ~ &&} and user-defined ones. */
  OTHER,
  ADDITIVE,
  MULTIPLICATIVE,
  EXPONENT,
  AT_TIME_ZONE,
  COLLATE,
  /** Prefix {@code +} and {@code -}. */
  UNARY_SIGN,
  /** Array subscripts {@code [ ]}. */
  SUBSCRIPT,
  /** {@code ::}. */
  CAST,
  /** Column references, parameters, function calls, anything already delimited. */
  PRIMARY;

  /** {@return whether this level binds strictly tighter than {@code other}} */
  public boolean tighterThan(Precedence other) {
    return compareTo(other) > 0;
  }
}
