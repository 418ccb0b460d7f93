package dev.tusk.bench.compile;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * {@link ShopTables} for jOOQ: tables and typed, qualified fields created once, as generated code
 * would hold them, so that the benchmark measures building and rendering a query, not declaring
 * the schema.
 */
final class JooqTables {
  static final Table<?> BENCH = table(name("bench"));
  static final Field<Integer> BENCH_ID = field(name("bench", "id"), SQLDataType.INTEGER);
  static final Field<String> BENCH_VAL = field(name("bench", "val"), SQLDataType.CLOB);

  static final Table<?> CUSTOMERS = table(name("customers"));
  static final Field<Long> CUSTOMERS_ID = field(name("customers", "id"), SQLDataType.BIGINT);
  static final Field<String> CUSTOMERS_NAME = field(name("customers", "name"), SQLDataType.CLOB);
  static final Field<String> CUSTOMERS_COUNTRY = field(name("customers", "country"), SQLDataType.CLOB);

  static final Table<?> ORDERS = table(name("orders"));
  static final Field<Long> ORDERS_ID = field(name("orders", "id"), SQLDataType.BIGINT);
  static final Field<Long> ORDERS_CUSTOMER_ID = field(name("orders", "customer_id"), SQLDataType.BIGINT);
  static final Field<BigDecimal> ORDERS_TOTAL = field(name("orders", "total"), SQLDataType.NUMERIC);
  static final Field<OffsetDateTime> ORDERS_CREATED_AT =
      field(name("orders", "created_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);

  private JooqTables() {}
}
