package dev.tusk.sql.compile;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.TestSchema.*;
import static dev.tusk.sql.compile.GoldenSql.assertSql;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.sql.Sql;
import dev.tusk.sql.ast.Cte;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectCompileTest {
  @Test
  void selectQualifiesEveryColumn() {
    assertSql(select(USERS.name, USERS.fullname).from(USERS), "SELECT users.name, users.fullname FROM users");
  }

  @Test
  void selectFromTableListsItsColumns() {
    assertSql(selectFrom(ADDRESSES),
        "SELECT addresses.id, addresses.user_id, addresses.email FROM addresses");
  }

  @Test
  void identifiersAreQuotedExactlyWhenNeeded() {
    assertSql(select(KERNELS.order, KERNELS.camelCase, KERNELS.id).from(KERNELS),
        "SELECT app.kernels.\"order\", app.kernels.\"CamelCase\", app.kernels.id FROM app.kernels");
  }

  @Test
  void labelsNameOutputColumns() {
    assertSql(select(USERS.name.as("user"), count().as("n")).from(USERS).groupBy(USERS.name)
            .orderBy(count().as("n").desc()),
        "SELECT users.name AS \"user\", count(*) AS n FROM users GROUP BY users.name ORDER BY n DESC");
  }

  @Test
  void distinctAndDistinctOn() {
    assertSql(select(USERS.name).distinct().from(USERS), "SELECT DISTINCT users.name FROM users");
    assertSql(select(USERS.name, USERS.id).distinctOn(USERS.name).from(USERS).orderBy(USERS.name, USERS.id),
        "SELECT DISTINCT ON (users.name) users.name, users.id FROM users ORDER BY users.name, users.id");
  }

  @Test
  void joinsOfEveryKind() {
    var on = ADDRESSES.userId.eq(USERS.id);
    String columns = "SELECT users.name, addresses.email FROM users ";
    var select = select(USERS.name, ADDRESSES.email).from(USERS);
    assertSql(select.join(ADDRESSES, on), columns + "JOIN addresses ON addresses.user_id = users.id");
    assertSql(select.leftJoin(ADDRESSES, on), columns + "LEFT JOIN addresses ON addresses.user_id = users.id");
    assertSql(select.rightJoin(ADDRESSES, on), columns + "RIGHT JOIN addresses ON addresses.user_id = users.id");
    assertSql(select.fullJoin(ADDRESSES, on), columns + "FULL JOIN addresses ON addresses.user_id = users.id");
    assertSql(select.crossJoin(ADDRESSES), columns + "CROSS JOIN addresses");
  }

  @Test
  void joinsChainToTheLeft() {
    assertSql(select(USERS.name).from(USERS)
            .join(ADDRESSES, ADDRESSES.userId.eq(USERS.id))
            .leftJoin(ORDERS, ORDERS.userId.eq(USERS.id)),
        "SELECT users.name FROM users JOIN addresses ON addresses.user_id = users.id "
            + "LEFT JOIN orders ON orders.user_id = users.id");
  }

  @Test
  void aliasesGiveTypedColumnsForSelfJoins() {
    var manager = alias(EMPLOYEES, "manager");
    assertSql(select(EMPLOYEES.name, manager.name.as("manager_name")).from(EMPLOYEES)
            .leftJoin(manager, EMPLOYEES.managerId.eq(manager.id))
            .where(manager.salary.lt(EMPLOYEES.salary)),
        "SELECT employees.name, manager.name AS manager_name FROM employees "
            + "LEFT JOIN employees AS manager ON employees.manager_id = manager.id "
            + "WHERE manager.salary < employees.salary");
  }

  @Test
  void reservedAliasesAreQuoted() {
    var user = alias(USERS, "user");
    assertSql(select(user.id).from(user), "SELECT \"user\".id FROM users AS \"user\"");
  }

  @Test
  void groupByAndHaving() {
    assertSql(select(ADDRESSES.userId, count()).from(ADDRESSES).groupBy(ADDRESSES.userId)
            .having(count().gt(2L)).having(count().lt(9L)),
        "SELECT addresses.user_id, count(*) FROM addresses GROUP BY addresses.user_id "
            + "HAVING count(*) > $1 AND count(*) < $2", 2L, 9L);
  }

  @Test
  void orderByDirectionsAndNulls() {
    assertSql(select(USERS.id).from(USERS).orderBy(USERS.name.asc().nullsFirst(), USERS.fullname.desc().nullsLast(),
            USERS.id.asc()),
        "SELECT users.id FROM users ORDER BY users.name ASC NULLS FIRST, users.fullname DESC NULLS LAST, users.id ASC");
  }

  @Test
  void limitAndOffsetAreBoundParameters() {
    assertSql(select(USERS.id).from(USERS).orderBy(USERS.id).limit(10).offset(20),
        "SELECT users.id FROM users ORDER BY users.id LIMIT $1 OFFSET $2", 10L, 20L);
    assertEquals(select(USERS.id).from(USERS).limit(1).toString(), select(USERS.id).from(USERS).limit(99).toString());
  }

  @Test
  void lockingClausesOfEveryStrength() {
    var base = select(USERS.id).from(USERS);
    assertSql(base.forUpdate(), "SELECT users.id FROM users FOR UPDATE");
    assertSql(base.forNoKeyUpdate().nowait(), "SELECT users.id FROM users FOR NO KEY UPDATE NOWAIT");
    assertSql(base.forShare().skipLocked(), "SELECT users.id FROM users FOR SHARE SKIP LOCKED");
    assertSql(base.forKeyShare(), "SELECT users.id FROM users FOR KEY SHARE");
    var manager = alias(EMPLOYEES, "manager");
    assertSql(select(EMPLOYEES.id).from(EMPLOYEES).join(manager, EMPLOYEES.managerId.eq(manager.id))
            .forUpdate().of(EMPLOYEES).skipLocked().forShare().of(manager),
        "SELECT employees.id FROM employees JOIN employees AS manager ON employees.manager_id = manager.id "
            + "FOR UPDATE OF employees SKIP LOCKED FOR SHARE OF manager");
    assertSql(select(KERNELS.id).from(KERNELS).forUpdate().of(KERNELS),
        "SELECT app.kernels.id FROM app.kernels FOR UPDATE OF kernels");
  }

  @Test
  void subqueriesInFromHaveTypedColumns() {
    var counts = select(ADDRESSES.userId, count().as("n")).from(ADDRESSES).groupBy(ADDRESSES.userId).as("c");
    assertSql(select(USERS.name, counts.get(count().as("n"))).from(USERS)
            .join(counts, counts.get(ADDRESSES.userId).eq(USERS.id))
            .where(counts.get(count().as("n")).gt(1L)),
        "SELECT users.name, c.n FROM users JOIN (SELECT addresses.user_id, count(*) AS n FROM addresses "
            + "GROUP BY addresses.user_id) AS c ON c.user_id = users.id WHERE c.n > $1", 1L);
    assertThrows(IllegalArgumentException.class, () -> counts.get(USERS.name));
  }

  @Test
  void lateralSubqueriesAndFunctions() {
    var latest = select(ADDRESSES.email).from(ADDRESSES).where(ADDRESSES.userId.eq(USERS.id))
        .orderBy(ADDRESSES.id.desc()).limit(1).as("latest").lateral();
    assertSql(select(USERS.name, latest.get(ADDRESSES.email)).from(USERS).leftJoin(latest, Sql.TRUE),
        "SELECT users.name, latest.email FROM users LEFT JOIN LATERAL (SELECT addresses.email FROM addresses "
            + "WHERE addresses.user_id = users.id ORDER BY addresses.id DESC LIMIT $1) AS latest ON TRUE", 1L);
    var tags = functionTable(func("unnest", TEXT, ORDERS.tags), "t", "tag").lateral();
    assertSql(select(tags.column("tag", TEXT)).from(ORDERS).crossJoin(tags),
        "SELECT t.tag FROM orders CROSS JOIN LATERAL unnest(orders.tags) AS t (tag)");
    var series = functionTable(func("generate_series", BIGINT, value(1L), value(3L)), "g", "n").withOrdinality();
    assertSql(select(series.column("n", BIGINT)).from(series),
        "SELECT g.n FROM generate_series($1, $2) WITH ORDINALITY AS g (n)", 1L, 3L);
  }

  @Test
  void valuesListsAreFromItemsWithTypedColumns() {
    var v = values(USERS.id, USERS.name).row(1L, "a").row(2L, "b").as("v");
    assertSql(select(v.get(USERS.name)).from(v).join(USERS, USERS.id.eq(v.get(USERS.id))),
        "SELECT v.name FROM (VALUES ($1, $2), ($3, $4)) AS v (id, name) JOIN users ON users.id = v.id",
        1L, "a", 2L, "b");
    assertThrows(IllegalArgumentException.class, () -> values(USERS.id).row("not a long"));
  }

  @Test
  void setOperationsWithAndWithoutAll() {
    var a = select(USERS.name).from(USERS);
    var b = select(EMPLOYEES.name).from(EMPLOYEES);
    assertSql(a.union(b), "SELECT users.name FROM users UNION SELECT employees.name FROM employees");
    assertSql(a.unionAll(b), "SELECT users.name FROM users UNION ALL SELECT employees.name FROM employees");
    assertSql(a.intersect(b), "SELECT users.name FROM users INTERSECT SELECT employees.name FROM employees");
    assertSql(a.intersectAll(b), "SELECT users.name FROM users INTERSECT ALL SELECT employees.name FROM employees");
    assertSql(a.except(b), "SELECT users.name FROM users EXCEPT SELECT employees.name FROM employees");
    assertSql(a.exceptAll(b), "SELECT users.name FROM users EXCEPT ALL SELECT employees.name FROM employees");
  }

  @Test
  void setOperationsNestInParenthesesAndOrderByOutputNames() {
    var a = select(USERS.name).from(USERS);
    var b = select(EMPLOYEES.name).from(EMPLOYEES);
    var c = select(ADDRESSES.email).from(ADDRESSES).orderBy(ADDRESSES.id).limit(5);
    assertSql(a.union(b.intersect(c)).orderBy(USERS.name.desc()).limit(10).offset(1),
        "SELECT users.name FROM users UNION (SELECT employees.name FROM employees INTERSECT "
            + "(SELECT addresses.email FROM addresses ORDER BY addresses.id LIMIT $1)) ORDER BY name DESC "
            + "LIMIT $2 OFFSET $3", 5L, 10L, 1L);
    assertSql(a.union(b).except(a),
        "(SELECT users.name FROM users UNION SELECT employees.name FROM employees) EXCEPT SELECT users.name FROM users");
  }

  @Test
  void commonTableExpressions() {
    var rich = cte("rich", select(EMPLOYEES.id, EMPLOYEES.name).from(EMPLOYEES).where(EMPLOYEES.salary.gt(
        new java.math.BigDecimal("100000"))));
    assertSql(select(rich.get(EMPLOYEES.name)).from(rich).with(rich),
        "WITH rich AS (SELECT employees.id, employees.name FROM employees WHERE employees.salary > $1) "
            + "SELECT rich.name FROM rich", new java.math.BigDecimal("100000"));
    assertSql(select(rich.get(EMPLOYEES.name)).from(rich).with(rich.materialized()),
        "WITH rich AS MATERIALIZED (SELECT employees.id, employees.name FROM employees WHERE employees.salary > $1) "
            + "SELECT rich.name FROM rich");
    var other = rich.alias("r2");
    assertSql(select(other.get(EMPLOYEES.id)).from(rich, other).with(rich.notMaterialized()),
        "WITH rich AS NOT MATERIALIZED (SELECT employees.id, employees.name FROM employees "
            + "WHERE employees.salary > $1) SELECT r2.id FROM rich, rich AS r2");
  }

  @Test
  void recursiveCteIsDeclaredBeforeItsBody() {
    Cte chain = recursiveCte("chain", EMPLOYEES.id, EMPLOYEES.managerId);
    var body = select(EMPLOYEES.id, EMPLOYEES.managerId).from(EMPLOYEES).where(EMPLOYEES.id.eq(7L))
        .unionAll(select(EMPLOYEES.id, EMPLOYEES.managerId).from(EMPLOYEES)
            .join(chain, EMPLOYEES.id.eq(chain.get(EMPLOYEES.managerId))));
    chain = chain.as(body);
    assertSql(select(chain.get(EMPLOYEES.id)).from(chain).with(chain),
        "WITH RECURSIVE chain (id, manager_id) AS (SELECT employees.id, employees.manager_id FROM employees "
            + "WHERE employees.id = $1 UNION ALL SELECT employees.id, employees.manager_id FROM employees "
            + "JOIN chain ON employees.id = chain.manager_id) SELECT chain.id FROM chain", 7L);
  }

  @Test
  void dataModifyingCtes() {
    var moved = cte("moved", delete(ADDRESSES).where(ADDRESSES.userId.eq(5L)).returning(ADDRESSES.userId,
        ADDRESSES.email));
    assertSql(insert(ADDRESSES).columns(ADDRESSES.userId, ADDRESSES.email)
            .select(select(value(6L), moved.get(ADDRESSES.email)).from(moved)).with(moved),
        "WITH moved AS (DELETE FROM addresses WHERE addresses.user_id = $1 RETURNING addresses.user_id, "
            + "addresses.email) INSERT INTO addresses (user_id, email) SELECT $2, moved.email FROM moved", 5L, 6L);
    var bumped = cte("bumped", update(EMPLOYEES).set(EMPLOYEES.salary, EMPLOYEES.salary.times(
        new java.math.BigDecimal("1.1"))).returning(EMPLOYEES.id));
    assertSql(select(count()).from(bumped).with(bumped),
        "WITH bumped AS (UPDATE employees SET salary = employees.salary * $1 RETURNING employees.id) "
            + "SELECT count(*) FROM bumped");
  }

  @Test
  void aSelectWithoutFromIsFine() {
    assertSql(select(value(1)), "SELECT $1", 1);
  }
}
