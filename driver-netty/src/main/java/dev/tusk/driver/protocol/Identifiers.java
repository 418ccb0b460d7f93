package dev.tusk.driver.protocol;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;

/** Quotes SQL identifiers the driver itself puts into statements (channel names). */
final class Identifiers {
  private Identifiers() {}

  /**
   * {@return the identifier in double quotes, inner quotes doubled: always safe, and case-preserving}
   *
   * @throws PgException (22023) when it contains a NUL character, which no identifier can
   */
  static String quote(String identifier) {
    if (identifier.indexOf('\0') >= 0) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "an identifier cannot contain a NUL character");
    }
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
