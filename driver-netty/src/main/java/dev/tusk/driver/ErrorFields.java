package dev.tusk.driver;

import java.util.Collections;
import java.util.Map;

/**
 * The fields of an ErrorResponse or NoticeResponse, keyed by their one-byte codes
 * (<a href="https://www.postgresql.org/docs/current/protocol-error-fields.html">Error and Notice
 * Message Fields</a>).
 */
public record ErrorFields(Map<Character, String> byCode) {
  public static final char SEVERITY = 'S';
  public static final char SEVERITY_NONLOCALIZED = 'V';
  public static final char SQLSTATE = 'C';
  public static final char MESSAGE = 'M';
  public static final char DETAIL = 'D';
  public static final char HINT = 'H';
  public static final char POSITION = 'P';
  public static final char INTERNAL_POSITION = 'p';
  public static final char INTERNAL_QUERY = 'q';
  public static final char WHERE = 'W';
  public static final char SCHEMA = 's';
  public static final char TABLE = 't';
  public static final char COLUMN = 'c';
  public static final char DATA_TYPE = 'd';
  public static final char CONSTRAINT = 'n';
  public static final char FILE = 'F';
  public static final char LINE = 'L';
  public static final char ROUTINE = 'R';

  public ErrorFields {
    byCode = Collections.unmodifiableMap(byCode);
  }

  /** {@return the field's value, or {@code null} when the server did not send it} */
  public String get(char code) {
    return byCode.get(code);
  }

  /** {@return the non-localized severity when present (9.6+), else the localized one} */
  public String severity() {
    String severity = byCode.get(SEVERITY_NONLOCALIZED);
    return severity != null ? severity : byCode.get(SEVERITY);
  }
}
