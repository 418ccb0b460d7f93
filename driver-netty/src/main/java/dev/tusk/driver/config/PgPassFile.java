package dev.tusk.driver.config;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks a password up in a password file
 * (<a href="https://www.postgresql.org/docs/current/libpq-pgpass.html">The Password File</a>),
 * matching as libpq's {@code passwordFromFile} does.
 *
 * <p>Each line is {@code hostname:port:database:username:password}. A field of exactly {@code *}
 * matches anything (the password field excepted); {@code \:} and {@code \\} stand for {@code :}
 * and {@code \}. Lines starting with {@code #} and empty lines are skipped; the first matching line
 * wins. Fields are compared as strings: {@code localhost} matches the host {@code localhost} and
 * nothing else (no name resolution), and the port is compared in decimal.
 *
 * <p>The file is read on each call and never cached: it holds secrets, and it may change.
 */
public final class PgPassFile {
  private PgPassFile() {}

  private static final System.Logger LOG = System.getLogger(PgPassFile.class.getName());
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
  /** Files already warned about: a pool opening connections would otherwise repeat the warning. */
  private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

  /**
   * {@return the password of the first line matching all four values, or empty}. Empty also when
   * the file is missing or unreadable, and, as in libpq, when it is not a regular file or (on POSIX
   * file systems) grants any permission to group or others: such a file is ignored with one
   * WARNING per file and process. A matching line with an empty password gives an empty string.
   *
   * @param host the host as the connection names it; for a Unix-domain socket in the default
   *     directory, libpq passes {@code localhost}
   */
  public static Optional<String> findPassword(Path file, String host, int port, String database, String user) {
    Objects.requireNonNull(file, "file");
    String[] wanted = {
      Objects.requireNonNull(host, "host"),
      Integer.toString(port),
      Objects.requireNonNull(database, "database"),
      Objects.requireNonNull(user, "user")
    };
    if (!isSafe(file)) {
      return Optional.empty();
    }
    String content;
    try {
      content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    for (String line : content.split("\n", -1)) {
      if (line.startsWith("#")) {
        continue;
      }
      line = stripLineEnd(line);
      if (line.isEmpty()) {
        continue;
      }
      Optional<String> password = passwordIfMatches(line, wanted);
      if (password.isPresent()) {
        return password;
      }
    }
    return Optional.empty();
  }

  private static boolean isSafe(Path file) {
    try {
      if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
        warnOnce(file, "password file {0} is not a plain file; ignoring it");
        return false;
      }
      PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (posix != null && posix.readAttributes().permissions().stream().anyMatch(GROUP_OR_OTHERS::contains)) {
        warnOnce(file, "password file {0} has group or world access; permissions should be u=rw (0600) or less; ignoring it");
        return false;
      }
      return true;
    } catch (IOException e) {
      return false; // missing or unreadable: silently, as in libpq
    }
  }

  private static void warnOnce(Path file, String message) {
    if (WARNED.add(file.toAbsolutePath().normalize())) {
      LOG.log(Level.WARNING, message, file);
    }
  }

  /** Strips the trailing {@code \r} and {@code \n} characters, as libpq's {@code pg_strip_crlf}. */
  private static String stripLineEnd(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
      end--;
    }
    return line.substring(0, end);
  }

  private static Optional<String> passwordIfMatches(String line, String[] wanted) {
    int i = 0;
    for (String value : wanted) {
      i = endOfMatchingField(line, i, value);
      if (i < 0) {
        return Optional.empty();
      }
    }
    // the password runs to the next unescaped ':' (extra fields are ignored) or the end
    var password = new StringBuilder();
    while (i < line.length() && line.charAt(i) != ':') {
      if (line.charAt(i) == '\\' && i + 1 < line.length()) {
        i++;
      }
      password.append(line.charAt(i++));
    }
    return Optional.of(password.toString());
  }

  /**
   * {@return the index after the ':' ending the field at {@code start} when the field matches
   * {@code value}, else -1}. Like libpq's {@code pwdfMatchesString}, an unescaped ':' that the value
   * also has at that point is matched rather than taken as the end of the field, so an IPv6
   * address may be written unescaped.
   */
  private static int endOfMatchingField(String line, int start, String value) {
    if (line.startsWith("*:", start)) {
      return start + 2;
    }
    int i = start;
    int matched = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      boolean escaped = c == '\\';
      if (escaped) {
        if (++i == line.length()) {
          return -1;
        }
        c = line.charAt(i);
      }
      if (c == ':' && !escaped && matched == value.length()) {
        return i + 1;
      }
      if (matched == value.length() || value.charAt(matched) != c) {
        return -1;
      }
      matched++;
      i++;
    }
    return -1;
  }
}
