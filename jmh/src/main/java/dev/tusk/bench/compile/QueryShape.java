package dev.tusk.bench.compile;

import static dev.tusk.bench.compile.ShopTables.BENCH;
import static dev.tusk.bench.compile.ShopTables.CUSTOMERS;
import static dev.tusk.bench.compile.ShopTables.ORDERS;
import static dev.tusk.sql.Sql.and;
import static dev.tusk.sql.Sql.cte;
import static dev.tusk.sql.Sql.rowNumber;
import static dev.tusk.sql.Sql.select;
import static dev.tusk.sql.Sql.window;

import dev.tusk.sql.ast.Statement;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/**
 * The three statements the compile benchmarks build, each written once with Tusk and once with
 * jOOQ so that both produce the same SQL (up to quoting and placeholder style).
 */
public enum QueryShape {
  /** {@code SELECT bench.val FROM bench WHERE bench.id = $1} */
  POINT_SELECT {
    @Override
    Statement tusk(QueryValues v) {
      return select(BENCH.val).from(BENCH).where(BENCH.id.eq(v.id()));
    }

    @Override
    Query jooq(DSLContext dsl, QueryValues v) {
      return dsl.select(JooqTables.BENCH_VAL).from(JooqTables.BENCH).where(JooqTables.BENCH_ID.eq(v.id()));
    }
  },

  /**
   * {@code SELECT customers.name, orders.id, orders.total FROM orders JOIN customers ON … WHERE
   * customers.country = $1 AND orders.total > $2 ORDER BY orders.created_at DESC LIMIT $3}
   */
  JOIN_WHERE_ORDER_LIMIT {
    @Override
    Statement tusk(QueryValues v) {
      return select(CUSTOMERS.name, ORDERS.id, ORDERS.total)
          .from(ORDERS)
          .join(CUSTOMERS, ORDERS.customerId.eq(CUSTOMERS.id))
          .where(and(CUSTOMERS.country.eq(v.country()), ORDERS.total.gt(v.minTotal())))
          .orderBy(ORDERS.createdAt.desc())
          .limit(v.limit());
    }

    @Override
    Query jooq(DSLContext dsl, QueryValues v) {
      return dsl.select(JooqTables.CUSTOMERS_NAME, JooqTables.ORDERS_ID, JooqTables.ORDERS_TOTAL)
          .from(JooqTables.ORDERS)
          .join(JooqTables.CUSTOMERS).on(JooqTables.ORDERS_CUSTOMER_ID.eq(JooqTables.CUSTOMERS_ID))
          .where(JooqTables.CUSTOMERS_COUNTRY.eq(v.country()).and(JooqTables.ORDERS_TOTAL.gt(v.minTotal())))
          .orderBy(JooqTables.ORDERS_CREATED_AT.desc())
          .limit(v.limit());
    }
  },

  /**
   * {@code WITH ranked AS (SELECT orders.customer_id, orders.total, row_number() OVER (PARTITION BY
   * orders.customer_id ORDER BY orders.total DESC) AS rn FROM orders WHERE orders.created_at >= $1)
   * SELECT ranked.customer_id, ranked.total FROM ranked WHERE ranked.rn <= $2}
   */
  CTE_WITH_WINDOW {
    @Override
    Statement tusk(QueryValues v) {
      var rank = rowNumber().over(window().partitionBy(ORDERS.customerId).orderBy(ORDERS.total.desc())).as("rn");
      var ranked = cte("ranked", select(ORDERS.customerId, ORDERS.total, rank)
          .from(ORDERS)
          .where(ORDERS.createdAt.ge(v.since())));
      return select(ranked.get(ORDERS.customerId), ranked.get(ORDERS.total))
          .from(ranked)
          .where(ranked.get(rank).le(v.maxRank()))
          .with(ranked);
    }

    @Override
    Query jooq(DSLContext dsl, QueryValues v) {
      Field<Integer> rank = DSL.rowNumber()
          .over(DSL.partitionBy(JooqTables.ORDERS_CUSTOMER_ID).orderBy(JooqTables.ORDERS_TOTAL.desc()))
          .as("rn");
      CommonTableExpression<Record3<Long, java.math.BigDecimal, Integer>> ranked = DSL.name("ranked").as(
          DSL.select(JooqTables.ORDERS_CUSTOMER_ID, JooqTables.ORDERS_TOTAL, rank)
              .from(JooqTables.ORDERS)
              .where(JooqTables.ORDERS_CREATED_AT.ge(v.since())));
      return dsl.with(ranked)
          .select(ranked.field(JooqTables.ORDERS_CUSTOMER_ID), ranked.field(JooqTables.ORDERS_TOTAL))
          .from(ranked)
          .where(ranked.field(rank).le((int) v.maxRank()));
    }
  };

  /** {@return the statement built with Tusk's query builder} */
  abstract Statement tusk(QueryValues values);

  /** {@return the statement built with jOOQ's DSL} */
  abstract Query jooq(DSLContext dsl, QueryValues values);
}
