package dev.tusk.driver;

/** The transaction status the server reports in every ReadyForQuery. */
public enum TransactionStatus {
  /** Not in a transaction block ({@code 'I'}). */
  IDLE,
  /** In a transaction block ({@code 'T'}). */
  IN_TRANSACTION,
  /** In a failed transaction block ({@code 'E'}): every statement fails until ROLLBACK. */
  FAILED
}
