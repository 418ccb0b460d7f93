package dev.tusk.testkit;

/** Where a test server came from, in the order {@link TestPostgres} tries them. */
public enum Source {
  /** The server at {@code TUSK_TEST_URL}, used as is. */
  EXTERNAL_URL,
  /** A PostgreSQL container started through Testcontainers (a Docker engine was reachable). */
  TESTCONTAINERS,
  /** PostgreSQL binaries from Maven Central, run as a child process of this JVM. */
  EMBEDDED
}
