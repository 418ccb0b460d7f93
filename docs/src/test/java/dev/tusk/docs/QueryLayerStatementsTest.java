package dev.tusk.docs;

import static dev.tusk.docs.QueryLayerTables.*;
import static dev.tusk.sql.Jsonb.path;
import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.types.PgTypes.NUMERIC;
import static dev.tusk.sql.types.PgTypes.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.sql.Jsonb;
import dev.tusk.sql.SqlArrays;
import dev.tusk.sql.ast.Cte;
import dev.tusk.sql.ast.Delete;
import dev.tusk.sql.ast.FrameBound;
import dev.tusk.sql.ast.Insert;
import dev.tusk.sql.ast.Query;
import dev.tusk.sql.ast.Select;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.ast.TextStatement;
import dev.tusk.sql.ast.Update;
import dev.tusk.sql.types.PgTypes;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The statements of docs/query-layer.md, built as the guide shows them (the {@code // --- guide}
 * regions) and compiled: each must give exactly the SQL of the guide's {@code <!-- sql: name -->}
 * block. No database needed; {@link QueryLayerExampleIT} runs the same statements on a server.
 */
class QueryLayerStatementsTest {
  /** {@return every statement the guide shows, by the name of its SQL block} */
  static Map<String, Statement> guideStatements() {
    var all = new TreeMap<String, Statement>();
    List.of(selects(), operators(), aggregates(), windows(), joins(), subqueries(), locking(), commonTableExpressions(),
        setOperationsValuesAndFunctions(), inserts(), upserts(), updatesAndDeletes(), textStatements(), jsonbAndArrays())
        .forEach(all::putAll);
    return all;
  }

  @TestFactory
  Stream<DynamicTest> eachStatementCompilesToTheSqlTheGuideShows() {
    Map<String, String> guideSql = QueryLayerGuide.blocks("sql");
    var shown = new TreeSet<>(guideSql.keySet());
    shown.remove("ddl");
    var statements = guideStatements();
    assertEquals(shown, statements.keySet(), "every SQL block of the guide has its statement, and back");
    return statements.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(),
        () -> assertEquals(guideSql.get(entry.getKey()), entry.getValue().toString())));
  }

  @Test
  void createAllGivesTheDdlTheGuideShows() {
    // --- guide: ddl
    List<String> ddl = METADATA.createAll(false);   // CREATE TYPE, CREATE TABLE, CREATE INDEX … in dependency order
    // --- end
    assertEquals(QueryLayerGuide.blocks("sql").get("ddl"), String.join(";\n", ddl) + ";");
  }

  static Map<String, Statement> selects() {
    // --- guide: select
    Select query = select(USERS.name, USERS.fullname)
        .from(USERS)
        .where(USERS.name.like("j%"))
        .orderBy(USERS.name.asc())
        .limit(10);
    // --- end
    return Map.of("select", query);
  }

  static Map<String, Statement> operators() {
    // --- guide: operators
    Select query = select(USERS.id,
            coalesce(USERS.fullname, USERS.name).as("display"),
            caseWhen(USERS.id.lt(100L), "early").orElse("late").as("cohort"))
        .from(USERS)
        .where(and(
            USERS.id.in(List.of(1L, 2L, 3L)),
            USERS.fullname.isNotNull(),
            or(USERS.name.ilike("j%"), USERS.name.matches("^w")),
            not(USERS.id.between(10L, 20L))));
    // --- end
    return Map.of("operators", query);
  }

  static Map<String, Statement> aggregates() {
    // --- guide: aggregates
    var total = count().as("total");
    Select query = select(ADDRESSES.userId, total,
            count().filter(ADDRESSES.email.like("%@example.com")).as("at_example"),
            agg("string_agg", TEXT, ADDRESSES.email, value(", ")).orderBy(ADDRESSES.email.asc()).as("emails"))
        .from(ADDRESSES)
        .groupBy(ADDRESSES.userId)
        .having(count().gt(1L))
        .orderBy(total.desc());
    // --- end
    return Map.of("aggregates", query);
  }

  static Map<String, Statement> windows() {
    // --- guide: windows
    Select query = select(EMPLOYEES.name,
            rank().over(window().orderBy(EMPLOYEES.salary.desc())).as("salary_rank"),
            sum(EMPLOYEES.salary, NUMERIC).over(window().orderBy(EMPLOYEES.id.asc())
                .rows(FrameBound.preceding(2), FrameBound.CURRENT_ROW)).as("last_three"))
        .from(EMPLOYEES);
    // --- end
    return Map.of("windows", query);
  }

  static Map<String, Statement> joins() {
    // --- guide: joins
    var manager = alias(EMPLOYEES, "manager");
    Select withManagers = select(EMPLOYEES.name, manager.name.as("manager"))
        .from(EMPLOYEES)
        .leftJoin(manager, EMPLOYEES.managerId.eq(manager.id));

    var latest = select(ADDRESSES.email).from(ADDRESSES)
        .where(ADDRESSES.userId.eq(USERS.id))
        .orderBy(ADDRESSES.id.desc())
        .limit(1)
        .as("latest").lateral();
    Select latestEmails = select(USERS.name, latest.get(ADDRESSES.email))
        .from(USERS)
        .leftJoin(latest, TRUE);
    // --- end
    return Map.of("self-join", withManagers, "lateral", latestEmails);
  }

  static Map<String, Statement> subqueries() {
    // --- guide: subqueries
    Select withAddresses = select(USERS.name,
            select(count()).from(ADDRESSES).where(ADDRESSES.userId.eq(USERS.id)).<Long>scalar().as("n"))
        .from(USERS)
        .where(exists(select(ADDRESSES.id).from(ADDRESSES).where(ADDRESSES.userId.eq(USERS.id))));

    var counts = select(ADDRESSES.userId, count().as("n")).from(ADDRESSES).groupBy(ADDRESSES.userId).as("c");
    Select busy = select(USERS.name, counts.get(count().as("n")))
        .from(USERS)
        .join(counts, counts.get(ADDRESSES.userId).eq(USERS.id))
        .where(counts.get(count().as("n")).gt(2L));
    // --- end
    return Map.of("exists-scalar", withAddresses, "from-subquery", busy);
  }

  static Map<String, Statement> locking() {
    // --- guide: locking
    Select next = select(KERNELS.id).from(KERNELS)
        .where(KERNELS.state.eq(KernelState.PENDING))
        .orderBy(KERNELS.createdAt)
        .limit(1)
        .forUpdate().skipLocked();
    // --- end
    return Map.of("locking", next);
  }

  static Map<String, Statement> commonTableExpressions() {
    // --- guide: cte
    Cte chain = recursiveCte("chain", EMPLOYEES.id, EMPLOYEES.managerId);
    chain = chain.as(select(EMPLOYEES.id, EMPLOYEES.managerId).from(EMPLOYEES).where(EMPLOYEES.id.eq(7L))
        .unionAll(select(EMPLOYEES.id, EMPLOYEES.managerId).from(EMPLOYEES)
            .join(chain, EMPLOYEES.id.eq(chain.get(EMPLOYEES.managerId)))));
    Select managers = select(chain.get(EMPLOYEES.id)).from(chain).with(chain);

    Cte moved = cte("moved", delete(ADDRESSES).where(ADDRESSES.userId.eq(5L)).returning(ADDRESSES.email));
    Insert reassign = insert(ADDRESSES).columns(ADDRESSES.userId, ADDRESSES.email)
        .select(select(value(6L), moved.get(ADDRESSES.email)).from(moved))
        .with(moved)
        .returning(ADDRESSES.id);
    // --- end
    return Map.of("recursive-cte", managers, "dml-cte", reassign);
  }

  static Map<String, Statement> setOperationsValuesAndFunctions() {
    // --- guide: set-operations
    Query everyone = select(USERS.name).from(USERS)
        .union(select(EMPLOYEES.name).from(EMPLOYEES))
        .orderBy(USERS.name)
        .limit(50);

    var wanted = values(USERS.id, USERS.fullname).row(1L, "Jack J.").row(2L, "Wendy W.").as("v");
    Update rename = update(USERS).set(USERS.fullname, wanted.get(USERS.fullname))
        .from(wanted)
        .where(USERS.id.eq(wanted.get(USERS.id)));

    var days = functionTable(func("generate_series", PgTypes.TIMESTAMPTZ, value(OffsetDateTime.parse("2026-11-01T00:00Z")),
        value(OffsetDateTime.parse("2026-11-07T00:00Z")), raw("interval '1 day'", PgTypes.INTERVAL)), "d", "day");
    Select week = select(days.column("day", PgTypes.TIMESTAMPTZ)).from(days);
    // --- end
    return Map.of("union", everyone, "values", rename, "function-table", week);
  }

  static Map<String, Statement> inserts() {
    // --- guide: insert
    Insert one = insert(USERS).values(USERS.name, "jack").values(USERS.fullname, "Jack Jones");

    Insert many = insert(USERS).columns(USERS.name, USERS.fullname)
        .row("wendy", "Wendy Williams")
        .row("mary", null)
        .returning(USERS.id);

    Insert fromQuery = insert(ADDRESSES).columns(ADDRESSES.userId, ADDRESSES.email)
        .select(select(USERS.id, USERS.name.concat("@example.com")).from(USERS).where(USERS.id.gt(100L)));
    // --- end
    return Map.of("insert-one", one, "insert-many", many, "insert-select", fromQuery);
  }

  static Map<String, Statement> upserts() {
    // --- guide: upsert
    Insert upsert = insert(ADDRESSES).values(ADDRESSES.userId, 1L).values(ADDRESSES.email, "jack@example.com")
        .onConflict(ADDRESSES.email)
        .doUpdateSet(ADDRESSES.userId, excluded(ADDRESSES.userId))
        .doUpdateWhere(ADDRESSES.userId.ne(excluded(ADDRESSES.userId)))
        .returning(ADDRESSES.id);

    Insert ignore = insert(ADDRESSES).values(ADDRESSES.userId, 1L).values(ADDRESSES.email, "jack@example.com")
        .onConflictDoNothing();
    // --- end
    return Map.of("upsert", upsert, "insert-ignore", ignore);
  }

  static Map<String, Statement> updatesAndDeletes() {
    // --- guide: update-delete
    Update rename = update(USERS).set(USERS.fullname, "J. Jones").where(USERS.id.eq(5L));

    Update tagged = update(USERS).set(USERS.fullname, USERS.name.concat(" (example)"))
        .from(ADDRESSES)
        .where(ADDRESSES.userId.eq(USERS.id))
        .where(ADDRESSES.email.like("%@example.com"))
        .returning(USERS.id, USERS.fullname);

    Delete cleanup = delete(ADDRESSES).using(USERS)
        .where(ADDRESSES.userId.eq(USERS.id))
        .where(USERS.name.like("tmp%"))
        .returning(ADDRESSES.email);
    // --- end
    return Map.of("update", rename, "update-from", tagged, "delete-using", cleanup);
  }

  static Map<String, Statement> textStatements() {
    // --- guide: text
    TextStatement recent = text("SELECT id, name FROM users WHERE id > :after ORDER BY id LIMIT :n")
        .bind("after", 100L)
        .bind("n", 20)
        .columns(USERS.id, USERS.name);
    // --- end
    return Map.of("text", recent);
  }

  static Map<String, Statement> jsonbAndArrays() {
    UUID kernelId = UUID.fromString("00000000-0000-0000-0000-000000000042");
    // --- guide: jsonb-merge
    var now = OffsetDateTime.parse("2026-11-26T10:00Z");
    Update touch = update(KERNELS).set(KERNELS.statusData,
            Jsonb.merge(KERNELS.statusData, path("scheduler"),
                Map.of("last_try", now, "passed", List.of("concurrency"))))
        .where(KERNELS.id.eq(kernelId));
    // --- end
    // --- guide: jsonb-operators
    Select idle = select(KERNELS.id, Jsonb.getText(KERNELS.statusData, path("scheduler", "last_try")).as("last_try"))
        .from(KERNELS)
        .where(and(
            Jsonb.contains(KERNELS.statusData, Map.of("state", "idle")),
            Jsonb.hasKey(KERNELS.statusData, "scheduler")));
    // --- end
    // --- guide: arrays
    Select tagged = select(USERS.id).from(USERS)
        .where(SqlArrays.overlaps(arrayOf(TEXT, USERS.name, USERS.fullname), List.of("jack", "Jack Jones")));
    // --- end
    return Map.of("jsonb-merge", touch, "jsonb-operators", idle, "arrays", tagged);
  }
}
