package dev.tusk.driver.types;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;

/** A value could not be decoded or converted to the requested Java type. */
public final class DecodingException extends PgException {
  private static final long serialVersionUID = 1L;

  public DecodingException(String message) {
    super(SqlState.DATA_EXCEPTION, message);
  }

  public DecodingException(String message, Throwable cause) {
    super(SqlState.DATA_EXCEPTION, message, cause);
  }
}
