package dev.tusk.sql.ast;

/** The quantifier of a comparison with an array or a subquery. */
public enum Quantifier {
  ANY, ALL
}
