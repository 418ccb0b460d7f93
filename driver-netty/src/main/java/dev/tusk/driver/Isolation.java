package dev.tusk.driver;

/** Transaction isolation levels as PostgreSQL implements them (READ UNCOMMITTED behaves as READ COMMITTED). */
public enum Isolation {
  READ_COMMITTED("READ COMMITTED"),
  REPEATABLE_READ("REPEATABLE READ"),
  SERIALIZABLE("SERIALIZABLE");

  private final String sql;

  Isolation(String sql) {
    this.sql = sql;
  }

  /** {@return the level as written in SQL} */
  public String sql() {
    return sql;
  }
}
