package dev.tusk.driver;

import java.util.Map;

/**
 * Everything Tusk's driver fails with, server errors and client-side failures alike. A server
 * error carries every field of its ErrorResponse; a client-side failure (connection lost, protocol
 * violation, bad argument) carries a SQLSTATE chosen as libpq would (class 08 for the connection,
 * 22023 for bad arguments) and {@link #isServerError()} is false.
 *
 * <p>Test the kind of failure with the predicates ({@link #isSerializationFailure()} …), which look
 * at the SQLSTATE only, never at the message.
 */
public class PgException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;
  private final transient ErrorFields fields;
  private volatile boolean transactionRolledBack;

  /** A client-side failure. */
  public PgException(String sqlState, String message) {
    this(sqlState, message, null);
  }

  /** A client-side failure with its cause. */
  public PgException(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
    this.fields = null;
  }

  /** A server error built from an ErrorResponse. */
  public PgException(ErrorFields fields) {
    super(describe(fields));
    this.sqlState = fields.get(ErrorFields.SQLSTATE);
    this.fields = fields;
  }

  /** Wraps a server error with more context, keeping all its fields. */
  protected PgException(PgException serverError, String message) {
    super(message, serverError);
    this.sqlState = serverError.sqlState;
    this.fields = serverError.fields;
  }

  private static String describe(ErrorFields fields) {
    var text = new StringBuilder();
    text.append(fields.severity()).append(": ").append(fields.get(ErrorFields.MESSAGE));
    String detail = fields.get(ErrorFields.DETAIL);
    if (detail != null) {
      text.append("\n  Detail: ").append(detail);
    }
    String hint = fields.get(ErrorFields.HINT);
    if (hint != null) {
      text.append("\n  Hint: ").append(hint);
    }
    String position = fields.get(ErrorFields.POSITION);
    if (position != null) {
      text.append("\n  Position: ").append(position);
    }
    return text.append(" [SQLSTATE ").append(fields.get(ErrorFields.SQLSTATE)).append(']').toString();
  }

  /** {@return the five-character SQLSTATE} */
  public String sqlState() {
    return sqlState;
  }

  /**
   * {@return whether this failure ended a transaction begun by {@code withTransaction}, which was
   * rolled back as a whole} Only such failures are safe to retry by running the transaction again.
   */
  public boolean transactionRolledBack() {
    return transactionRolledBack;
  }

  /** Marks this failure as having rolled back its whole transaction (see {@link #transactionRolledBack()}). */
  public void markTransactionRolledBack() {
    transactionRolledBack = true;
  }

  /** {@return whether the server reported this error (an ErrorResponse), as opposed to the client} */
  public boolean isServerError() {
    return fields != null;
  }

  /** {@return every field of the ErrorResponse by its one-letter code; empty for client-side failures} */
  public Map<Character, String> fields() {
    return fields == null ? Map.of() : fields.byCode();
  }

  private String field(char code) {
    return fields == null ? null : fields.get(code);
  }

  /** {@return ERROR, FATAL or PANIC (not localized); null for client-side failures} */
  public String severity() {
    return fields == null ? null : fields.severity();
  }

  /** {@return the server's primary message, or this exception's message for client-side failures} */
  public String serverMessage() {
    String message = field(ErrorFields.MESSAGE);
    return message != null ? message : getMessage();
  }

  public String detail() { return field(ErrorFields.DETAIL); }

  public String hint() { return field(ErrorFields.HINT); }

  /** {@return the 1-based character position of the error in the statement, or 0} */
  public int position() {
    String position = field(ErrorFields.POSITION);
    return position == null ? 0 : Integer.parseInt(position);
  }

  public String where() { return field(ErrorFields.WHERE); }

  public String internalQuery() { return field(ErrorFields.INTERNAL_QUERY); }

  public String schema() { return field(ErrorFields.SCHEMA); }

  public String table() { return field(ErrorFields.TABLE); }

  public String column() { return field(ErrorFields.COLUMN); }

  public String dataType() { return field(ErrorFields.DATA_TYPE); }

  public String constraint() { return field(ErrorFields.CONSTRAINT); }

  /** {@return the server function that raised the error, for example {@code RevalidateCachedQuery}} */
  public String routine() { return field(ErrorFields.ROUTINE); }

  public boolean isSerializationFailure() { return SqlState.SERIALIZATION_FAILURE.equals(sqlState); }

  public boolean isDeadlock() { return SqlState.DEADLOCK_DETECTED.equals(sqlState); }

  /** {@return whether re-running the whole transaction may succeed (40001, 40P01)} */
  public boolean isTransientTransactionFailure() { return isSerializationFailure() || isDeadlock(); }

  public boolean isUniqueViolation() { return SqlState.UNIQUE_VIOLATION.equals(sqlState); }

  /**
   * {@return whether a foreign key refused the change} Also for a key declared {@code RESTRICT}, which
   * PostgreSQL 18 reports as 23001 where earlier servers said 23503.
   */
  public boolean isForeignKeyViolation() {
    return SqlState.FOREIGN_KEY_VIOLATION.equals(sqlState) || SqlState.RESTRICT_VIOLATION.equals(sqlState);
  }

  public boolean isNotNullViolation() { return SqlState.NOT_NULL_VIOLATION.equals(sqlState); }

  public boolean isCheckViolation() { return SqlState.CHECK_VIOLATION.equals(sqlState); }

  /** {@return whether any integrity constraint was violated (class 23)} */
  public boolean isIntegrityConstraintViolation() { return "23".equals(SqlState.classOf(sqlState)); }

  public boolean isQueryCanceled() { return SqlState.QUERY_CANCELED.equals(sqlState); }

  public boolean isInFailedTransaction() { return SqlState.IN_FAILED_SQL_TRANSACTION.equals(sqlState); }

  public boolean isLockNotAvailable() { return SqlState.LOCK_NOT_AVAILABLE.equals(sqlState); }

  /** {@return whether authentication failed (class 28: bad password, no pg_hba entry …)} */
  public boolean isAuthenticationFailure() { return "28".equals(SqlState.classOf(sqlState)); }

  /** {@return whether the connection failed or was lost (class 08)}; the connection is unusable */
  public boolean isConnectionFailure() { return "08".equals(SqlState.classOf(sqlState)); }

  /** {@return whether a syntax or access rule was violated (class 42)} */
  public boolean isSyntaxErrorOrAccessRuleViolation() { return "42".equals(SqlState.classOf(sqlState)); }
}
