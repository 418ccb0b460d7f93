package dev.tusk.driver.message;

import dev.tusk.driver.ColumnDescriptor;
import dev.tusk.driver.ErrorFields;
import dev.tusk.driver.TransactionStatus;
import java.util.List;

/**
 * Every message the server sends, named as in the protocol documentation
 * (<a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">Message Formats</a>).
 *
 * <p>{@code DataRow} is absent on purpose: rows are the hot path and are read in place from the
 * receive buffer by the flow that expects them, never turned into a message object.
 */
public sealed interface BackendMessage {

  // Authentication ('R'), one record per request code
  record AuthenticationOk() implements BackendMessage {
    public static final AuthenticationOk INSTANCE = new AuthenticationOk();
  }

  record AuthenticationCleartextPassword() implements BackendMessage {
    public static final AuthenticationCleartextPassword INSTANCE = new AuthenticationCleartextPassword();
  }

  /** @param salt four random bytes to hash the password with */
  record AuthenticationMD5Password(byte[] salt) implements BackendMessage {}

  /** @param mechanisms SASL mechanisms the server offers, in its order of preference */
  record AuthenticationSASL(List<String> mechanisms) implements BackendMessage {}

  record AuthenticationSASLContinue(byte[] data) implements BackendMessage {}

  record AuthenticationSASLFinal(byte[] data) implements BackendMessage {}

  /** A method the driver does not implement (Kerberos, GSSAPI, SSPI). */
  record AuthenticationUnsupported(int code) implements BackendMessage {}

  /** @param secretKey 4 bytes in protocol 3.0, up to 256 in 3.2 */
  record BackendKeyData(int processId, byte[] secretKey) implements BackendMessage {}

  record BindComplete() implements BackendMessage {
    public static final BindComplete INSTANCE = new BindComplete();
  }

  record CloseComplete() implements BackendMessage {
    public static final CloseComplete INSTANCE = new CloseComplete();
  }

  /** @param tag for example {@code SELECT 3} or {@code INSERT 0 1} */
  record CommandComplete(String tag) implements BackendMessage {}

  /** @param data copied out of the receive buffer */
  record CopyData(byte[] data) implements BackendMessage {}

  record CopyDone() implements BackendMessage {
    public static final CopyDone INSTANCE = new CopyDone();
  }

  /**
   * The start of a COPY, in or out.
   *
   * @param direction which of CopyInResponse, CopyOutResponse or CopyBothResponse it was
   * @param binary whether the overall format is binary
   * @param columnFormats the format of each column (0 text, 1 binary)
   */
  record CopyResponse(CopyDirection direction, boolean binary, short[] columnFormats) implements BackendMessage {}

  enum CopyDirection { IN, OUT, BOTH }

  record EmptyQueryResponse() implements BackendMessage {
    public static final EmptyQueryResponse INSTANCE = new EmptyQueryResponse();
  }

  record ErrorResponse(ErrorFields fields) implements BackendMessage {}

  /**
   * The server speaks an older minor protocol version than requested, or ignored some
   * {@code _pq_.} options.
   */
  record NegotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions) implements BackendMessage {}

  record NoData() implements BackendMessage {
    public static final NoData INSTANCE = new NoData();
  }

  record NoticeResponse(ErrorFields fields) implements BackendMessage {}

  record NotificationResponse(int processId, String channel, String payload) implements BackendMessage {}

  record ParameterDescription(int[] typeOids) implements BackendMessage {}

  record ParameterStatus(String name, String value) implements BackendMessage {}

  record ParseComplete() implements BackendMessage {
    public static final ParseComplete INSTANCE = new ParseComplete();
  }

  record PortalSuspended() implements BackendMessage {
    public static final PortalSuspended INSTANCE = new PortalSuspended();
  }

  record ReadyForQuery(TransactionStatus status) implements BackendMessage {
    /** One per status: every command ends with one, so they are shared rather than allocated. */
    public static final ReadyForQuery IDLE = new ReadyForQuery(TransactionStatus.IDLE);
    public static final ReadyForQuery IN_TRANSACTION = new ReadyForQuery(TransactionStatus.IN_TRANSACTION);
    public static final ReadyForQuery FAILED = new ReadyForQuery(TransactionStatus.FAILED);
  }

  record RowDescription(List<ColumnDescriptor> columns) implements BackendMessage {}
}
