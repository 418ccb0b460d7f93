package dev.tusk.sql.exec;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.exec.ExecSchema.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgException;
import dev.tusk.sql.Engine;
import dev.tusk.sql.Result;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.ast.Statement;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * INSERT, UPDATE and DELETE in every form, and text statements, executed: affected-row counts,
 * RETURNING rows and the table contents afterwards are checked. Each test starts from {@link
 * ExecSchema#fill}'s rows; new people and pets get ids from 100 on.
 */
@ExtendWith(PostgresExtension.class)
class DmlExecutionIT {
  private static final String SCHEMA = "exec_dml";
  private static Engine engine;

  @BeforeAll
  static void createSchema(PostgresServer server) {
    engine = TestEngines.inFreshSchema(server, SCHEMA);
    engine.begin(conn -> METADATA.createAll(conn));
  }

  @BeforeEach
  void refill() {
    engine.begin(conn -> {
      ExecSchema.truncate(conn);
      ExecSchema.fill(conn);
    });
  }

  @AfterAll
  static void dropSchema() {
    TestEngines.dropSchemaAndClose(engine, SCHEMA);
  }

  private static Result run(Statement statement) {
    return engine.inTransaction(conn -> conn.execute(statement));
  }

  private static List<String> petNames(long ownerId) {
    return engine.withConnection(conn -> conn.all(select(PETS.name).from(PETS).where(PETS.ownerId.eq(ownerId))
        .orderBy(PETS.id))).stream().map(r -> r.get(PETS.name)).toList();
  }

  @Test
  void insertOneRowReturningGeneratedAndDefaultValues() {
    var before = OffsetDateTime.now().minusMinutes(1);
    Result result = run(insert(PEOPLE).values(PEOPLE.name, "frank").values(PEOPLE.mood, Mood.OK)
        .values(PEOPLE.email, new Email("frank@x.org")).values(PEOPLE.tags, List.of("new"))
        .returning(PEOPLE.id, PEOPLE.createdAt.as("created"), PEOPLE.mood, PEOPLE.email));
    assertEquals("INSERT 0 1", result.commandTag());
    assertEquals(1, result.rowsAffected());
    SqlRow row = result.one();
    assertEquals(100L, row.get(PEOPLE.id), "identity values continue from 100");
    assertTrue(row.get(PEOPLE.createdAt.as("created")).isAfter(before), "the server default now() filled it");
    assertEquals(Mood.OK, row.get(PEOPLE.mood));
    assertEquals(new Email("frank@x.org"), row.get(PEOPLE.email));
    assertEquals(List.of("new"), engine.withConnection(conn -> conn.scalar(select(PEOPLE.tags).from(PEOPLE)
        .where(PEOPLE.name.eq("frank")))));
  }

  @Test
  void insertManyRowsInOneStatement() {
    Result result = run(insert(PEOPLE).columns(PEOPLE.name, PEOPLE.age, PEOPLE.mood)
        .row("gus", 50, Mood.SAD).row("hal", null, null).row("ivy", 7, Mood.HAPPY)
        .returning(PEOPLE.id, PEOPLE.name));
    assertEquals(3, result.rowsAffected());
    assertEquals(List.of(100L, 101L, 102L), result.stream().map(r -> r.get(PEOPLE.id)).toList());
    assertEquals(List.of("gus", "hal", "ivy"), result.stream().map(r -> r.get(PEOPLE.name)).toList());
    assertEquals(8L, (long) engine.<Long>withConnection(conn -> conn.scalar(select(count()).from(PEOPLE))));
  }

  @Test
  void insertExpressionsAndDefault() {
    var row = run(insert(PEOPLE).values(PEOPLE.name, func("upper", TEXT, value("jo")))
        .values(PEOPLE.createdAt, defaultValue()).values(PEOPLE.age, value(3).plus(4))
        .returning(PEOPLE.name, PEOPLE.age, PEOPLE.createdAt)).one();
    assertEquals("JO", row.get(PEOPLE.name));
    assertEquals(7, row.get(PEOPLE.age));
    assertNotNull(row.get(PEOPLE.createdAt));
  }

  @Test
  void insertFromSelect() {
    Result result = run(insert(PETS).columns(PETS.ownerId, PETS.name, PETS.species)
        .select(select(PEOPLE.id, PEOPLE.name.concat("'s rock"), value("rock")).from(PEOPLE).where(PEOPLE.age.gt(32)))
        .returning(PETS.ownerId, PETS.name));
    assertEquals(2, result.rowsAffected());
    assertEquals(List.of("dave's rock", "Eve's rock"),
        result.stream().sorted(Comparator.comparing(r -> r.get(PETS.ownerId))).map(r -> r.get(PETS.name)).toList());
    assertEquals(List.of("Nemo", "dave's rock"), petNames(4L));
  }

  @Test
  void onConflictDoNothingInItsThreeForms() {
    Result skipped = run(insert(PEOPLE).values(PEOPLE.name, "alice").onConflictDoNothing().returning(PEOPLE.id));
    assertEquals(0, skipped.rowsAffected());
    assertTrue(skipped.rows().isEmpty(), "RETURNING returns nothing for a skipped row");
    assertEquals(0, run(insert(PEOPLE).values(PEOPLE.name, "alice").onConflict(PEOPLE.name)).rowsAffected());
    assertEquals(0, run(insert(PEOPLE).values(PEOPLE.name, "alice").onConflictOnConstraint("people_name_key")).rowsAffected());
    assertEquals(1, run(insert(PEOPLE).values(PEOPLE.name, "zed").onConflict(PEOPLE.name)).rowsAffected());
    var conflict = assertThrows(PgException.class, () -> run(insert(PEOPLE).values(PEOPLE.name, "alice")
        .onConflict(PEOPLE.id)), "a conflict on another unique constraint than the target is still an error");
    assertTrue(conflict.isUniqueViolation());
  }

  @Test
  void onConflictDoUpdateWithExcludedAndWhere() {
    var upsert = insert(COUNTERS).columns(COUNTERS.key, COUNTERS.hits, COUNTERS.note);
    BiFunction<Integer, String, Result> bump = (hits, note) -> run(upsert.row("home", hits, note)
        .onConflict(COUNTERS.key)
        .doUpdateSet(COUNTERS.hits, COUNTERS.hits.plus(excluded(COUNTERS.hits)))
        .doUpdateSet(COUNTERS.note, excluded(COUNTERS.note))
        .doUpdateWhere(COUNTERS.note.isDistinctFrom(excluded(COUNTERS.note)))
        .returning(COUNTERS.hits, COUNTERS.note));

    assertEquals(1, bump.apply(1, "first").one().get(COUNTERS.hits), "inserted");
    Result unchanged = bump.apply(5, "first");
    assertEquals(0, unchanged.rowsAffected(), "the DO UPDATE WHERE was false: nothing updated, nothing returned");
    assertTrue(unchanged.rows().isEmpty());
    SqlRow updated = bump.apply(5, "second").one();
    assertEquals(6, updated.get(COUNTERS.hits), "1 + excluded.hits (5)");
    assertEquals("second", updated.get(COUNTERS.note));
    assertEquals(7, run(upsert.row("home", 1, null).onConflict(COUNTERS.key)
        .doUpdateSet(COUNTERS.hits, COUNTERS.hits.plus(excluded(COUNTERS.hits)))
        .doUpdateSet(COUNTERS.note, "constant").returning(COUNTERS.hits)).one().get(COUNTERS.hits));
    assertEquals("constant", engine.withConnection(conn -> conn.scalar(select(COUNTERS.note).from(COUNTERS))));
  }

  @Test
  void onConflictOnAPartialUniqueIndexNamesItsPredicate() {
    var open = insert(TICKETS).values(TICKETS.code, "T-1").onConflict(TICKETS.code).onConflictWhere(TICKETS.closedAt.isNull())
        .doUpdateSet(TICKETS.reopened, TICKETS.reopened.plus(1)).returning(TICKETS.id, TICKETS.reopened);
    SqlRow first = run(open).one();
    assertEquals(0, first.get(TICKETS.reopened));
    SqlRow again = run(open).one();
    assertEquals(first.get(TICKETS.id), again.get(TICKETS.id), "the open ticket was updated");
    assertEquals(1, again.get(TICKETS.reopened));
    run(update(TICKETS).set(TICKETS.closedAt, currentTimestamp()).where(TICKETS.code.eq("T-1")));
    SqlRow reopened = run(open).one();
    assertNotEquals(first.get(TICKETS.id), reopened.get(TICKETS.id), "a closed ticket is outside the index: a new row");
    assertEquals(2L, (long) engine.<Long>withConnection(conn -> conn.scalar(select(count()).from(TICKETS))));
  }

  @Test
  void updateSetsColumnsAndReturnsTheNewValues() {
    Result result = run(update(PEOPLE).set(PEOPLE.nickname, "Bobby").set(PEOPLE.age, PEOPLE.age.plus(1))
        .set(PEOPLE.mood, Mood.HAPPY).where(PEOPLE.id.eq(2L)).returning(PEOPLE.nickname, PEOPLE.age, PEOPLE.mood));
    assertEquals("UPDATE 1", result.commandTag());
    SqlRow row = result.one();
    assertEquals("Bobby", row.get(PEOPLE.nickname));
    assertEquals(26, row.get(PEOPLE.age));
    assertEquals(Mood.HAPPY, row.get(PEOPLE.mood));
    assertEquals(5, run(update(PEOPLE).set(PEOPLE.score, (BigDecimal) null)).rowsAffected(), "no WHERE: every row");
  }

  @Test
  void updateFromAnotherTableReturning() {
    Result result = run(update(PETS).set(PETS.name, PETS.name.concat("!")).from(PEOPLE)
        .where(PEOPLE.id.eq(PETS.ownerId)).where(PEOPLE.mood.eq(Mood.HAPPY))
        .returning(PETS.id, PETS.name, PEOPLE.name.as("owner")));
    assertEquals(3, result.rowsAffected());
    var rows = result.stream().sorted(Comparator.comparing(r -> r.get(PETS.id))).toList();
    assertEquals(List.of("Rex!", "Tom!", "Nemo!"), rows.stream().map(r -> r.get(PETS.name)).toList());
    assertEquals(List.of("alice", "alice", "dave"), rows.stream().map(r -> r.get(PEOPLE.name.as("owner"))).toList());
    assertEquals(List.of("Fido"), petNames(2L), "bob is sad: his pet is unchanged");
  }

  @Test
  void deleteUsingAnotherTableReturning() {
    Result result = run(delete(PETS).using(PEOPLE).where(PETS.ownerId.eq(PEOPLE.id)).where(PEOPLE.name.like("b%"))
        .returning(PETS.id, PETS.name));
    assertEquals("DELETE 1", result.commandTag());
    assertEquals("Fido", result.one().get(PETS.name));
    assertEquals(List.of(), petNames(2L));
    var cats = alias(PETS, "c");
    assertEquals(1, run(delete(cats).where(cats.species.eq("cat")).returning(cats.name)).rowsAffected());
    assertEquals(2, run(delete(PETS)).rowsAffected(), "no WHERE: the rest");
  }

  @Test
  void deleteCascadesThroughTheForeignKey() {
    run(delete(PEOPLE).where(PEOPLE.id.eq(1L)));
    assertEquals(List.of(), petNames(1L), "ON DELETE CASCADE removed alice's pets");
  }

  @Test
  void dataModifyingCtesReturnRowsToTheOuterStatement() {
    var moved = cte("moved", delete(PETS).where(PETS.ownerId.eq(1L)).returning(PETS.name, PETS.species));
    Result result = run(insert(PETS).columns(PETS.ownerId, PETS.name, PETS.species)
        .select(select(value(3L), moved.get(PETS.name), moved.get(PETS.species)).from(moved)).with(moved)
        .returning(PETS.ownerId, PETS.name));
    assertEquals(2, result.rowsAffected());
    assertEquals(List.of(), petNames(1L));
    assertEquals(List.of("Rex", "Tom"), petNames(3L).stream().sorted().toList(), "alice's pets now belong to carol");

    var raised = cte("raised", update(STAFF).set(STAFF.salary, STAFF.salary.times(new BigDecimal("1.10")))
        .where(STAFF.dept.eq("ops")).returning(STAFF.id, STAFF.salary));
    var total = sum(raised.get(STAFF.salary), NUMERIC).as("total");
    SqlRow row = engine.inTransaction(conn -> conn.one(select(count().as("n"), total).from(raised).with(raised)));
    assertEquals(2L, row.get(count().as("n")));
    assertEquals(0, new BigDecimal("297.00").compareTo(row.get(total)), "(150 + 120) * 1.1");
  }

  @Test
  void textStatementsBindNamedParameters() {
    var older = text("SELECT name FROM people WHERE age > :age AND name <> :name ORDER BY id")
        .bind("age", 26).bind("name", "dave").columns(PEOPLE.name);
    assertEquals(List.of("alice", "Eve"),
        engine.withConnection(conn -> conn.all(older)).stream().map(r -> r.get(PEOPLE.name)).toList());
    assertEquals(List.of("alice", "bob"), engine.withConnection(conn -> conn.all(text(
            "SELECT name FROM people WHERE id = ANY(:ids) AND name <> ':ids' ORDER BY id")
        .bind("ids", List.of(1L, 2L), array(BIGINT)).columns(PEOPLE.name))).stream().map(r -> r.get(PEOPLE.name)).toList());
    SqlRow same = engine.withConnection(conn -> conn.one(text("SELECT :x::int AS a, :x::int + 1 AS b").bind("x", 41)));
    assertEquals(41, same.get("a"));
    assertEquals(42, same.get("b"), "each :x is bound");
    assertEquals(1, run(text("UPDATE people SET nickname = :nick WHERE id = :id").bind("nick", "Ev").bind("id", 5L))
        .rowsAffected());
    assertEquals("Ev", engine.withConnection(conn -> conn.scalar(select(PEOPLE.nickname).from(PEOPLE).where(PEOPLE.id.eq(5L)))));
  }

  @Test
  void executeManyRunsStatementsAllOrNothing() {
    long affected = engine.withConnection(conn -> conn.executeMany(List.of(
        insert(COUNTERS).values(COUNTERS.key, "a").values(COUNTERS.hits, 1),
        insert(COUNTERS).values(COUNTERS.key, "b").values(COUNTERS.hits, 2),
        update(COUNTERS).set(COUNTERS.hits, COUNTERS.hits.plus(10)))));
    assertEquals(4, affected);
    assertThrows(PgException.class, () -> engine.withConnection(conn -> conn.executeMany(List.of(
        insert(COUNTERS).values(COUNTERS.key, "c").values(COUNTERS.hits, 3),
        insert(COUNTERS).values(COUNTERS.key, "a").values(COUNTERS.hits, 4)))));
    assertEquals(List.of("a", "b"), engine.withConnection(conn -> conn.all(select(COUNTERS.key).from(COUNTERS)
        .orderBy(COUNTERS.key))).stream().map(r -> r.get(COUNTERS.key)).toList(), "the failed batch left nothing behind");
  }

  @Test
  void nestedTransactionsAreSavepoints() {
    engine.begin(conn -> {
      conn.execute(insert(COUNTERS).values(COUNTERS.key, "outer").values(COUNTERS.hits, 1));
      assertThrows(PgException.class, () -> conn.inTransaction(inner -> {
        inner.execute(insert(COUNTERS).values(COUNTERS.key, "inner").values(COUNTERS.hits, 1));
        return inner.execute(insert(COUNTERS).values(COUNTERS.key, "outer").values(COUNTERS.hits, 2));
      }));
      conn.inTransaction(inner -> inner.execute(insert(COUNTERS).values(COUNTERS.key, "kept").values(COUNTERS.hits, 1)));
    });
    assertEquals(List.of("kept", "outer"), engine.withConnection(conn -> conn.all(select(COUNTERS.key).from(COUNTERS)
        .orderBy(COUNTERS.key))).stream().map(r -> r.get(COUNTERS.key)).toList(),
        "the failed savepoint rolled back its own insert only");
  }
}
