package dev.tusk.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Answers "is a Docker engine reachable?" quickly. When no engine is configured anywhere (no
 * {@code DOCKER_HOST}, no socket file, no Testcontainers settings) the answer is "no" without loading
 * Testcontainers at all; otherwise Testcontainers' own check decides (about half a second).
 */
final class DockerProbe {
  private DockerProbe() {}

  static boolean dockerReachable() {
    if (!anyDockerConfigured()) {
      return false;
    }
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static boolean anyDockerConfigured() {
    if (System.getenv("DOCKER_HOST") != null || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null) {
      return true;
    }
    Path home = Path.of(System.getProperty("user.home"));
    List<Path> candidates = List.of(
        Path.of("/var/run/docker.sock"),
        home.resolve(".docker/run/docker.sock"),
        home.resolve(".docker/desktop/docker.sock"),
        home.resolve(".colima/default/docker.sock"),
        home.resolve(".rd/docker.sock"),
        home.resolve(".testcontainers.properties"));
    boolean windows = System.getProperty("os.name").startsWith("Windows");
    return windows || candidates.stream().anyMatch(Files::exists);
  }
}
