package dev.tusk.driver;

/**
 * How a transaction begins.
 *
 * @param isolation the isolation level, or {@code null} for the session's default
 *     ({@code default_transaction_isolation}, normally READ COMMITTED)
 * @param readOnly READ ONLY: writes fail, and SERIALIZABLE transactions take no predicate locks
 * @param deferrable with SERIALIZABLE READ ONLY: wait for a snapshot that can never cause a
 *     serialization failure, then run without any serialization overhead (reports, backups)
 */
public record TxOptions(Isolation isolation, boolean readOnly, boolean deferrable) {
  private static final TxOptions DEFAULTS = new TxOptions(null, false, false);

  public TxOptions {
    if (deferrable && !readOnly) {
      throw new IllegalArgumentException("DEFERRABLE only has an effect with READ ONLY (and SERIALIZABLE)");
    }
  }

  /** {@return a read-write transaction at the session's default isolation level} */
  public static TxOptions defaults() {
    return DEFAULTS;
  }

  public static TxOptions isolation(Isolation level) {
    return new TxOptions(level, false, false);
  }

  /**
   * {@return a read-only transaction}: with {@code deferrable}, SERIALIZABLE READ ONLY DEFERRABLE —
   * the seed's {@code begin_readonly}: a consistent snapshot with no serialization-failure risk
   */
  public static TxOptions readOnly(boolean deferrable) {
    return new TxOptions(deferrable ? Isolation.SERIALIZABLE : null, true, deferrable);
  }

  public TxOptions withIsolation(Isolation level) {
    return new TxOptions(level, readOnly, deferrable);
  }

  /** {@return the BEGIN statement for these options} Built from constants only. */
  public String beginSql() {
    var sql = new StringBuilder("BEGIN");
    if (isolation != null) {
      sql.append(" ISOLATION LEVEL ").append(isolation.sql());
    }
    if (readOnly) {
      sql.append(isolation != null ? "," : "").append(" READ ONLY");
    }
    if (deferrable) {
      sql.append(", DEFERRABLE");
    }
    return sql.toString();
  }
}
