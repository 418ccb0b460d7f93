package dev.tusk.driver.config;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads libpq connection strings
 * (<a href="https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING">Connection
 * Strings</a>) into keyword → value maps. It checks syntax only: it fills in no defaults (see
 * {@link Environment#defaults()}) and, apart from port numbers, leaves values to the caller.
 *
 * <h2>Accepted forms</h2>
 *
 * <ul>
 *   <li>The empty string, or blanks only: no keywords, all defaults.
 *   <li>Keyword/value: {@code host=localhost port=5432 dbname='my db' password='it\'s'}. Blanks
 *       around {@code =} are allowed; a value is single-quoted when it is empty or holds blanks;
 *       a backslash takes the next character literally, inside quotes and outside them.
 *   <li>URI: {@code postgresql://[user[:password]@][host[:port][,…]][/dbname][?key=value&…]}, also
 *       with the scheme {@code postgres://}. Every component is percent-decoded (as UTF-8); an
 *       IPv6 address is written in brackets ({@code [::1]:5433}), a Unix-domain socket directory
 *       percent-encoded ({@code %2Fvar%2Frun%2Fpostgresql}). A query parameter overrides the same
 *       keyword given by the rest of the URI, and {@code ssl=true} means {@code sslmode=require}.
 *       Empty parts are left unset: {@code postgresql://} and {@code postgresql://host/} set no
 *       host and no dbname respectively.
 * </ul>
 *
 * <h2>Several hosts</h2>
 *
 * A URI with several hosts yields libpq's parallel lists: {@code host} joins the hosts with
 * {@code ,} and {@code port} holds one entry per host, <em>empty</em> where that host has no
 * port (it then gets the default port). So {@code postgresql://a:5433,b/} gives
 * {@code host=a,b port=5433,}, and {@code postgresql://a,b/} gives {@code host=a,b port=,}. A
 * single host without a port sets no {@code port} at all.
 *
 * <h2>Keywords</h2>
 *
 * Any key of the shape {@code [a-z_][a-z0-9_.]*} is accepted: every libpq keyword, and the names
 * of server settings (such as {@code search_path} or {@code statement_timeout}) that the caller
 * passes on to the server. Unix-domain socket hosts (starting with {@code /}) are returned as
 * they are; whether they are supported is the caller's decision.
 *
 * <h2>Errors</h2>
 *
 * Malformed input throws a {@link dev.tusk.driver.PgException} with SQLSTATE 22023 whose message
 * gives the 1-based character position and an excerpt, for example {@code invalid connection
 * string at position 27: unterminated quoted value in "password='…"}. A message never contains a
 * password: the password of a URI's user info and the value of any {@code …password} key are
 * masked as {@code …}.
 *
 * <p>This parser is stricter than libpq in four places, each of which libpq accepts only to fail
 * later or to mean something unintended: a port must be digits only, from 1 to 65535 (or empty);
 * a URI host must not contain a raw {@code @}; a URI query must not contain a second raw
 * {@code ?}; and percent-encoded bytes must be UTF-8. It is more lenient in one: libpq refuses
 * keys it does not know, where this parser returns them for the caller to pass on or refuse.
 */
public final class ConnectionStrings {
  private ConnectionStrings() {}

  /** A URI-like start ({@code jdbc:}, {@code mysql://}…) that is not one of libpq's two schemes. */
  private static final Pattern OTHER_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:(//)?");

  /**
   * Parses a connection string in either form.
   *
   * @return the keywords in the order they first appear, in a new {@link java.util.LinkedHashMap}
   *     that the caller owns
   * @throws dev.tusk.driver.PgException with SQLSTATE 22023 when the string is malformed
   */
  public static Map<String, String> parse(String connectionString) {
    Objects.requireNonNull(connectionString, "connectionString");
    int prefixLength = UriConnectionString.prefixLength(connectionString);
    if (prefixLength > 0) {
      return UriConnectionString.parse(connectionString, prefixLength);
    }
    var scheme = OTHER_SCHEME.matcher(connectionString);
    if (scheme.lookingAt()) {
      // no keyword can hold a ':', so this was meant as a URI
      String hint = connectionString.startsWith("jdbc:") ? " (remove the jdbc: prefix)" : "";
      throw MaskedText.ofUri(connectionString, scheme.end())
          .error(0, 0, scheme.end(), "URI scheme must be postgresql:// or postgres://" + hint);
    }
    return KeywordValueConnectionString.parse(connectionString);
  }
}
