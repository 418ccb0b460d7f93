package dev.tusk.sql.compile;

import dev.tusk.sql.ast.TableName;
import java.util.Set;

/**
 * Quotes identifiers exactly when PostgreSQL needs it: a name is written bare only if it is a
 * plain lower-case identifier ({@code [a-z_][a-z0-9_]*}) and not a keyword that the grammar
 * reserves for itself. Quoting preserves case, so {@code "Users"} and {@code users} differ, as in
 * PostgreSQL.
 */
final class Identifiers {
  /**
   * PostgreSQL's reserved keywords and its keywords reserved except as function or type names
   * ("reserved (can be function or type)"), from the appendix "SQL Key Words" of PostgreSQL 17
   * (src/include/parser/kwlist.h, RESERVED_KEYWORD and TYPE_FUNC_NAME_KEYWORD). None of them can
   * name a table or column unquoted; unreserved and column-name keywords can.
   */
  static final Set<String> RESERVED = Set.of(
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
      "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
      "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
      "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
      "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
      "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
      "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
      "unique", "user", "using", "variadic", "when", "where", "window", "with",
      // reserved (can be function or type)
      "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
      "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
      "right", "similar", "tablesample", "verbose");

  private Identifiers() {}

  /** {@return the identifier as SQL must write it: bare when possible, else double-quoted with {@code "} doubled} */
  static String quote(String name) {
    if (isBare(name) && !RESERVED.contains(name)) {
      return name;
    }
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an identifier cannot contain NUL");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@return {@code schema.name}, each part quoted as needed} */
  static String quote(TableName name) {
    return name.schema() == null ? quote(name.name()) : quote(name.schema()) + "." + quote(name.name());
  }

  /**
   * {@return a function name, each dot-separated part quoted unless it is a plain identifier}:
   * keywords stay bare, because {@code coalesce}, {@code left} or {@code greatest} only parse bare
   */
  static String functionName(String name) {
    var out = new StringBuilder(name.length());
    int start = 0;
    while (true) {
      int dot = name.indexOf('.', start);
      String part = dot < 0 ? name.substring(start) : name.substring(start, dot);
      out.append(isBare(part) ? part : quote(part));
      if (dot < 0) {
        return out.toString();
      }
      out.append('.');
      start = dot + 1;
    }
  }

  private static boolean isBare(String name) {
    if (name.isEmpty()) {
      return false;
    }
    char first = name.charAt(0);
    if (!(first >= 'a' && first <= 'z') && first != '_') {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }
}
