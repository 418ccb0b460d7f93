package dev.tusk.driver;

/**
 * SQLSTATE codes the driver and its users test for
 * (<a href="https://www.postgresql.org/docs/current/errcodes-appendix.html">Error Codes</a>), and the
 * class predicates behind {@link PgException}'s {@code isX()} methods. Classify by these, never by
 * message text: messages are localized and change between versions.
 */
public final class SqlState {
  private SqlState() {}

  // Class 08: connection exceptions (also used for client-side connection failures, as libpq does)
  public static final String CONNECTION_EXCEPTION = "08000";
  public static final String SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION = "08001";
  public static final String CONNECTION_DOES_NOT_EXIST = "08003";
  public static final String SQLSERVER_REJECTED_ESTABLISHMENT_OF_SQLCONNECTION = "08004";
  public static final String CONNECTION_FAILURE = "08006";
  public static final String PROTOCOL_VIOLATION = "08P01";

  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  public static final String INVALID_PARAMETER_VALUE = "22023";
  public static final String DATA_EXCEPTION = "22000";
  public static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
  public static final String UNTRANSLATABLE_CHARACTER = "22P05";
  public static final String PROGRAM_LIMIT_EXCEEDED = "54000";

  // Class 23: integrity constraint violations
  public static final String INTEGRITY_CONSTRAINT_VIOLATION = "23000";
  public static final String NOT_NULL_VIOLATION = "23502";
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  /** A foreign key declared {@code ON DELETE/UPDATE RESTRICT} refused (PostgreSQL 18+; 23503 before). */
  public static final String RESTRICT_VIOLATION = "23001";
  public static final String UNIQUE_VIOLATION = "23505";
  public static final String CHECK_VIOLATION = "23514";
  public static final String EXCLUSION_VIOLATION = "23P01";

  public static final String INVALID_TRANSACTION_STATE = "25000";
  public static final String ACTIVE_SQL_TRANSACTION = "25001";
  public static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";
  public static final String IN_FAILED_SQL_TRANSACTION = "25P02";
  public static final String READ_ONLY_SQL_TRANSACTION = "25006";
  public static final String INVALID_SQL_STATEMENT_NAME = "26000";

  public static final String INVALID_AUTHORIZATION_SPECIFICATION = "28000";
  public static final String INVALID_PASSWORD = "28P01";

  // Class 40: transaction rollback
  public static final String TRANSACTION_ROLLBACK = "40000";
  public static final String SERIALIZATION_FAILURE = "40001";
  public static final String DEADLOCK_DETECTED = "40P01";

  public static final String SYNTAX_ERROR = "42601";
  public static final String UNDEFINED_TABLE = "42P01";
  public static final String UNDEFINED_COLUMN = "42703";
  public static final String DUPLICATE_OBJECT = "42710";
  public static final String INSUFFICIENT_PRIVILEGE = "42501";

  public static final String TOO_MANY_CONNECTIONS = "53300";
  public static final String CONFIGURATION_LIMIT_EXCEEDED = "53400";
  public static final String QUERY_CANCELED = "57014";
  public static final String ADMIN_SHUTDOWN = "57P01";
  public static final String CRASH_SHUTDOWN = "57P02";
  public static final String CANNOT_CONNECT_NOW = "57P03";
  public static final String LOCK_NOT_AVAILABLE = "55P03";
  public static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";

  public static final String INVALID_CATALOG_NAME = "3D000";

  /** {@return the two-character class of a SQLSTATE, or {@code ""} when it is null or too short} */
  public static String classOf(String sqlState) {
    return sqlState == null || sqlState.length() < 2 ? "" : sqlState.substring(0, 2);
  }
}
