package dev.tusk.driver.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the keyword/value form, {@code host=localhost port=5432 dbname='my db'}, as libpq's
 * {@code conninfo_parse} does. In particular, as in libpq:
 *
 * <ul>
 *   <li>blanks are C's {@code isspace} set: space, tab, newline, vertical tab, form feed, return;
 *   <li>blanks after {@code =} are skipped, so {@code host= port=5432} sets host to
 *       {@code port=5432};
 *   <li>a backslash takes the next character literally, inside quotes and outside them;
 *   <li>a quoted value needs no blank after its closing quote;
 *   <li>a key given twice keeps its last value.
 * </ul>
 */
final class KeywordValueConnectionString {
  private KeywordValueConnectionString() {}

  static Map<String, String> parse(String text) {
    MaskedText source = MaskedText.ofKeywordValue(text);
    var options = new LinkedHashMap<String, String>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (isBlank(text.charAt(i))) {
        i++;
        continue;
      }
      int keyStart = i;
      while (i < n && text.charAt(i) != '=' && !isBlank(text.charAt(i))) {
        i++;
      }
      int keyEnd = i;
      String key = text.substring(keyStart, keyEnd);
      if (key.isEmpty()) {
        throw source.error(keyStart, keyStart, keyStart + 1, "missing key before '='");
      }
      // Checked before the '=' so that a message never quotes past the first bad character of
      // something that is not a key (it may be a stray password).
      int illegal = Keywords.firstIllegalCharacter(key);
      if (illegal >= 0) {
        throw source.error(keyStart + illegal, keyStart, keyStart + illegal + 1,
            "invalid character in key (keys match " + Keywords.KEY_SHAPE + ")");
      }
      while (i < n && isBlank(text.charAt(i))) {
        i++;
      }
      if (i == n || text.charAt(i) != '=') {
        throw source.error(i, keyStart, keyEnd, "missing '=' after key");
      }
      i++;
      while (i < n && isBlank(text.charAt(i))) {
        i++;
      }

      int valueStart = i;
      var value = new StringBuilder();
      if (i < n && text.charAt(i) == '\'') {
        int quote = i++;
        while (true) {
          if (i == n) {
            throw source.error(quote, keyStart, quote + 1, "unterminated quoted value");
          }
          char c = text.charAt(i++);
          if (c == '\'') {
            break;
          }
          if (c == '\\' && i < n) {
            c = text.charAt(i++);
          } else if (c == '\\') {
            continue; // the next round reports the missing quote
          }
          value.append(c);
        }
      } else {
        while (i < n && !isBlank(text.charAt(i))) {
          char c = text.charAt(i++);
          if (c == '\\') {
            if (i == n) {
              break; // libpq drops a trailing backslash
            }
            c = text.charAt(i++);
          }
          value.append(c);
        }
      }
      int valueEnd = i;

      if (key.equals("ssl")) {
        // libpq refuses it too; the server's ssl setting cannot be set per session either
        throw source.error(keyStart, keyStart, valueEnd, "ssl is not a connection keyword (use sslmode=require)");
      }
      if (key.equals("port")) {
        String problem = Keywords.portListProblem(value.toString());
        if (problem != null) {
          throw source.error(valueStart, keyStart, valueEnd, problem);
        }
      }
      options.put(key, value.toString());
    }
    return options;
  }

  /** {@return whether C's {@code isspace} holds in the "C" locale}, libpq's separator test */
  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }
}
