package dev.tusk.sql.exec;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.exec.ExecSchema.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.sql.Connection;
import dev.tusk.sql.Engine;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.ast.Cte;
import dev.tusk.sql.ast.Query;
import dev.tusk.sql.ast.Select;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every SELECT clause executed against the server, results checked: DISTINCT [ON], each join kind
 * (LATERAL too), GROUP BY/HAVING, ORDER BY with NULLS FIRST/LAST, LIMIT/OFFSET as parameters, row
 * locks with NOWAIT and SKIP LOCKED between two connections, CTEs (recursive too), set operations,
 * subqueries in FROM, VALUES lists and set-returning functions.
 *
 * <p>The rows are {@link ExecSchema#fill}'s plus pet 5, "Stray", a cat with no owner (for the outer
 * joins).
 */
@ExtendWith(PostgresExtension.class)
class SelectExecutionIT {
  private static final String SCHEMA = "exec_selects";
  /** Longest a statement that should never wait may wait, so that a wrong lock fails the test, not hangs it. */
  private static final Duration NEVER_WAITS = Duration.ofSeconds(5);
  private static Engine engine;

  @BeforeAll
  static void createAndFill(PostgresServer server) {
    engine = TestEngines.inFreshSchema(server, SCHEMA);
    engine.begin(conn -> {
      METADATA.createAll(conn);
      ExecSchema.fill(conn);
      conn.execute(insert(PETS).values(PETS.id, 5L).values(PETS.name, "Stray").values(PETS.species, "cat"));
    });
  }

  @AfterAll
  static void dropSchema() {
    TestEngines.dropSchemaAndClose(engine, SCHEMA);
  }

  private static List<SqlRow> all(Query query) {
    return engine.withConnection(conn -> conn.all(query));
  }

  private static <T> List<T> column(Query query, Function<SqlRow, T> read) {
    return all(query).stream().map(read).toList();
  }

  /** {@return each row as "a|b|…", NULL as "null"} */
  private static List<String> lines(Query query) {
    return all(query).stream().map(row -> {
      var cells = new ArrayList<String>();
      for (int i = 0; i < row.driverRow().size(); i++) {
        cells.add(String.valueOf(row.get(i, Object.class)));
      }
      return String.join("|", cells);
    }).toList();
  }

  @Test
  void distinctAndDistinctOn() {
    assertEquals(List.of("cat", "dog", "fish"),
        column(select(PETS.species).distinct().from(PETS).orderBy(PETS.species), r -> r.get(PETS.species)));
    assertEquals(List.of("1|Rex", "2|Fido", "4|Nemo", "null|Stray"),
        lines(select(PETS.ownerId, PETS.name).distinctOn(PETS.ownerId).from(PETS)
            .orderBy(PETS.ownerId.asc(), PETS.name.asc())), "the first row of each owner, by name");
  }

  @Test
  void joinsOfEveryKind() {
    var on = PETS.ownerId.eq(PEOPLE.id);
    var base = select(PEOPLE.name, PETS.name.as("pet")).from(PEOPLE);
    assertEquals(List.of("alice|Rex", "alice|Tom", "bob|Fido", "dave|Nemo"),
        lines(base.join(PETS, on).orderBy(PETS.id)));
    assertEquals(List.of("alice|Rex", "alice|Tom", "bob|Fido", "carol|null", "dave|Nemo", "Eve|null"),
        lines(base.leftJoin(PETS, on).orderBy(PEOPLE.id, PETS.id)));
    assertEquals(List.of("alice|Rex", "alice|Tom", "bob|Fido", "dave|Nemo", "null|Stray"),
        lines(base.rightJoin(PETS, on).orderBy(PETS.id)));
    assertEquals(List.of("alice|Rex", "alice|Tom", "bob|Fido", "carol|null", "dave|Nemo", "Eve|null", "null|Stray"),
        lines(base.fullJoin(PETS, on).orderBy(PEOPLE.id.asc().nullsLast(), PETS.id.asc())));
    assertEquals(25L, (long) engine.<Long>withConnection(conn -> conn.scalar(select(count()).from(PEOPLE).crossJoin(PETS))));
    assertEquals(25L, (long) engine.<Long>withConnection(conn -> conn.scalar(select(count()).from(PEOPLE, PETS))));
  }

  @Test
  void aliasesJoinATableToItself() {
    var manager = alias(STAFF, "manager");
    var managerName = manager.name.as("manager_name");
    var rows = all(select(STAFF.name, managerName).from(STAFF)
        .leftJoin(manager, STAFF.managerId.eq(manager.id)).orderBy(STAFF.id));
    assertEquals(Arrays.asList(null, "Ada", "Ada", "Ben", "Dan", "Cid"), rows.stream().map(r -> r.get(managerName)).toList());
    assertEquals(List.of("Dan", "Eli"), column(select(STAFF.name).from(STAFF).join(manager, STAFF.managerId.eq(manager.id))
        .where(or(manager.salary.eq(STAFF.salary), manager.name.eq("Dan"))).orderBy(STAFF.id), r -> r.get(STAFF.name)),
        "Dan earns what his manager Ben earns; Eli reports to Dan");
  }

  @Test
  void lateralSubqueriesSeeTheRowsToTheirLeft() {
    var latest = select(PETS.name).from(PETS).where(PETS.ownerId.eq(PEOPLE.id))
        .orderBy(PETS.id.desc()).limit(1).as("latest").lateral();
    assertEquals(List.of("alice|Tom", "bob|Fido", "carol|null", "dave|Nemo", "Eve|null"),
        lines(select(PEOPLE.name, latest.get(PETS.name)).from(PEOPLE).leftJoin(latest, TRUE).orderBy(PEOPLE.id)));
    assertEquals(List.of("alice|Tom", "bob|Fido", "dave|Nemo"),
        lines(select(PEOPLE.name, latest.get(PETS.name)).from(PEOPLE).join(latest, TRUE).orderBy(PEOPLE.id)),
        "an inner LATERAL join drops people without pets");
  }

  @Test
  void setReturningFunctionsInFrom() {
    var tags = functionTable(func("unnest", TEXT, PEOPLE.tags), "t", "tag").lateral();
    var tag = tags.column("tag", TEXT);
    assertEquals(List.of("alice|a", "alice|b", "bob|b", "Eve|a", "Eve|c"),
        lines(select(PEOPLE.name, tag).from(PEOPLE).crossJoin(tags).orderBy(PEOPLE.id.asc(), tag.asc())));
    var series = functionTable(func("generate_series", BIGINT, value(10L), value(12L)), "g", "n").withOrdinality();
    assertEquals(List.of("10|1", "11|2", "12|3"),
        lines(select(series.column("n", BIGINT), series.column("ordinality", BIGINT)).from(series)
            .orderBy(series.column("n", BIGINT))));
  }

  @Test
  void groupByAndHaving() {
    assertEquals(List.of("1|2"), lines(select(PETS.ownerId, count().as("n")).from(PETS).groupBy(PETS.ownerId)
        .having(count().gt(1L))));
    assertEquals(List.of("1|2", "2|1", "4|1"), lines(select(PETS.ownerId, count().as("n")).from(PETS)
        .groupBy(PETS.ownerId).having(count().ge(1L)).having(PETS.ownerId.isNotNull()).orderBy(PETS.ownerId)));
    var n = count().as("n");
    var rows = all(select(PEOPLE.mood, n).from(PEOPLE).groupBy(PEOPLE.mood)
        .orderBy(n.desc(), PEOPLE.mood.asc().nullsFirst()));
    assertEquals(Arrays.asList(Mood.HAPPY, null, Mood.SAD, Mood.OK), rows.stream().map(r -> r.get(PEOPLE.mood)).toList(),
        "enum values sort in declaration order");
    assertEquals(List.of(2L, 1L, 1L, 1L), rows.stream().map(r -> r.get(n)).toList());
  }

  @Test
  void orderByDirectionsAndNullsPlacement() {
    Function<Select, List<Long>> ids = query -> column(query, r -> r.get(PEOPLE.id));
    var base = select(PEOPLE.id).from(PEOPLE);
    assertEquals(List.of(2L, 1L, 5L, 4L, 3L), ids.apply(base.orderBy(PEOPLE.age.asc())), "ASC puts NULLs last");
    assertEquals(List.of(3L, 2L, 1L, 5L, 4L), ids.apply(base.orderBy(PEOPLE.age.asc().nullsFirst())));
    assertEquals(List.of(3L, 4L, 5L, 1L, 2L), ids.apply(base.orderBy(PEOPLE.age.desc())), "DESC puts NULLs first");
    assertEquals(List.of(4L, 5L, 1L, 2L, 3L), ids.apply(base.orderBy(PEOPLE.age.desc().nullsLast())));
    assertEquals(List.of(1L, 3L, 4L, 5L, 2L), ids.apply(base.orderBy(PEOPLE.nickname.asc().nullsLast(), PEOPLE.id.desc())));
  }

  @Test
  void limitAndOffsetAreParametersSoEveryPageSharesOneStatement() {
    var before = engine.statementCache().stats();
    var pages = new ArrayList<List<Long>>();
    for (long offset = 0; offset < 6; offset += 2) {
      pages.add(column(select(PEOPLE.id).from(PEOPLE).orderBy(PEOPLE.id).limit(2).offset(offset), r -> r.get(PEOPLE.id)));
    }
    assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L), List.of(5L)), pages);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L),
        column(select(PEOPLE.id).from(PEOPLE).orderBy(PEOPLE.id).limit(100), r -> r.get(PEOPLE.id)));
    assertEquals(List.of(), column(select(PEOPLE.id).from(PEOPLE).orderBy(PEOPLE.id).limit(0).offset(0), r -> r.get(PEOPLE.id)));
    var after = engine.statementCache().stats();
    assertEquals(2, after.misses() - before.misses(), "one shape with LIMIT and OFFSET, one with LIMIT only");
    assertEquals(3, after.hits() - before.hits());
  }

  @Test
  void skipLockedSkipsARowAnotherConnectionLockedAndNowaitFailsWith55P03() {
    engine.begin(holder -> {
      assertEquals(1L, holder.one(select(JOBS.id).from(JOBS).where(JOBS.id.eq(1L)).forUpdate()).get(JOBS.id));

      List<Long> free = engine.inTransaction(other -> other.withTimeout(NEVER_WAITS)
          .all(select(JOBS.id).from(JOBS).orderBy(JOBS.id).forUpdate().skipLocked())
          .stream().map(r -> r.get(JOBS.id)).toList());
      assertEquals(List.of(2L, 3L), free, "row 1 is locked by the holder and skipped");

      var nowait = assertThrows(PgException.class, () -> engine.begin(other -> other.withTimeout(NEVER_WAITS)
          .all(select(JOBS.id).from(JOBS).where(JOBS.id.eq(1L)).forUpdate().nowait())));
      assertEquals(SqlState.LOCK_NOT_AVAILABLE, nowait.sqlState());
      assertEquals("55P03", nowait.sqlState());

      var share = assertThrows(PgException.class, () -> engine.begin(other -> other.withTimeout(NEVER_WAITS)
          .all(select(JOBS.id).from(JOBS).where(JOBS.id.eq(1L)).forShare().nowait())));
      assertTrue(share.isLockNotAvailable(), "FOR SHARE conflicts with FOR UPDATE");

      var joined = engine.inTransaction(other -> other.withTimeout(NEVER_WAITS)
          .all(select(JOBS.id, PEOPLE.name).from(JOBS).join(PEOPLE, PEOPLE.id.eq(JOBS.id)).orderBy(JOBS.id)
              .forUpdate().of(JOBS).skipLocked())
          .stream().map(r -> r.get(PEOPLE.name)).toList());
      assertEquals(List.of("bob", "carol"), joined, "FOR UPDATE OF jobs SKIP LOCKED skips job 1 only");
    });
  }

  @Test
  void lockStrengthsConflictAsPostgresDocuments() {
    engine.begin(holder -> {
      holder.all(select(JOBS.id).from(JOBS).where(JOBS.id.eq(2L)).forShare());
      holder.all(select(JOBS.id).from(JOBS).where(JOBS.id.eq(3L)).forNoKeyUpdate());

      engine.begin(other -> {
        Connection quick = other.withTimeout(NEVER_WAITS);
        assertEquals(1, quick.all(select(JOBS.id).from(JOBS).where(JOBS.id.eq(2L)).forShare().nowait()).size(),
            "two FOR SHARE locks coexist");
        assertEquals(1, quick.all(select(JOBS.id).from(JOBS).where(JOBS.id.eq(3L)).forKeyShare().nowait()).size(),
            "FOR KEY SHARE coexists with FOR NO KEY UPDATE");
      });
      var update = assertThrows(PgException.class, () -> engine.begin(other -> other.withTimeout(NEVER_WAITS)
          .all(select(JOBS.id).from(JOBS).where(JOBS.id.eq(2L)).forUpdate().nowait())));
      assertTrue(update.isLockNotAvailable());
      var share = assertThrows(PgException.class, () -> engine.begin(other -> other.withTimeout(NEVER_WAITS)
          .all(select(JOBS.id).from(JOBS).where(JOBS.id.eq(3L)).forShare().nowait())));
      assertTrue(share.isLockNotAvailable(), "FOR SHARE conflicts with FOR NO KEY UPDATE");
    });
  }

  @Test
  void twoWorkersTakingOneJobEachWithSkipLockedNeverTakeTheSameJob() {
    var take = select(JOBS.id).from(JOBS).orderBy(JOBS.id).limit(1).forUpdate().skipLocked();
    engine.begin(first -> {
      long mine = first.one(take).get(JOBS.id);
      long theirs = engine.inTransaction(second -> second.withTimeout(NEVER_WAITS).one(take).get(JOBS.id));
      assertEquals(1L, mine);
      assertEquals(2L, theirs);
    });
  }

  @Test
  void commonTableExpressions() {
    var rich = cte("rich", select(STAFF.id, STAFF.name).from(STAFF).where(STAFF.salary.ge(new BigDecimal("200"))));
    assertEquals(List.of("Ada", "Ben", "Dan"),
        column(select(rich.get(STAFF.name)).from(rich).with(rich).orderBy(rich.get(STAFF.id)), r -> r.get(rich.get(STAFF.name))));
    assertEquals(List.of("Ada", "Ben", "Dan"),
        column(select(rich.get(STAFF.name)).from(rich).with(rich.materialized()).orderBy(rich.get(STAFF.id)),
            r -> r.get(rich.get(STAFF.name))));
    var other = rich.alias("r2");
    assertEquals(9L, (long) engine.<Long>withConnection(conn -> conn.scalar(select(count()).from(rich, other).with(rich.notMaterialized()))));
  }

  @Test
  void recursiveCtesWalkAHierarchyBothWays() {
    Cte up = recursiveCte("up", STAFF.id, STAFF.managerId);
    up = up.as(select(STAFF.id, STAFF.managerId).from(STAFF).where(STAFF.id.eq(5L))
        .unionAll(select(STAFF.id, STAFF.managerId).from(STAFF).join(up, STAFF.id.eq(up.get(STAFF.managerId)))));
    var chain = up;
    assertEquals(List.of(1L, 2L, 4L, 5L),
        column(select(chain.get(STAFF.id)).from(chain).with(chain).orderBy(chain.get(STAFF.id)), r -> r.get(chain.get(STAFF.id))),
        "Eli's managers, up to the top");

    Cte down = recursiveCte("down", STAFF.id, STAFF.name);
    down = down.as(select(STAFF.id, STAFF.name).from(STAFF).where(STAFF.id.eq(2L))
        .union(select(STAFF.id, STAFF.name).from(STAFF).join(down, STAFF.managerId.eq(down.get(STAFF.id)))));
    var reports = down;
    assertEquals(List.of("Ben", "Dan", "Eli"),
        column(select(reports.get(STAFF.name)).from(reports).with(reports).orderBy(reports.get(STAFF.id)),
            r -> r.get(reports.get(STAFF.name))), "Ben and everyone under him");
  }

  @Test
  void setOperationsWithAndWithoutAll() {
    // species: dog, cat, dog, fish, cat (Stray); the VALUES list: dog, bird
    var pets = select(PETS.species).from(PETS);
    var v = values(PETS.species).row("dog").row("bird").as("v");
    var listed = select(v.get(PETS.species)).from(v);
    Function<Query, List<String>> species = query -> column(query, r -> r.get(PETS.species));
    assertEquals(List.of("bird", "cat", "dog", "fish"), species.apply(pets.union(listed).orderBy(PETS.species)));
    assertEquals(List.of("bird", "cat", "cat", "dog", "dog", "dog", "fish"),
        species.apply(pets.unionAll(listed).orderBy(PETS.species)));
    assertEquals(List.of("dog"), species.apply(pets.intersect(listed).orderBy(PETS.species)));
    assertEquals(List.of("dog"), species.apply(pets.intersectAll(listed).orderBy(PETS.species)), "min(2, 1) dogs");
    assertEquals(List.of("cat", "fish"), species.apply(pets.except(listed).orderBy(PETS.species)));
    assertEquals(List.of("cat", "cat", "dog", "fish"), species.apply(pets.exceptAll(listed).orderBy(PETS.species)),
        "2 dogs minus 1");
    assertEquals(List.of("dog", "cat"),
        species.apply(pets.union(listed).orderBy(PETS.species.desc()).limit(2).offset(1)));
    assertEquals(List.of("bird", "cat", "fish"),
        species.apply(pets.union(listed).except(select(value("dog").as("species"))).orderBy(PETS.species)));
    assertEquals(List.of("dog"),
        species.apply(pets.intersect(listed.union(select(value("fish").as("species")).from(PEOPLE).where(PEOPLE.id.eq(0L))))
            .orderBy(PETS.species)), "a nested set operation is parenthesized");
  }

  @Test
  void subqueriesInFromHaveTypedColumns() {
    var n = count().as("n");
    var counts = select(PETS.ownerId, n).from(PETS).groupBy(PETS.ownerId).as("c");
    var rows = all(select(PEOPLE.name, counts.get(n)).from(PEOPLE)
        .join(counts, counts.get(PETS.ownerId).eq(PEOPLE.id))
        .where(counts.get(n).ge(1L)).orderBy(PEOPLE.id));
    assertEquals(List.of("alice", "bob", "dave"), rows.stream().map(r -> r.get(PEOPLE.name)).toList());
    assertEquals(List.of(2L, 1L, 1L), rows.stream().map(r -> r.get(counts.get(n))).toList());
  }

  @Test
  void valuesListsJoinLikeTables() {
    var v = values(PEOPLE.id, PEOPLE.nickname).row(1L, "Ally").row(5L, "Evie").row(99L, "nobody").as("v");
    assertEquals(List.of("alice|Ally", "Eve|Evie"), lines(select(PEOPLE.name, v.get(PEOPLE.nickname)).from(v)
        .join(PEOPLE, PEOPLE.id.eq(v.get(PEOPLE.id))).orderBy(PEOPLE.id)));
    var moods = values(PEOPLE.mood, PEOPLE.nickname).row(Mood.HAPPY, "cheerful").row(Mood.SAD, "gloomy").as("m");
    var rows = all(select(PEOPLE.name, moods.get(PEOPLE.mood), moods.get(PEOPLE.nickname)).from(PEOPLE)
        .join(moods, moods.get(PEOPLE.mood).eq(PEOPLE.mood)).orderBy(PEOPLE.id));
    assertEquals(List.of("alice", "bob", "dave"), rows.stream().map(r -> r.get(PEOPLE.name)).toList());
    assertEquals(List.of(Mood.HAPPY, Mood.SAD, Mood.HAPPY), rows.stream().map(r -> r.get(moods.get(PEOPLE.mood))).toList(),
        "a VALUES column of an enum type reads back as the Java enum");
  }

  /** A record to map rows to: components match columns by name, camelCase to snake_case. */
  record Pet(long id, Long ownerId, String name, String species) {}

  @Test
  void selectFromListsEveryColumnAndRowsMapToRecords() {
    List<Pet> pets = engine.withConnection(conn -> conn.execute(selectFrom(PETS).orderBy(PETS.id)).into(Pet.class));
    assertEquals(new Pet(1L, 1L, "Rex", "dog"), pets.getFirst());
    assertEquals(new Pet(5L, null, "Stray", "cat"), pets.getLast());
    assertEquals(5, pets.size());
  }

  @Test
  void aSelectWithoutFrom() {
    assertEquals(Integer.valueOf(42), engine.withConnection(conn -> conn.<Integer>scalar(select(value(42)))));
    assertEquals("x", engine.withConnection(conn -> conn.<String>scalar(select(value("x")))));
  }
}
