package dev.tusk.sql.ast;

/** A node of a FROM clause. */
public sealed interface FromItem extends FromSource
    permits TableRef, Join, DerivedTable, ValuesTable, FunctionTable, CteRef {
  @Override
  default FromItem fromItem() {
    return this;
  }
}
