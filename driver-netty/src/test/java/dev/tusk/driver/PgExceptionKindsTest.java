package dev.tusk.driver;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The kind helpers answer the same across server versions that report a kind differently. */
class PgExceptionKindsTest {
  @Test
  void aRestrictViolationIsAForeignKeyViolationAsBeforePostgres18() {
    assertTrue(new PgException(SqlState.FOREIGN_KEY_VIOLATION, "up to 17, and NO ACTION").isForeignKeyViolation());
    assertTrue(new PgException(SqlState.RESTRICT_VIOLATION, "RESTRICT, from 18").isForeignKeyViolation());
    assertFalse(new PgException(SqlState.UNIQUE_VIOLATION, "another kind").isForeignKeyViolation());
  }
}
