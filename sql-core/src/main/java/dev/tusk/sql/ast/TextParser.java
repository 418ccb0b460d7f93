package dev.tusk.sql.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts hand-written SQL at its {@code :name} parameters. A small lexer that knows just enough of
 * PostgreSQL's lexical structure to skip what must not be touched: string constants (with the
 * backslash escapes of {@code E'...'}), quoted identifiers, line and (nested) block comments,
 * dollar-quoted strings and {@code ::} casts.
 */
final class TextParser {
  private final String sql;
  private final List<TextPart> parts = new ArrayList<>();
  private final StringBuilder pending = new StringBuilder();
  private int pos;

  private TextParser(String sql) {
    this.sql = sql;
  }

  static List<TextPart> parse(String sql) {
    var parser = new TextParser(sql);
    parser.run();
    return List.copyOf(parser.parts);
  }

  private void run() {
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (c == '\'') {
        boolean escapes = pos > 0 && (sql.charAt(pos - 1) == 'E' || sql.charAt(pos - 1) == 'e')
            && (pos == 1 || !isIdentifierPart(sql.charAt(pos - 2)));
        copyQuoted('\'', escapes);
      } else if (c == '"') {
        copyQuoted('"', false);
      } else if (c == '-' && next() == '-') {
        copyLineComment();
      } else if (c == '/' && next() == '*') {
        copyBlockComment();
      } else if (c == '$' && isDigit(next()) && !followsIdentifier()) {
        throw new IllegalArgumentException("positional parameter at offset " + pos
            + "; text() numbers its parameters itself, use :name");
      } else if (c == '$' && !followsIdentifier() && dollarTagEnd() > 0) {
        copyDollarQuoted(dollarTagEnd());
      } else if (c == ':' && next() == ':') {
        pending.append("::");
        pos += 2;
        while (pos < sql.length() && sql.charAt(pos) == ':') {
          pending.append(':');
          pos++;
        }
      } else if (c == ':' && isIdentifierStart(next())) {
        int start = ++pos;
        while (pos < sql.length() && isIdentifierPart(sql.charAt(pos)) && sql.charAt(pos) != '$') {
          pos++;
        }
        flush();
        parts.add(new TextPart.Named(sql.substring(start, pos), null));
      } else if (c == '\\' && next() == ':') {
        pending.append(':');
        pos += 2;
      } else {
        pending.append(c);
        pos++;
      }
    }
    flush();
  }

  private void flush() {
    if (!pending.isEmpty()) {
      parts.add(new TextPart.Sql(pending.toString()));
      pending.setLength(0);
    }
  }

  /** Copies a quoted string or identifier; a doubled quote is part of it. */
  private void copyQuoted(char quote, boolean backslashEscapes) {
    int start = pos++;
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      if (backslashEscapes && c == '\\') {
        pos += 2;
      } else if (c == quote && next() == quote) {
        pos += 2;
      } else if (c == quote) {
        pos++;
        pending.append(sql, start, pos);
        return;
      } else {
        pos++;
      }
    }
    throw new IllegalArgumentException("unterminated " + (quote == '"' ? "quoted identifier" : "string")
        + " starting at offset " + start);
  }

  private void copyLineComment() {
    int end = sql.indexOf('\n', pos);
    end = end < 0 ? sql.length() : end;
    pending.append(sql, pos, end);
    pos = end;
  }

  /** PostgreSQL's block comments nest. */
  private void copyBlockComment() {
    int start = pos;
    int depth = 0;
    while (pos < sql.length()) {
      if (sql.startsWith("/*", pos)) {
        depth++;
        pos += 2;
      } else if (sql.startsWith("*/", pos)) {
        depth--;
        pos += 2;
        if (depth == 0) {
          pending.append(sql, start, pos);
          return;
        }
      } else {
        pos++;
      }
    }
    throw new IllegalArgumentException("unterminated comment starting at offset " + start);
  }

  /** {@return the offset just past a dollar-quote tag ({@code $$} or {@code $tag$}) at pos, or -1} */
  private int dollarTagEnd() {
    int i = pos + 1;
    if (i < sql.length() && isIdentifierStart(sql.charAt(i))) {
      while (i < sql.length() && isIdentifierPart(sql.charAt(i)) && sql.charAt(i) != '$') {
        i++;
      }
    }
    return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
  }

  private void copyDollarQuoted(int tagEnd) {
    String tag = sql.substring(pos, tagEnd);
    int close = sql.indexOf(tag, tagEnd);
    if (close < 0) {
      throw new IllegalArgumentException("unterminated dollar-quoted string " + tag + " at offset " + pos);
    }
    pending.append(sql, pos, close + tag.length());
    pos = close + tag.length();
  }

  private char next() {
    return pos + 1 < sql.length() ? sql.charAt(pos + 1) : '\0';
  }

  /** A {@code $} inside an identifier ({@code a$1}) is part of it, not a parameter or a quote. */
  private boolean followsIdentifier() {
    return pos > 0 && isIdentifierPart(sql.charAt(pos - 1));
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
