package dev.tusk.driver.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the URI form, {@code postgresql://[userspec@][hostspec][/dbname][?paramspec]}, step by
 * step as libpq's {@code conninfo_uri_parse_options} does, so that a URI means here what it means
 * to psql. Where this parser is stricter than libpq it says so in a comment.
 */
final class UriConnectionString {
  private UriConnectionString() {}

  private static final List<String> SCHEMES = List.of("postgresql://", "postgres://");
  private static final char END = '\0';

  /** {@return the length of the {@code postgresql://} or {@code postgres://} prefix, or 0} */
  static int prefixLength(String text) {
    for (String scheme : SCHEMES) {
      if (text.startsWith(scheme)) {
        return scheme.length();
      }
    }
    return 0;
  }

  /** Parses {@code text}, which starts with a prefix of {@code prefixLength} characters. */
  static Map<String, String> parse(String text, int prefixLength) {
    MaskedText source = MaskedText.ofUri(text, prefixLength);
    var options = new LinkedHashMap<String, String>();
    int n = text.length();
    int p = prefixLength;

    // User info. As in libpq, the first '@' before any '/' ends it, even one past a '?': so a
    // password may hold a raw '?' (not a raw '/' or '@'), and an '@' in the query of a URI
    // without a path must be percent-encoded.
    int at = p;
    while (at < n && text.charAt(at) != '@' && text.charAt(at) != '/') {
      at++;
    }
    if (at < n && text.charAt(at) == '@') {
      int colon = text.indexOf(':', p);
      int userEnd = colon >= 0 && colon < at ? colon : at;
      if (userEnd > p) {
        options.put("user", PercentDecoding.decode(source, p, userEnd, "user name", false));
      }
      if (userEnd + 1 < at) {
        options.put("password", PercentDecoding.decode(source, userEnd + 1, at, "password", true));
      }
      p = at + 1;
    }

    // Hosts: host[:port] separated by ','. Each host adds an entry to both lists, so that the
    // lists stay parallel: a host without a port leaves its port entry empty (libpq's convention).
    var hosts = new StringBuilder();
    var ports = new StringBuilder();
    char terminator;
    while (true) {
      int hostStart;
      int hostEnd;
      if (p < n && text.charAt(p) == '[') {
        int open = p;
        hostStart = p + 1;
        int close = text.indexOf(']', hostStart);
        if (close < 0) {
          throw source.error(open, 0, endOfHosts(text, open), "unterminated '[' in IPv6 host address");
        }
        if (close == hostStart) {
          throw source.error(open, 0, close + 1, "empty IPv6 host address");
        }
        hostEnd = close;
        p = close + 1;
        if (p < n && ":/?,".indexOf(text.charAt(p)) < 0) {
          throw source.error(p, 0, p + 1, "unexpected character after IPv6 host address (expected ':', '/', '?' or ',')");
        }
      } else {
        hostStart = p;
        while (p < n && ":/?,".indexOf(text.charAt(p)) < 0) {
          p++;
        }
        hostEnd = p;
      }
      // Stricter than libpq, which would look up the name and fail: an '@' here is almost always
      // a password with a raw '@', and the host would otherwise carry the end of it.
      int stray = text.indexOf('@', hostStart);
      if (stray >= 0 && stray < hostEnd) {
        throw source.error(stray, 0, stray + 1, "'@' in host name (percent-encode '@' in a user name or password as %40)");
      }
      hosts.append(PercentDecoding.decode(source, hostStart, hostEnd, "host name", false));
      terminator = p < n ? text.charAt(p) : END;
      if (terminator == ':') {
        int portStart = ++p;
        while (p < n && "/?,".indexOf(text.charAt(p)) < 0) {
          p++;
        }
        String port = PercentDecoding.decode(source, portStart, p, "port", false);
        String problem = Keywords.portProblem(port);
        if (problem != null) {
          throw source.error(portStart, 0, p,
              port.contains(":") ? problem + " (enclose an IPv6 address in brackets: [::1]:5432)" : problem);
        }
        ports.append(port);
        terminator = p < n ? text.charAt(p) : END;
      }
      if (terminator != ',') {
        break;
      }
      p++;
      hosts.append(',');
      ports.append(',');
    }
    if (!hosts.isEmpty()) {
      options.put("host", hosts.toString());
    }
    if (!ports.isEmpty()) {
      options.put("port", ports.toString());
    }

    if (terminator == '/') {
      int dbnameStart = ++p;
      while (p < n && text.charAt(p) != '?') {
        p++;
      }
      // as libpq: an empty dbname is left unset, so that PGDATABASE and the default still apply
      if (p > dbnameStart) {
        options.put("dbname", PercentDecoding.decode(source, dbnameStart, p, "database name", false));
      }
      terminator = p < n ? '?' : END;
    }
    if (terminator == '?') {
      parseQuery(source, p + 1, options);
    }
    return options;
  }

  /** Parses {@code key=value&…}; a parameter overrides what the rest of the URI said. */
  private static void parseQuery(MaskedText source, int from, Map<String, String> options) {
    String text = source.text();
    int n = text.length();
    int p = from;
    while (p < n) {
      int paramStart = p;
      int equals = -1;
      while (p < n && text.charAt(p) != '&') {
        char c = text.charAt(p);
        // Stricter than libpq, which would take the '?' into the value: it is a typo for '&'.
        if (c == '?') {
          throw source.error(p, 0, p + 1, "second '?' in URI (separate query parameters with '&')");
        }
        if (c == '=') {
          if (equals >= 0) {
            throw source.error(p, 0, p + 1, "second '=' in query parameter (percent-encode it as %3D)");
          }
          equals = p;
        }
        p++;
      }
      int paramEnd = p;
      if (paramEnd == paramStart) {
        throw source.error(paramStart, 0, paramStart + 1, "empty query parameter");
      }
      if (equals < 0) {
        throw source.error(paramStart, 0, paramEnd, "missing '=' in query parameter");
      }
      if (equals == paramStart) {
        throw source.error(paramStart, 0, paramStart + 1, "missing key before '=' in query parameter");
      }
      String key = PercentDecoding.decode(source, paramStart, equals, "query parameter name", false);
      boolean secret = key.contains("password");
      String value = PercentDecoding.decode(source, equals + 1, paramEnd, "query parameter value", secret);
      if (Keywords.firstIllegalCharacter(key) >= 0) {
        throw source.error(paramStart, 0, equals, "invalid key (keys match " + Keywords.KEY_SHAPE + ")");
      }
      if (key.equals("ssl")) {
        // libpq's one alias, kept for JDBC URLs
        if (!value.equals("true")) {
          throw source.error(equals + 1, 0, paramEnd, "ssl accepts only true (meaning sslmode=require)");
        }
        key = "sslmode";
        value = "require";
      } else if (key.equals("port")) {
        String problem = Keywords.portListProblem(value);
        if (problem != null) {
          throw source.error(equals + 1, 0, paramEnd, problem);
        }
      }
      options.put(key, value);
      if (p < n) {
        p++;
      }
    }
  }

  private static int endOfHosts(String text, int from) {
    int end = from;
    while (end < text.length() && "/?".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    return end;
  }
}
