package dev.tusk.driver.message;

import java.util.Map;

/**
 * Every message the driver sends, named as in the protocol documentation. {@link FrontendEncoder}
 * writes them; a flow builds them only to hand them to the encoder.
 */
public sealed interface FrontendMessage {

  /** @param parameters {@code user}, {@code database} and server settings, in the order given */
  record StartupMessage(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {}

  record SSLRequest() implements FrontendMessage {
    public static final SSLRequest INSTANCE = new SSLRequest();
  }

  /** Sent alone on a fresh connection: asks the server to cancel what the backend is running. */
  record CancelRequest(int processId, byte[] secretKey) implements FrontendMessage {}

  /** A cleartext password or an MD5 hash, sent as a NUL-terminated string. */
  record PasswordMessage(String password) implements FrontendMessage {}

  record SASLInitialResponse(String mechanism, byte[] data) implements FrontendMessage {}

  record SASLResponse(byte[] data) implements FrontendMessage {}

  /** The simple query protocol: one or more statements, text results. */
  record Query(String sql) implements FrontendMessage {}

  /** @param statement the statement's name; empty for the unnamed statement */
  record Parse(String statement, String sql, int[] parameterTypes) implements FrontendMessage {}

  /**
   * @param parameters the parameter values with their formats, written without copying
   * @param resultFormats one format for all columns, or one per column
   */
  record Bind(String portal, String statement, BindValues parameters, short[] resultFormats) implements FrontendMessage {}

  /** @param kind {@code 'S'} for a statement, {@code 'P'} for a portal */
  record Describe(byte kind, String name) implements FrontendMessage {}

  /** @param maxRows 0 for all rows */
  record Execute(String portal, int maxRows) implements FrontendMessage {
    /** Every row of the unnamed portal: what a statement run to completion sends. */
    public static final Execute UNNAMED_ALL_ROWS = new Execute("", 0);
  }

  /** @param kind {@code 'S'} for a statement, {@code 'P'} for a portal */
  record Close(byte kind, String name) implements FrontendMessage {}

  record Sync() implements FrontendMessage {
    public static final Sync INSTANCE = new Sync();
  }

  record Flush() implements FrontendMessage {
    public static final Flush INSTANCE = new Flush();
  }

  record Terminate() implements FrontendMessage {
    public static final Terminate INSTANCE = new Terminate();
  }

  /** @param data the bytes to send; the encoder copies them */
  record CopyData(byte[] data, int offset, int length) implements FrontendMessage {}

  record CopyDone() implements FrontendMessage {
    public static final CopyDone INSTANCE = new CopyDone();
  }

  record CopyFail(String reason) implements FrontendMessage {}
}
