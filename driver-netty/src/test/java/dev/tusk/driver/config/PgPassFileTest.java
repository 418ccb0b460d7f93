package dev.tusk.driver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PgPassFileTest {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  @TempDir Path dir;

  /** Writes a password file that libpq would accept: owner read/write only where POSIX applies. */
  private Path passFile(String... lines) throws IOException {
    Path file = Files.createTempFile(dir, "pgpass", "");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    if (POSIX) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }

  private static Optional<String> find(Path file, String host, int port, String database, String user) {
    return PgPassFile.findPassword(file, host, port, database, user);
  }

  @Test
  void exactLineMatches() throws IOException {
    Path file = passFile("db.example.com:5432:app:alice:secret");
    assertEquals(Optional.of("secret"), find(file, "db.example.com", 5432, "app", "alice"));
    assertEquals(Optional.empty(), find(file, "db.example.com", 5433, "app", "alice"));
    assertEquals(Optional.empty(), find(file, "db.example.com", 5432, "app2", "alice"));
    assertEquals(Optional.empty(), find(file, "db.example.com", 5432, "app", "bob"));
    assertEquals(Optional.empty(), find(file, "db.example.co", 5432, "app", "alice"));
  }

  @Test
  void starMatchesAnythingInEachOfTheFirstFourFields() throws IOException {
    assertEquals(Optional.of("p1"), find(passFile("*:5432:app:alice:p1"), "anyhost", 5432, "app", "alice"));
    assertEquals(Optional.of("p2"), find(passFile("h:*:app:alice:p2"), "h", 6543, "app", "alice"));
    assertEquals(Optional.of("p3"), find(passFile("h:5432:*:alice:p3"), "h", 5432, "anydb", "alice"));
    assertEquals(Optional.of("p4"), find(passFile("h:5432:app:*:p4"), "h", 5432, "app", "anyone"));
    assertEquals(Optional.of("p5"), find(passFile("*:*:*:*:p5"), "h", 1, "d", "u"));
  }

  @Test
  void starIsAWildcardOnlyAsAWholeField() throws IOException {
    Path file = passFile("db*:5432:app:alice:glob", "\\*:5432:app:alice:literal");
    assertEquals(Optional.empty(), find(file, "db1", 5432, "app", "alice"));
    assertEquals(Optional.of("glob"), find(file, "db*", 5432, "app", "alice"));
    assertEquals(Optional.of("literal"), find(file, "*", 5432, "app", "alice"));
  }

  @Test
  void backslashEscapesColonAndBackslash() throws IOException {
    Path file = passFile("h:5432:my\\:db:dom\\\\alice:pa\\:ss\\\\word");
    assertEquals(Optional.of("pa:ss\\word"), find(file, "h", 5432, "my:db", "dom\\alice"));
  }

  @Test
  void anUnescapedIpv6AddressMatchesAsInLibpq() throws IOException {
    Path file = passFile("::1:5432:*:*:v6");
    assertEquals(Optional.of("v6"), find(file, "::1", 5432, "app", "alice"));
  }

  @Test
  void firstMatchingLineWins() throws IOException {
    Path file = passFile("h:5432:app:alice:first", "*:*:*:*:fallback", "h:5432:app:alice:second");
    assertEquals(Optional.of("first"), find(file, "h", 5432, "app", "alice"));
    assertEquals(Optional.of("fallback"), find(file, "other", 5432, "app", "alice"));
  }

  @Test
  void commentAndBlankLinesAreSkippedAndCrlfIsAccepted() throws IOException {
    Path file = passFile("# h:5432:app:alice:commented", "", "   ", "h:5432:app:alice:real\r", "");
    assertEquals(Optional.of("real"), find(file, "h", 5432, "app", "alice"));
    assertEquals(Optional.of("x"), find(passFile("#comment", "h:1:d:u:x"), "h", 1, "d", "u"));
  }

  @Test
  void localhostMatchesOnlyTheHostNamedLocalhost() throws IOException {
    Path file = passFile("localhost:5432:*:*:local");
    assertEquals(Optional.of("local"), find(file, "localhost", 5432, "app", "alice"));
    assertEquals(Optional.empty(), find(file, "127.0.0.1", 5432, "app", "alice"));
    assertEquals(Optional.empty(), find(file, "::1", 5432, "app", "alice"));
    assertEquals(Optional.empty(), find(file, "LOCALHOST", 5432, "app", "alice"));
  }

  @Test
  void portIsComparedAsItsDecimalString() throws IOException {
    assertEquals(Optional.empty(), find(passFile("h:05432:d:u:x"), "h", 5432, "d", "u"));
  }

  @Test
  void extraFieldsAfterThePasswordAreIgnoredAndMissingOnesNeverMatch() throws IOException {
    assertEquals(Optional.of("pw"), find(passFile("h:1:d:u:pw:extra"), "h", 1, "d", "u"));
    assertEquals(Optional.empty(), find(passFile("h:1:d:u"), "h", 1, "d", "u"));
    assertEquals(Optional.empty(), find(passFile("h:1:d"), "h", 1, "d", "u"));
  }

  @Test
  void anEmptyPasswordIsReturnedAsAnEmptyString() throws IOException {
    assertEquals(Optional.of(""), find(passFile("h:1:d:u:"), "h", 1, "d", "u"));
  }

  @Test
  void aTrailingBackslashInThePasswordIsKept() throws IOException {
    assertEquals(Optional.of("pw\\"), find(passFile("h:1:d:u:pw\\"), "h", 1, "d", "u"));
  }

  @Test
  void missingFileGivesEmpty() {
    assertEquals(Optional.empty(), find(dir.resolve("absent"), "h", 1, "d", "u"));
  }

  @Test
  void directoryIsIgnored() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("pgpass-dir"));
    assertEquals(Optional.empty(), find(sub, "h", 1, "d", "u"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rw-----w-", "rw---x---"})
  void fileWithGroupOrOtherAccessIsIgnored(String permissions) throws IOException {
    assumeTrue(POSIX, "POSIX file permissions");
    Path file = passFile("*:*:*:*:pw");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    assertEquals(Optional.empty(), find(file, "h", 1, "d", "u"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-------", "r--------"})
  void fileWithOwnerOnlyAccessIsRead(String permissions) throws IOException {
    assumeTrue(POSIX, "POSIX file permissions");
    Path file = passFile("*:*:*:*:pw");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    assertEquals(Optional.of("pw"), find(file, "h", 1, "d", "u"));
  }

  @Test
  void unreadableFileGivesEmpty() throws IOException {
    assumeTrue(POSIX, "POSIX file permissions");
    Path file = passFile("*:*:*:*:pw");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    assumeTrue(!Files.isReadable(file), "not running as root");
    assertEquals(Optional.empty(), find(file, "h", 1, "d", "u"));
  }

  @Test
  void anInsecureFileIsWarnedAboutOnce() throws IOException {
    assumeTrue(POSIX, "POSIX file permissions");
    // System.Logger is backed by java.util.logging unless another LoggerFinder is installed
    Logger logger = Logger.getLogger(PgPassFile.class.getName());
    List<LogRecord> records = new ArrayList<>();
    Handler handler = new Handler() {
      @Override public void publish(LogRecord record) { records.add(record); }
      @Override public void flush() {}
      @Override public void close() {}
    };
    logger.addHandler(handler);
    try {
      Path file = passFile("*:*:*:*:pw");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      find(file, "h", 1, "d", "u");
      find(file, "h", 1, "d", "u");
      assertEquals(1, records.size());
      assertEquals(Level.WARNING, records.get(0).getLevel());
    } finally {
      logger.removeHandler(handler);
    }
  }
}
