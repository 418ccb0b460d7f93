package dev.tusk.sql.ast;

/**
 * Anything that can stand in a FROM clause: a table, an alias, a subquery, a CTE, a join. Tables
 * (user classes) implement it by giving their {@link TableRef}.
 */
public interface FromSource {
  /** {@return the FROM node this source stands for} */
  FromItem fromItem();
}
