package dev.tusk.driver.config;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection string being parsed, with the ranges that may hold a password, so that errors can
 * quote the input without ever quoting a secret.
 *
 * <p>The secret ranges are found by a lenient scan made <em>before</em> parsing: the parser fails
 * on malformed input, which is exactly when it cannot be trusted to know where the password is.
 * The scan therefore masks generously (over-masking only makes an excerpt less helpful).
 */
final class MaskedText {
  /** Longest excerpt quoted in a message, so that a long string does not flood the log. */
  private static final int MAX_EXCERPT = 48;
  private static final String MASK = "…";
  /** {@code password = value} anywhere, also inside another value (sslpassword, a quoted options…). */
  private static final Pattern PASSWORD_ASSIGNMENT =
      Pattern.compile("password\\s*=\\s*", Pattern.CASE_INSENSITIVE);

  private record Range(int start, int end) {}

  private final String text;
  private final List<Range> secrets;

  private MaskedText(String text, List<Range> secrets) {
    this.text = text;
    this.secrets = secrets.stream()
        .filter(range -> range.end > range.start)
        .sorted(Comparator.comparingInt(Range::start))
        .toList();
  }

  /** Masks the value of every {@code …password=} assignment, quoted or not. */
  static MaskedText ofKeywordValue(String text) {
    var secrets = new ArrayList<Range>();
    Matcher assignment = PASSWORD_ASSIGNMENT.matcher(text);
    while (assignment.find()) {
      int start = assignment.end();
      secrets.add(text.startsWith("'", start)
          ? new Range(start + 1, closingQuote(text, start + 1))
          : new Range(start, unquotedEnd(text, start)));
    }
    return new MaskedText(text, secrets);
  }

  /**
   * Masks the user info after its first {@code :}, and the value of every query parameter whose
   * (percent-decoded) name contains {@code password}.
   *
   * <p>The user info is taken to end at the <em>last</em> {@code @}: a password holding an
   * unencoded {@code @}, {@code /} or {@code ?} makes libpq's parse go astray, and the error that
   * follows must still not quote the rest of the password.
   */
  static MaskedText ofUri(String text, int authorityStart) {
    var secrets = new ArrayList<Range>();
    int lastAt = text.lastIndexOf('@');
    int colon = text.indexOf(':', authorityStart);
    if (lastAt >= authorityStart && colon >= 0 && colon < lastAt) {
      secrets.add(new Range(colon + 1, lastAt));
    }
    for (int i = authorityStart; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '?' && c != '&') {
        continue;
      }
      int keyEnd = i + 1;
      while (keyEnd < text.length() && "=&?".indexOf(text.charAt(keyEnd)) < 0) {
        keyEnd++;
      }
      boolean assigns = keyEnd < text.length() && text.charAt(keyEnd) == '=';
      if (assigns && lenientlyDecoded(text.substring(i + 1, keyEnd)).contains("password")) {
        // up to the next '&' only: an unencoded '?' in the value is still part of the value
        int valueEnd = text.indexOf('&', keyEnd);
        secrets.add(new Range(keyEnd + 1, valueEnd < 0 ? text.length() : valueEnd));
      }
    }
    return new MaskedText(text, secrets);
  }

  /** {@return the connection string itself} */
  String text() {
    return text;
  }

  /**
   * {@return the failure to throw for a syntax error}: SQLSTATE 22023, with the 1-based position of
   * the offending character and the masked text from {@code from} to {@code to}.
   *
   * @param index the 0-based index of the offending character ({@code length()} for "at the end")
   */
  PgException error(int index, int from, int to, String problem) {
    return new PgException(SqlState.INVALID_PARAMETER_VALUE,
        "invalid connection string at position " + (index + 1) + ": " + problem
            + " in \"" + excerpt(from, to) + "\"");
  }

  /** {@return text[from, to) with secrets masked, shortened from the left, "…" where more follows} */
  private String excerpt(int from, int to) {
    int start = Math.max(from, to - MAX_EXCERPT);
    var out = new StringBuilder();
    if (start > from) {
      out.append(MASK);
    }
    int i = start;
    for (Range secret : secrets) {
      if (secret.end <= i || secret.start >= to) {
        continue;
      }
      out.append(text, i, Math.max(i, secret.start));
      if (!endsWithMask(out)) {
        out.append(MASK);
      }
      i = Math.max(i, secret.end);
    }
    if (i < to) {
      out.append(text, i, to);
    }
    if (Math.max(i, to) < text.length() && !endsWithMask(out)) {
      out.append(MASK);
    }
    return out.toString();
  }

  private static boolean endsWithMask(StringBuilder out) {
    return out.length() >= MASK.length() && out.lastIndexOf(MASK) == out.length() - MASK.length();
  }

  /** {@return the index of the quote closing a value opened before {@code from}, or the length} */
  private static int closingQuote(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '\'') {
        return i;
      }
    }
    return text.length();
  }

  private static int unquotedEnd(String text, int from) {
    int i = from;
    while (i < text.length() && !KeywordValueConnectionString.isBlank(text.charAt(i))) {
      i += text.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i, text.length());
  }

  /** Decodes the valid {@code %XX} escapes of a query parameter name, leaving the rest as is. */
  private static String lenientlyDecoded(String name) {
    var out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '%' && i + 2 < name.length()
          && PercentDecoding.isHexDigit(name.charAt(i + 1)) && PercentDecoding.isHexDigit(name.charAt(i + 2))) {
        out.append((char) Integer.parseInt(name, i + 1, i + 3, 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
