package dev.tusk.sql.ast;

/**
 * A complete SQL statement. Statements are immutable values; {@code toString()} shows the SQL with
 * {@code $n} placeholders (never the values).
 */
public sealed interface Statement permits Query, Insert, Update, Delete, TextStatement {}
