package dev.tusk.driver;

import java.util.Map;

/**
 * A NoticeResponse: a warning or information the server sends alongside results (for example
 * {@code NOTICE: table "x" does not exist, skipping}). Delivered to the notice listener in
 * {@link PgConnectOptions}, never printed.
 *
 * @param fields every field by its one-letter code
 */
public record PgNotice(Map<Character, String> fields) {
  public PgNotice {
    fields = Map.copyOf(fields);
  }

  /** {@return WARNING, NOTICE, DEBUG, INFO or LOG (not localized when the server sends it so)} */
  public String severity() {
    String severity = fields.get(ErrorFields.SEVERITY_NONLOCALIZED);
    return severity != null ? severity : fields.get(ErrorFields.SEVERITY);
  }

  public String sqlState() { return fields.get(ErrorFields.SQLSTATE); }

  public String message() { return fields.get(ErrorFields.MESSAGE); }

  public String detail() { return fields.get(ErrorFields.DETAIL); }

  public String hint() { return fields.get(ErrorFields.HINT); }

  @Override
  public String toString() {
    return severity() + ": " + message() + " [" + sqlState() + "]";
  }
}
