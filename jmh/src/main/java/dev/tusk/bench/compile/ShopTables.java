package dev.tusk.bench.compile;

import static dev.tusk.sql.types.PgTypes.BIGINT;
import static dev.tusk.sql.types.PgTypes.INTEGER;
import static dev.tusk.sql.types.PgTypes.NUMERIC;
import static dev.tusk.sql.types.PgTypes.TEXT;
import static dev.tusk.sql.types.PgTypes.TIMESTAMPTZ;

import dev.tusk.sql.Column;
import dev.tusk.sql.MetaData;
import dev.tusk.sql.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * The tables the statement benchmarks query, declared the Tusk way. {@link JooqTables} declares the
 * same tables for jOOQ, as its code generator would. Nothing is executed: only SQL is produced.
 */
public final class ShopTables {
  public static final MetaData METADATA = new MetaData();
  public static final Bench BENCH = METADATA.add(new Bench());
  public static final Customers CUSTOMERS = METADATA.add(new Customers());
  public static final Orders ORDERS = METADATA.add(new Orders());

  private ShopTables() {}

  public static final class Bench extends Table {
    public final Column<Integer> id = column("id", INTEGER).primaryKey();
    public final Column<String> val = column("val", TEXT).notNull();

    public Bench() {
      super("bench");
    }
  }

  public static final class Customers extends Table {
    public final Column<Long> id = column("id", BIGINT).primaryKey();
    public final Column<String> name = column("name", TEXT).notNull();
    public final Column<String> country = column("country", TEXT).notNull();

    public Customers() {
      super("customers");
    }
  }

  public static final class Orders extends Table {
    public final Column<Long> id = column("id", BIGINT).primaryKey();
    public final Column<Long> customerId = column("customer_id", BIGINT).notNull();
    public final Column<BigDecimal> total = column("total", NUMERIC).notNull();
    public final Column<OffsetDateTime> createdAt = column("created_at", TIMESTAMPTZ).notNull();

    public Orders() {
      super("orders");
    }
  }
}
