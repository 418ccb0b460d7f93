package dev.tusk.driver;

/**
 * A cached prepared statement became invalid inside a transaction block: the schema changed under
 * it ({@code 0A000 cached plan must not change result type}) or the server no longer has it
 * ({@code 26000}). Outside a transaction the driver re-prepares and retries on its own; inside one
 * the transaction is already aborted, so the whole transaction must be rolled back and run again
 * (the statement is re-prepared then). {@code withRetry} does that.
 */
public final class PgStaleStatementException extends PgException {
  private static final long serialVersionUID = 1L;

  public PgStaleStatementException(PgException serverError) {
    super(serverError, "the prepared statement became invalid inside a transaction (the schema changed, or it was "
        + "deallocated); roll back and run the transaction again: " + serverError.getMessage());
  }
}
