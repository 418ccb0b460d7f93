package dev.tusk.sql.compile;

import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.types.SqlType;

/**
 * One column of a statement's result (its select list or RETURNING list).
 *
 * @param index the column's position, from 0
 * @param name the name PostgreSQL gives it
 * @param type the type its values decode to; a converted type converts after decoding
 * @param expression the select item, with any values erased, for finding a column by expression
 */
public record ResultColumn(int index, String name, SqlType<?> type, Expr<?> expression) {}
