package dev.tusk.sql.ast;

/** How a chain of operators of equal precedence groups, which decides where parentheses go. */
public enum Associativity {
  /** {@code a - b - c} is {@code (a - b) - c}. */
  LEFT,
  /** Comparisons: {@code a = b = c} is a syntax error, so both sides need parentheses. */
  NONE
}
