package dev.tusk.docs;

import dev.tusk.testkit.EmbeddedPostgres;
import dev.tusk.testkit.TestPostgres;

/**
 * The quickstart: connects to {@code TUSK_URL} or {@code DATABASE_URL} when set, otherwise starts an
 * embedded PostgreSQL for the duration of the run.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) {
    String url = firstSet(System.getenv("TUSK_URL"), System.getenv("DATABASE_URL"));
    if (url != null) {
      System.out.println("Using the server at TUSK_URL/DATABASE_URL");
      return;
    }
    System.out.println("No TUSK_URL or DATABASE_URL set: starting an embedded PostgreSQL "
        + TestPostgres.requestedMajorVersion() + " ...");
    try (EmbeddedPostgres embedded = EmbeddedPostgres.start(TestPostgres.requestedMajorVersion())) {
      System.out.println("Started " + embedded.server());
    }
    System.out.println("Stopped the embedded server. Done.");
  }

  private static String firstSet(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
