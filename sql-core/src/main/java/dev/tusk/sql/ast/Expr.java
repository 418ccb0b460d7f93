package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;

/**
 * A node of the expression tree. Nodes are immutable records; the compiler renders them with one
 * exhaustive switch, so a new node breaks the build wherever it must be handled.
 *
 * @param <T> the Java type of the expression's values
 */
public sealed interface Expr<T> extends Expression<T>
    permits ColumnRef, Param, Slot, Constant, Raw, Binary, Unary, Junction, Quantified,
    QuantifiedSubquery, Between, Case, Cast, FunctionCall, Aggregate, WindowCall, Exists,
    ScalarSubquery, RowValue, ArrayConstructor, Subscript, Label, Star {
  @Override
  SqlType<T> type();

  @Override
  default Expr<T> expr() {
    return this;
  }
}
