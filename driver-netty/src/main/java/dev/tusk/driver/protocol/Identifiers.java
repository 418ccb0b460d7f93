package dev.tusk.driver.protocol;

/** Quotes SQL identifiers the driver itself puts into statements (channel names). */
final class Identifiers {
  private Identifiers() {}

  /** {@return the identifier in double quotes, inner quotes doubled: always safe, and case-preserving} */
  static String quote(String identifier) {
    if (identifier.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an identifier cannot contain a NUL character");
    }
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
