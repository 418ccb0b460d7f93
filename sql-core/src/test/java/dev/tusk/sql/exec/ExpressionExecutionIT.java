package dev.tusk.sql.exec;

import static dev.tusk.sql.Jsonb.path;
import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.exec.ExecSchema.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.sql.Engine;
import dev.tusk.sql.Jsonb;
import dev.tusk.sql.SqlArrays;
import dev.tusk.sql.ast.BinaryOp;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.ast.FrameBound;
import dev.tusk.sql.ast.Select;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of expression, executed: each test checks the rows or values PostgreSQL returns, so
 * a construct that compiles to valid but wrong SQL (or that the server types differently than the
 * compiler expects) fails here even though its golden SQL test passes.
 *
 * <p>The rows are {@link ExecSchema#fill}'s, fixed for the whole class (the tests only read).
 */
@ExtendWith(PostgresExtension.class)
class ExpressionExecutionIT {
  private static final String SCHEMA = "exec_expressions";
  private static Engine engine;

  @BeforeAll
  static void createAndFill(PostgresServer server) {
    engine = TestEngines.inFreshSchema(server, SCHEMA);
    engine.begin(conn -> {
      METADATA.createAll(conn);
      ExecSchema.fill(conn);
    });
  }

  @AfterAll
  static void dropSchema() {
    TestEngines.dropSchemaAndClose(engine, SCHEMA);
  }

  /** {@return the ids of the people matching a condition, in id order} */
  private static List<Long> people(Expression<Boolean> condition) {
    return engine.withConnection(conn -> conn.all(select(PEOPLE.id).from(PEOPLE).where(condition).orderBy(PEOPLE.id)))
        .stream().map(row -> row.get(PEOPLE.id)).toList();
  }

  /** {@return an expression's value for every person, in id order} */
  private static <T> List<T> perPerson(Expression<T> expression) {
    var labelled = expression.as("v");
    return engine.withConnection(conn -> conn.all(select(labelled).from(PEOPLE).orderBy(PEOPLE.id)))
        .stream().map(row -> row.get(labelled)).toList();
  }

  /** {@return an expression's value on alice's row} */
  private static <T> T onAlice(Expression<T> expression) {
    return engine.withConnection(conn -> conn.scalar(select(expression).from(PEOPLE).where(PEOPLE.id.eq(1L))));
  }

  private static List<Long> docs(Expression<Boolean> condition) {
    return engine.withConnection(conn -> conn.all(select(DOCS.id).from(DOCS).where(condition).orderBy(DOCS.id)))
        .stream().map(row -> row.get(DOCS.id)).toList();
  }

  /** Asserts that a jsonb expression on document {@code id} equals {@code expectedJson} as jsonb (not as text). */
  private static void assertJsonOnDoc(long id, String expectedJson, Expression<String> json) {
    var row = engine.withConnection(conn -> conn.one(select(json.as("v"), json.eq(expectedJson).as("same"))
        .from(DOCS).where(DOCS.id.eq(id))));
    assertEquals(Boolean.TRUE, row.get("same"), () -> "expected " + expectedJson + " but was " + row.get("v"));
  }

  private static List<Long> ids(Long... ids) {
    return List.of(ids);
  }

  @Test
  void comparisonsSelectTheMatchingRows() {
    assertEquals(ids(2L), people(PEOPLE.id.eq(2L)));
    assertEquals(ids(1L, 3L, 4L, 5L), people(PEOPLE.id.ne(2L)));
    assertEquals(ids(1L, 2L), people(PEOPLE.id.lt(3L)));
    assertEquals(ids(1L, 2L, 3L), people(PEOPLE.id.le(3L)));
    assertEquals(ids(4L, 5L), people(PEOPLE.id.gt(3L)));
    assertEquals(ids(4L, 5L), people(PEOPLE.id.ge(4L)));
    assertEquals(ids(4L, 5L), people(PEOPLE.age.gt(30)), "NULL age is not greater than anything");
    assertEquals(ids(4L), people(PEOPLE.nickname.eq(PEOPLE.name)));
    assertEquals(ids(), people(PEOPLE.nickname.eq((String) null)), "= NULL is never true");
    assertEquals(ids(1L, 4L), people(PEOPLE.mood.eq(Mood.HAPPY)));
    assertEquals(ids(3L), people(PEOPLE.email.eq(new Email("carol@x.org"))));
  }

  @Test
  void booleanLogicFollowsSqlThreeValuedLogic() {
    assertEquals(ids(1L, 2L, 4L), people(and(PEOPLE.age.gt(20), or(PEOPLE.mood.eq(Mood.HAPPY), PEOPLE.name.eq("bob")))));
    assertEquals(ids(1L, 4L, 5L), people(or(and(PEOPLE.age.gt(20), PEOPLE.mood.eq(Mood.HAPPY)), PEOPLE.name.eq("Eve"))));
    assertEquals(ids(1L, 2L), people(not(PEOPLE.age.gt(30))), "NOT of NULL is NULL: carol is not selected");
    assertEquals(ids(4L, 5L), people(not(not(PEOPLE.age.gt(30)))));
    assertEquals(ids(1L, 2L, 3L, 4L, 5L), people(and()));
    assertEquals(ids(), people(or()));
  }

  @Test
  void arithmeticKeepsPostgresTypesAndPrecedence() {
    assertEquals(62, onAlice(PEOPLE.age.plus(1).times(2)));
    assertEquals(90, onAlice(PEOPLE.age.plus(PEOPLE.age.times(2))));
    assertEquals(20, onAlice(PEOPLE.age.minus(5).minus(5)));
    assertEquals(10, onAlice(PEOPLE.age.minus(PEOPLE.age.minus(10))));
    assertEquals(4, onAlice(PEOPLE.age.dividedBy(7)), "integer division truncates");
    assertEquals(2, onAlice(PEOPLE.age.modulo(7)));
    assertEquals(-30, onAlice(PEOPLE.age.negate()));
    assertEquals(-31, onAlice(PEOPLE.age.plus(1).negate()));
    assertEquals(0, new BigDecimal("21.00").compareTo(onAlice(PEOPLE.score.times(new BigDecimal("2")))));
    assertEquals(Arrays.asList(31, 26, null, 41, 36), perPerson(PEOPLE.age.plus(1)));
  }

  @Test
  void stringOperatorsMatchPatternsAndConcatenate() {
    assertEquals(ids(1L), people(PEOPLE.name.like("a%")));
    assertEquals(ids(2L, 3L), people(PEOPLE.name.notLike("%e")));
    assertEquals(ids(), people(PEOPLE.name.like("e%")), "LIKE is case-sensitive");
    assertEquals(ids(5L), people(PEOPLE.name.ilike("e%")));
    assertEquals(ids(2L, 5L), people(PEOPLE.name.notIlike("%A%")));
    assertEquals(ids(1L, 2L, 3L), people(PEOPLE.name.matches("^[a-c]")));
    assertEquals(ids(5L), people(PEOPLE.name.matchesIgnoreCase("^E")));
    assertEquals(ids(1L, 4L, 5L), people(PEOPLE.name.notMatches("o")));
    assertEquals(ids(4L, 5L), people(PEOPLE.name.notMatchesIgnoreCase("^[A-C]")));
    assertEquals(Arrays.asList("alice Al", null, "carol Caz", "dave dave", null),
        perPerson(PEOPLE.name.concat(" ").concat(PEOPLE.nickname)), "|| with NULL is NULL");
    assertEquals(ids(1L), people(PEOPLE.name.concat("!").eq("alice!")));
  }

  @Test
  void inBindsOneArrayForListsOfAnyLengthIncludingEmpty() {
    assertEquals(ids(), people(PEOPLE.id.in(List.of())), "IN () matches nothing");
    assertEquals(ids(2L), people(PEOPLE.id.in(List.of(2L))));
    assertEquals(ids(1L, 3L, 5L), people(PEOPLE.id.in(List.of(5L, 1L, 3L))));
    assertEquals(ids(1L, 2L, 3L, 4L, 5L), people(PEOPLE.id.in(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L))));
    assertEquals(ids(2L, 5L), people(PEOPLE.name.in(List.of("bob", "Eve", "nobody"))));
    assertEquals(ids(2L, 5L), people(PEOPLE.age.in(List.of(25, 35))));
    assertEquals(ids(1L, 3L, 4L), people(PEOPLE.mood.in(List.of(Mood.HAPPY, Mood.OK))));
    assertEquals(ids(1L), people(PEOPLE.email.in(List.of(new Email("alice@x.org"), new Email("nobody@x.org")))));
    assertEquals(ids(1L), people(PEOPLE.id.in(Arrays.asList(1L, null))), "a NULL element matches nothing");
  }

  @Test
  void notInIsNotEqualToAllWithSqlNullSemantics() {
    assertEquals(ids(1L, 2L, 3L, 4L, 5L), people(PEOPLE.id.notIn(List.of())), "NOT IN () matches everything");
    assertEquals(ids(1L, 3L, 4L, 5L), people(PEOPLE.id.notIn(List.of(2L))));
    assertEquals(ids(4L, 5L), people(PEOPLE.id.notIn(List.of(1L, 2L, 3L))));
    assertEquals(ids(2L), people(PEOPLE.mood.notIn(List.of(Mood.HAPPY, Mood.OK))), "NULL mood is not selected");
    assertEquals(ids(), people(PEOPLE.id.notIn(Arrays.asList(1L, null))), "NOT IN with a NULL is never true");
  }

  @Test
  void inAndNotInSubqueries() {
    assertEquals(ids(1L, 2L, 4L), people(PEOPLE.id.in(select(PETS.ownerId).from(PETS))));
    assertEquals(ids(3L, 5L), people(PEOPLE.id.notIn(select(PETS.ownerId).from(PETS))));
    assertEquals(ids(1L, 2L), people(PEOPLE.id.in(select(PETS.ownerId).from(PETS).where(PETS.species.eq("dog")))));
  }

  @Test
  void betweenIncludesBothBounds() {
    assertEquals(ids(1L, 2L, 5L), people(PEOPLE.age.between(25, 35)));
    assertEquals(ids(4L), people(PEOPLE.age.notBetween(25, 35)), "NULL is neither between nor not between");
    assertEquals(ids(1L, 2L, 4L, 5L), people(PEOPLE.age.plus(1).between(PEOPLE.age, PEOPLE.age.times(2))));
  }

  @Test
  void nullTestsAndDistinctFromTreatNullAsAValue() {
    assertEquals(ids(2L, 5L), people(PEOPLE.nickname.isNull()));
    assertEquals(ids(1L, 3L, 4L), people(PEOPLE.nickname.isNotNull()));
    assertEquals(ids(2L, 3L, 4L, 5L), people(PEOPLE.nickname.isDistinctFrom("Al")), "NULL is distinct from 'Al'");
    assertEquals(ids(2L, 5L), people(PEOPLE.nickname.isNotDistinctFrom((String) null)));
    assertEquals(ids(4L), people(PEOPLE.nickname.isNotDistinctFrom(PEOPLE.name)));
    assertEquals(ids(1L, 2L, 3L, 5L), people(PEOPLE.nickname.isDistinctFrom(PEOPLE.name)));
    assertEquals(ids(3L), people(PEOPLE.age.isNull()));
  }

  @Test
  void caseInBothForms() {
    assertEquals(List.of("young", "young", "unknown", "old", "old"),
        perPerson(caseWhen(PEOPLE.age.gt(32), "old").when(PEOPLE.age.gt(0), "young").orElse("unknown")));
    assertEquals(List.of(2L, 0L, 1L, 2L, 2L),
        perPerson(caseOf(PEOPLE.mood, value(Mood.SAD, MOOD), value(0L)).when(value(Mood.OK, MOOD), value(1L))
            .orElse(2L)));
    assertEquals(Arrays.asList("has pets", "has pets", null, "has pets", null),
        perPerson(caseWhen(exists(select(PETS.id).from(PETS).where(PETS.ownerId.eq(PEOPLE.id))), "has pets")));
  }

  @Test
  void castConvertsOnTheServer() {
    assertEquals("30", onAlice(cast(PEOPLE.age, TEXT)));
    assertEquals(11, onAlice(PEOPLE.score.cast(INTEGER)), "numeric to integer rounds half away from zero");
    assertEquals(42, onAlice(cast(value("42"), INTEGER)));
    assertEquals(0, new BigDecimal("31.00").compareTo(onAlice(PEOPLE.age.cast(numeric(10, 2)).plus(BigDecimal.ONE))));
    assertEquals("happy", onAlice(PEOPLE.mood.cast(TEXT)));
  }

  @Test
  void coalesceNullifGreatestLeast() {
    assertEquals(List.of("Al", "bob", "Caz", "dave", "Eve"), perPerson(coalesce(PEOPLE.nickname, PEOPLE.name)));
    assertEquals(List.of("Al", "?", "Caz", "dave", "?"), perPerson(coalesce(PEOPLE.nickname, "?")));
    assertEquals(Arrays.asList("Al", null, "Caz", null, null), perPerson(nullif(PEOPLE.nickname, PEOPLE.name)));
    assertEquals(Arrays.asList(null, 25, null, 40, 35), perPerson(nullif(PEOPLE.age, 30)));
    assertEquals(List.of(33, 33, 33, 40, 35), perPerson(greatest(PEOPLE.age, value(33))), "greatest ignores NULL");
    assertEquals(List.of(30, 25, 33, 33, 33), perPerson(least(PEOPLE.age, value(33))));
  }

  @Test
  void functionsAreCalledByName() {
    assertEquals(ids(5L), people(func("lower", TEXT, PEOPLE.name).eq("eve")));
    assertEquals("ALICE", onAlice(func("upper", TEXT, PEOPLE.name)));
    assertEquals("al", onAlice(func("left", TEXT, PEOPLE.name, value(2))));
    assertEquals(5, onAlice(func("length", INTEGER, PEOPLE.name)));
    assertEquals(2, onAlice(func("array_length", INTEGER, PEOPLE.tags, value(1))));
    assertNotNull(onAlice(func("pg_catalog.now", TIMESTAMPTZ)));
    assertEquals("a-b", onAlice(func("array_to_string", TEXT, PEOPLE.tags, value("-"))));
  }

  @Test
  void aggregatesWithDistinctOrderAndFilter() {
    var row = engine.withConnection(conn -> conn.one(select(
        count().as("all_rows"),
        count(PEOPLE.nickname).as("nicknames"),
        count(PEOPLE.mood).distinct().as("moods"),
        count().filter(PEOPLE.age.gt(28)).as("over_28"),
        sum(PEOPLE.age, BIGINT).as("age_sum"),
        sum(PEOPLE.age, BIGINT).filter(PEOPLE.mood.eq(Mood.HAPPY)).as("happy_age_sum"),
        avg(PEOPLE.age, NUMERIC).as("age_avg"),
        max(PEOPLE.age).as("oldest"),
        min(PEOPLE.score).as("lowest"),
        agg("string_agg", TEXT, PEOPLE.name, value(",")).orderBy(PEOPLE.id.desc()).as("names"),
        agg("string_agg", TEXT, PEOPLE.nickname, value(",")).orderBy(PEOPLE.id.asc())
            .filter(PEOPLE.nickname.ne(PEOPLE.name)).as("nicks"))
        .from(PEOPLE)));
    assertEquals(5L, row.get(count().as("all_rows")));
    assertEquals(3L, row.get(count().as("nicknames")));
    assertEquals(3L, row.get(count().as("moods")));
    assertEquals(3L, row.get(count().as("over_28")));
    assertEquals(130L, row.get(sum(PEOPLE.age, BIGINT).as("age_sum")));
    assertEquals(70L, row.get(sum(PEOPLE.age, BIGINT).as("happy_age_sum")));
    assertEquals(0, new BigDecimal("32.5").compareTo(row.get(avg(PEOPLE.age, NUMERIC).as("age_avg"))));
    assertEquals(40, row.get(max(PEOPLE.age).as("oldest")));
    assertEquals(new BigDecimal("5.25"), row.get(min(PEOPLE.score).as("lowest")));
    assertEquals("Eve,dave,carol,bob,alice", row.get("names"));
    assertEquals("Al,Caz", row.get("nicks"));
  }

  @Test
  void windowFunctionsPartitionOrderAndFrame() {
    var byDept = rowNumber().over(window().partitionBy(STAFF.dept).orderBy(STAFF.salary.desc(), STAFF.id.asc())).as("n");
    var ranked = rank().over(window().orderBy(STAFF.salary.desc())).as("r");
    var dense = denseRank().over(window().orderBy(STAFF.salary.desc())).as("d");
    var running = sum(STAFF.salary, NUMERIC).over(window().orderBy(STAFF.id.asc())
        .rows(FrameBound.preceding(1), FrameBound.CURRENT_ROW)).as("pair_sum");
    var byRange = count().over(window().orderBy(STAFF.id.asc())
        .range(FrameBound.preceding(2), FrameBound.following(1))).as("near_ids");
    var byGroups = count().over(window().orderBy(STAFF.salary.asc())
        .groups(FrameBound.UNBOUNDED_PRECEDING, FrameBound.CURRENT_ROW)).as("at_most");
    var deptHigh = count().filter(STAFF.salary.ge(new BigDecimal("150"))).over(window().partitionBy(STAFF.dept)).as("high");
    var rows = engine.withConnection(conn -> conn.all(select(STAFF.name, byDept, ranked, dense, running, byRange, byGroups,
        deptHigh).from(STAFF).orderBy(STAFF.id)));
    assertEquals(List.of("Ada", "Ben", "Cid", "Dan", "Eli", "Fay"), rows.stream().map(r -> r.get(STAFF.name)).toList());
    assertEquals(List.of(1L, 2L, 1L, 3L, 4L, 2L), rows.stream().map(r -> r.get(byDept)).toList());
    assertEquals(List.of(1L, 2L, 4L, 2L, 6L, 5L), rows.stream().map(r -> r.get(ranked)).toList());
    assertEquals(List.of(1L, 2L, 3L, 2L, 5L, 4L), rows.stream().map(r -> r.get(dense)).toList());
    assertEquals(List.of("300", "500", "350", "350", "300", "220"),
        rows.stream().map(r -> r.get(running).stripTrailingZeros().toPlainString()).toList());
    assertEquals(List.of(2L, 3L, 4L, 4L, 4L, 3L), rows.stream().map(r -> r.get(byRange)).toList());
    assertEquals(List.of(6L, 5L, 3L, 5L, 1L, 2L), rows.stream().map(r -> r.get(byGroups)).toList());
    assertEquals(List.of(3L, 3L, 1L, 3L, 3L, 1L), rows.stream().map(r -> r.get(deptHigh)).toList());
  }

  @Test
  void existsAndScalarSubqueries() {
    var pets = select(PETS.id).from(PETS).where(PETS.ownerId.eq(PEOPLE.id));
    assertEquals(ids(1L, 2L, 4L), people(exists(pets)));
    assertEquals(ids(3L, 5L), people(notExists(pets)));
    Expression<Long> petCount = select(count()).from(PETS).where(PETS.ownerId.eq(PEOPLE.id)).scalar();
    assertEquals(List.of(2L, 1L, 0L, 1L, 0L), perPerson(petCount));
    assertEquals(ids(1L), people(petCount.gt(1L)));
    Expression<Integer> maxAge = select(max(PEOPLE.age)).from(PEOPLE).scalar();
    assertEquals(ids(4L), people(PEOPLE.age.eq(maxAge)));
  }

  @Test
  void rowValuesCompareLexicographically() {
    assertEquals(ids(4L, 5L), people(row(PEOPLE.age, PEOPLE.id).gt(row(value(30), value(1L)))));
    assertEquals(ids(1L, 4L, 5L), people(row(PEOPLE.age, PEOPLE.id).ge(row(value(30), value(1L)))));
    assertEquals(ids(4L), people(row(PEOPLE.nickname, PEOPLE.id).eq(row(PEOPLE.name, value(4L)))));
  }

  @Test
  void jsonbAccessOperators() {
    assertJsonOnDoc(1, "1", Jsonb.get(DOCS.body, "a"));
    assertJsonOnDoc(1, "{\"c\": \"x\"}", Jsonb.get(DOCS.body, "b"));
    assertJsonOnDoc(3, "1", Jsonb.get(DOCS.body, 0));
    assertJsonOnDoc(1, "\"x\"", Jsonb.get(DOCS.body, path("b", "c")));
    var texts = engine.withConnection(conn -> conn.one(select(Jsonb.getText(DOCS.body, "state").as("state"),
        Jsonb.getText(DOCS.body, path("b", "c")).as("c"), Jsonb.getText(DOCS.body, "missing").as("missing"))
        .from(DOCS).where(DOCS.id.eq(1L))));
    assertEquals("idle", texts.get("state"));
    assertEquals("x", texts.get("c"));
    assertNull(texts.get("missing"));
    assertEquals(ids(2L), docs(Jsonb.getText(DOCS.body, "state").eq("busy")));
  }

  @Test
  void jsonbContainmentAndKeyOperators() {
    assertEquals(ids(1L), docs(Jsonb.contains(DOCS.body, Map.of("state", "idle"))));
    assertEquals(ids(1L), docs(Jsonb.contains(DOCS.body, Map.of("b", Map.of("c", "x")))));
    assertEquals(ids(3L), docs(Jsonb.contains(DOCS.body, List.of(2))));
    assertEquals(ids(2L), docs(Jsonb.containedBy(DOCS.body, Map.of("a", 2, "state", "busy", "extra", true))));
    assertEquals(ids(1L), docs(Jsonb.hasKey(DOCS.body, "b")));
    assertEquals(ids(1L, 2L), docs(Jsonb.hasKey(DOCS.body, "state")));
    assertEquals(ids(1L), docs(Jsonb.hasAnyKey(DOCS.body, "b", "zzz")));
    assertEquals(ids(1L, 2L), docs(Jsonb.hasAnyKey(DOCS.body, "state", "zzz")));
    assertEquals(ids(1L, 2L), docs(Jsonb.hasAllKeys(DOCS.body, "a", "state")));
    assertEquals(ids(1L), docs(Jsonb.hasAllKeys(DOCS.body, "a", "b")));
  }

  @Test
  void jsonbModifyingOperators() {
    assertJsonOnDoc(2, "{\"a\": 2, \"state\": \"busy\", \"z\": 1}", Jsonb.concat(DOCS.body, Map.of("z", 1)));
    assertJsonOnDoc(2, "{\"a\": 3, \"state\": \"busy\"}", Jsonb.concat(DOCS.body, Map.of("a", 3)));
    assertJsonOnDoc(3, "[1, 2, 3, 4]", Jsonb.concat(DOCS.body, List.of(4)));
    assertJsonOnDoc(1, "[\"p\", \"q\", \"r\"]", Jsonb.concat(Jsonb.get(DOCS.body, "tags"), List.of("r")));
    assertJsonOnDoc(2, "{\"state\": \"busy\"}", Jsonb.deleteKey(DOCS.body, "a"));
    assertJsonOnDoc(2, "{\"state\": \"busy\", \"z\": [1]}",
        Jsonb.concat(Jsonb.deleteKey(DOCS.body, "a"), Map.of("z", List.of(1))));
    assertJsonOnDoc(1, "{\"a\": 1, \"b\": {}, \"tags\": [\"p\", \"q\"], \"state\": \"idle\"}",
        Jsonb.deletePath(DOCS.body, path("b", "c")));
    assertJsonOnDoc(1, "{\"a\": 1, \"b\": {\"c\": \"x\"}, \"tags\": [\"p\", \"q\"], \"state\": \"idle\"}",
        Jsonb.deletePath(DOCS.body, path("nope", "deeper")));
  }

  @Test
  void jsonbInListsCompareAsJsonbWhateverTheirLength() {
    assertEquals(ids(2L, 3L), docs(DOCS.body.in(List.of("{\"state\": \"busy\", \"a\": 2}", "[1,2,3]"))),
        "jsonb equality: key order and spacing do not matter");
    assertEquals(ids(), docs(DOCS.body.in(List.of())));
    assertEquals(ids(1L, 2L), docs(DOCS.body.notIn(List.of("[1, 2, 3]"))), "NULL documents are not selected");
  }

  @Test
  void arrayOperators() {
    assertEquals(ids(1L, 5L), people(SqlArrays.contains(PEOPLE.tags, List.of("a"))));
    assertEquals(ids(1L, 2L, 3L), people(SqlArrays.containedBy(PEOPLE.tags, List.of("a", "b"))),
        "the empty array is contained by every array; NULL tags are not");
    assertEquals(ids(1L, 2L, 5L), people(SqlArrays.overlaps(PEOPLE.tags, List.of("b", "c"))));
    assertEquals(ids(1L, 2L), people(SqlArrays.has(PEOPLE.tags, "b")));
    assertEquals(ids(2L, 3L), people(SqlArrays.all(value("a"), BinaryOp.NE, PEOPLE.tags)), "ALL over {} is true");
    assertEquals(ids(5L), people(SqlArrays.any(value("c"), BinaryOp.EQ, PEOPLE.tags)));
    assertEquals(List.of("a", "b", "z"), onAlice(SqlArrays.concat(PEOPLE.tags, List.of("z"))));
    assertEquals(List.of("a", "b", "a", "b"), onAlice(SqlArrays.concat(PEOPLE.tags, PEOPLE.tags)));
    assertEquals("a", onAlice(SqlArrays.get(PEOPLE.tags, 1)));
    assertNull(onAlice(SqlArrays.get(PEOPLE.tags, 9)), "out of range is NULL");
    assertEquals(List.of("b"), onAlice(SqlArrays.slice(PEOPLE.tags, 2, 2)));
    assertEquals(List.of("alice", "Al"), onAlice(arrayOf(TEXT, PEOPLE.name, PEOPLE.nickname)));
    assertEquals(List.of(), onAlice(arrayOf(TEXT)));
    Select firstName = select(SqlArrays.get(agg("array_agg", array(TEXT), PEOPLE.name).orderBy(PEOPLE.id.desc()), 1))
        .from(PEOPLE);
    assertEquals("Eve", engine.withConnection(conn -> conn.scalar(firstName)));
    assertEquals(ids(1L, 5L), people(op(PEOPLE.tags, "@>", value(List.of("a"), array(TEXT)), BOOLEAN)));
  }

  @Test
  void enumArraysAndConvertedValuesComeBackAsJavaTypes() {
    var moods = agg("array_agg", array(MOOD), PEOPLE.mood).orderBy(PEOPLE.id.asc()).filter(PEOPLE.mood.isNotNull());
    List<Mood> all = engine.withConnection(conn -> conn.scalar(select(moods).from(PEOPLE)));
    assertEquals(List.of(Mood.HAPPY, Mood.SAD, Mood.OK, Mood.HAPPY), all);
    assertEquals(Arrays.asList(new Email("alice@x.org"), null, new Email("carol@x.org"), new Email("dave@y.org"), null),
        perPerson(PEOPLE.email));
  }

  @Test
  void rawFragmentsAndConstants() {
    assertEquals(ids(1L, 2L, 3L, 4L, 5L), people(PEOPLE.createdAt.gt(raw("now() - interval '1 day'", TIMESTAMPTZ))));
    assertEquals(2, onAlice(raw("1 + 1", INTEGER)));
    assertNotNull(onAlice(currentTimestamp()));
    assertNull(onAlice(nullOf(TEXT)));
    assertEquals(ids(1L, 2L, 3L, 4L, 5L), people(TRUE));
    assertEquals(ids(), people(FALSE));
  }
}
