package dev.tusk.driver.wire;

/**
 * Numbers fixed by the PostgreSQL frontend/backend protocol
 * (<a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">Message Formats</a>).
 * Tag bytes are named after the messages they introduce.
 */
public final class ProtocolConstants {
  private ProtocolConstants() {}

  /** Protocol 3.0, spoken by every supported server. */
  public static final int PROTOCOL_3_0 = 196608;
  /** Protocol 3.2 (PostgreSQL 18): BackendKeyData carries a secret key of up to 256 bytes. */
  public static final int PROTOCOL_3_2 = 196610;
  public static final int SSL_REQUEST_CODE = 80877103;
  public static final int CANCEL_REQUEST_CODE = 80877102;
  public static final int GSSENC_REQUEST_CODE = 80877104;

  /** Frame header: one tag byte and a four-byte length that counts itself but not the tag. */
  public static final int HEADER_LENGTH = 5;

  // Backend (server to client) tags
  public static final byte TAG_AUTHENTICATION = 'R';
  public static final byte TAG_BACKEND_KEY_DATA = 'K';
  public static final byte TAG_BIND_COMPLETE = '2';
  public static final byte TAG_CLOSE_COMPLETE = '3';
  public static final byte TAG_COMMAND_COMPLETE = 'C';
  public static final byte TAG_COPY_DATA = 'd';
  public static final byte TAG_COPY_DONE = 'c';
  public static final byte TAG_COPY_IN_RESPONSE = 'G';
  public static final byte TAG_COPY_OUT_RESPONSE = 'H';
  public static final byte TAG_COPY_BOTH_RESPONSE = 'W';
  public static final byte TAG_DATA_ROW = 'D';
  public static final byte TAG_EMPTY_QUERY_RESPONSE = 'I';
  public static final byte TAG_ERROR_RESPONSE = 'E';
  public static final byte TAG_FUNCTION_CALL_RESPONSE = 'V';
  public static final byte TAG_NEGOTIATE_PROTOCOL_VERSION = 'v';
  public static final byte TAG_NO_DATA = 'n';
  public static final byte TAG_NOTICE_RESPONSE = 'N';
  public static final byte TAG_NOTIFICATION_RESPONSE = 'A';
  public static final byte TAG_PARAMETER_DESCRIPTION = 't';
  public static final byte TAG_PARAMETER_STATUS = 'S';
  public static final byte TAG_PARSE_COMPLETE = '1';
  public static final byte TAG_PORTAL_SUSPENDED = 's';
  public static final byte TAG_READY_FOR_QUERY = 'Z';
  public static final byte TAG_ROW_DESCRIPTION = 'T';

  // Frontend (client to server) tags
  public static final byte TAG_BIND = 'B';
  public static final byte TAG_CLOSE = 'C';
  public static final byte TAG_COPY_FAIL = 'f';
  public static final byte TAG_DESCRIBE = 'D';
  public static final byte TAG_EXECUTE = 'E';
  public static final byte TAG_FLUSH = 'H';
  public static final byte TAG_PARSE = 'P';
  public static final byte TAG_PASSWORD = 'p';
  public static final byte TAG_QUERY = 'Q';
  public static final byte TAG_SYNC = 'S';
  public static final byte TAG_TERMINATE = 'X';

  /** Describe and Close target a prepared statement ... */
  public static final byte KIND_STATEMENT = 'S';
  /** ... or a portal. */
  public static final byte KIND_PORTAL = 'P';

  // Authentication request codes (the int32 after an 'R' tag)
  public static final int AUTH_OK = 0;
  public static final int AUTH_KERBEROS_V5 = 2;
  public static final int AUTH_CLEARTEXT_PASSWORD = 3;
  public static final int AUTH_MD5_PASSWORD = 5;
  public static final int AUTH_GSS = 7;
  public static final int AUTH_GSS_CONTINUE = 8;
  public static final int AUTH_SSPI = 9;
  public static final int AUTH_SASL = 10;
  public static final int AUTH_SASL_CONTINUE = 11;
  public static final int AUTH_SASL_FINAL = 12;

  public static final short FORMAT_TEXT = 0;
  public static final short FORMAT_BINARY = 1;

  /** The largest field value PostgreSQL can send or accept (1 GB). */
  public static final int MAX_FIELD_LENGTH = 0x3fff_ffff;
  /** The most parameters one statement can have: the Bind message counts them in an int16. */
  public static final int MAX_PARAMETERS = 65_535;
}
