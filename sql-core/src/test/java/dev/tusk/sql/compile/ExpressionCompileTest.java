package dev.tusk.sql.compile;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.TestSchema.*;
import static dev.tusk.sql.compile.GoldenSql.assertSql;
import static dev.tusk.sql.compile.GoldenSql.parameterTypes;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.sql.Sql;
import dev.tusk.sql.SqlArrays;
import dev.tusk.sql.ast.BinaryOp;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.ast.FrameBound;
import dev.tusk.driver.PgInterval;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionCompileTest {
  private static void assertWhere(Expression<Boolean> condition, String expectedWhere, Object... values) {
    assertSql(select(USERS.id).from(USERS).where(condition), "SELECT users.id FROM users WHERE " + expectedWhere,
        values);
  }

  private static void assertSelected(Expression<?> expression, String expectedItem, Object... values) {
    assertSql(select(expression).from(USERS), "SELECT " + expectedItem + " FROM users", values);
  }

  @Test
  void comparisonsBindTheirValues() {
    assertWhere(USERS.id.eq(1L), "users.id = $1", 1L);
    assertWhere(USERS.id.ne(1L), "users.id <> $1", 1L);
    assertWhere(USERS.id.lt(1L), "users.id < $1", 1L);
    assertWhere(USERS.id.le(1L), "users.id <= $1", 1L);
    assertWhere(USERS.id.gt(1L), "users.id > $1", 1L);
    assertWhere(USERS.id.ge(1L), "users.id >= $1", 1L);
    assertWhere(USERS.name.eq(USERS.fullname), "users.name = users.fullname");
  }

  @Test
  void nullValuesAreParametersToo() {
    assertWhere(USERS.name.eq((String) null), "users.name = $1", (Object) null);
    assertWhere(USERS.name.isNull(), "users.name IS NULL");
    assertWhere(USERS.name.isNotNull(), "users.name IS NOT NULL");
  }

  @Test
  void distinctFromComparesNullsAsValues() {
    assertWhere(USERS.name.isDistinctFrom("a"), "users.name IS DISTINCT FROM $1", "a");
    assertWhere(USERS.name.isNotDistinctFrom(USERS.fullname), "users.name IS NOT DISTINCT FROM users.fullname");
  }

  @Test
  void booleanLogicParenthesizesByPrecedence() {
    var a = USERS.id.eq(1L);
    var b = USERS.name.eq("b");
    var c = USERS.fullname.eq("c");
    assertWhere(and(a, or(b, c)), "users.id = $1 AND (users.name = $2 OR users.fullname = $3)", 1L, "b", "c");
    assertWhere(or(and(a, b), c), "users.id = $1 AND users.name = $2 OR users.fullname = $3", 1L, "b", "c");
    assertWhere(not(or(a, b)), "NOT (users.id = $1 OR users.name = $2)", 1L, "b");
    assertWhere(not(a), "NOT users.id = $1", 1L);
    assertWhere(not(not(a)), "NOT (NOT users.id = $1)", 1L);
  }

  @Test
  void nestedJunctionsOfOneOperatorFlatten() {
    var a = USERS.id.eq(1L);
    var b = USERS.name.eq("b");
    var c = USERS.fullname.eq("c");
    assertEquals(and(a, b, c), and(and(a, b), c));
    assertWhere(and(and(a, b), c), "users.id = $1 AND users.name = $2 AND users.fullname = $3", 1L, "b", "c");
    assertWhere(and(), "TRUE");
    assertWhere(or(), "FALSE");
    assertWhere(and(a), "users.id = $1", 1L);
  }

  @Test
  void whereCalledTwiceAndsTheConditions() {
    assertSql(select(USERS.id).from(USERS).where(USERS.id.gt(1L)).where(USERS.id.lt(9L)),
        "SELECT users.id FROM users WHERE users.id > $1 AND users.id < $2", 1L, 9L);
  }

  @Test
  void arithmeticParenthesizesOnlyWhereGroupingDiffers() {
    var id = USERS.id;
    assertSelected(id.plus(1L).times(2L), "(users.id + $1) * $2", 1L, 2L);
    assertSelected(id.plus(id.times(2L)), "users.id + users.id * $1", 2L);
    assertSelected(id.minus(1L).minus(2L), "users.id - $1 - $2", 1L, 2L);
    assertSelected(id.minus(id.minus(2L)), "users.id - (users.id - $1)", 2L);
    assertSelected(id.dividedBy(2L).modulo(3L), "users.id / $1 % $2", 2L, 3L);
    assertSelected(id.negate(), "-users.id");
    assertSelected(id.negate().negate(), "-(-users.id)");
    assertSelected(id.plus(1L).negate(), "-(users.id + $1)", 1L);
  }

  @Test
  void comparisonsDoNotChainWithoutParentheses() {
    assertWhere(USERS.id.eq(1L).eq(true), "(users.id = $1) = $2", 1L, true);
    assertWhere(USERS.id.eq(1L).isNull(), "users.id = $1 IS NULL", 1L);
    assertWhere(USERS.name.concat("x").eq("ax"), "users.name || $1 = $2", "x", "ax");
  }

  @Test
  void inListBindsOneArrayParameter() {
    assertWhere(USERS.id.in(List.of(1L, 2L, 3L)), "users.id = ANY($1)", List.of(1L, 2L, 3L));
    assertEquals(List.of("bigint[]"), parameterTypes(select(USERS.id).from(USERS).where(USERS.id.in(List.of(1L)))));
  }

  @Test
  void inListLengthNeverChangesTheSql() {
    var one = select(USERS.id).from(USERS).where(USERS.id.in(List.of(1L)));
    var many = select(USERS.id).from(USERS).where(USERS.id.in(List.of(1L, 2L, 3L, 4L, 5L)));
    var none = select(USERS.id).from(USERS).where(USERS.id.in(List.of()));
    assertEquals(one.toString(), many.toString());
    assertEquals(one.toString(), none.toString());
  }

  @Test
  void notInBecomesNotEqualToAll() {
    assertWhere(USERS.id.notIn(List.of(1L, 2L)), "users.id <> ALL($1)", List.of(1L, 2L));
  }

  @Test
  void inSubqueryComparesWithEveryRow() {
    assertWhere(USERS.id.in(select(ADDRESSES.userId).from(ADDRESSES)),
        "users.id = ANY(SELECT addresses.user_id FROM addresses)");
    assertWhere(USERS.id.notIn(select(ADDRESSES.userId).from(ADDRESSES)),
        "users.id <> ALL(SELECT addresses.user_id FROM addresses)");
  }

  @Test
  void betweenBindsBothBounds() {
    assertWhere(USERS.id.between(1L, 5L), "users.id BETWEEN $1 AND $2", 1L, 5L);
    assertWhere(USERS.id.notBetween(1L, 5L), "users.id NOT BETWEEN $1 AND $2", 1L, 5L);
    assertWhere(USERS.id.plus(1L).between(USERS.id, USERS.id.times(2L)),
        "users.id + $1 BETWEEN users.id AND users.id * $2", 1L, 2L);
  }

  @Test
  void stringOperatorsBindTheirPatterns() {
    assertWhere(USERS.name.like("a%"), "users.name LIKE $1", "a%");
    assertWhere(USERS.name.notLike("a%"), "users.name NOT LIKE $1", "a%");
    assertWhere(USERS.name.ilike("a%"), "users.name ILIKE $1", "a%");
    assertWhere(USERS.name.notIlike("a%"), "users.name NOT ILIKE $1", "a%");
    assertWhere(USERS.name.matches("^a"), "users.name ~ $1", "^a");
    assertWhere(USERS.name.matchesIgnoreCase("^a"), "users.name ~* $1", "^a");
    assertWhere(USERS.name.notMatches("^a"), "users.name !~ $1", "^a");
    assertWhere(USERS.name.notMatchesIgnoreCase("^a"), "users.name !~* $1", "^a");
    assertSelected(USERS.name.concat(" ").concat(USERS.fullname), "users.name || $1 || users.fullname", " ");
  }

  @Test
  void caseRendersSearchedAndSimpleForms() {
    assertSelected(caseWhen(USERS.id.gt(10L), "big").when(USERS.id.gt(5L), "mid").orElse("small"),
        "CASE WHEN users.id > $1 THEN $2 WHEN users.id > $3 THEN $4 ELSE $5 END", 10L, "big", 5L, "mid", "small");
    assertSelected(caseOf(USERS.mood, value(Mood.SAD, MOOD), value(0L)).when(value(Mood.OK, MOOD), value(1L)),
        "CASE users.mood WHEN $1::mood THEN $2 WHEN $3::mood THEN $4 END", Mood.SAD, 0L, Mood.OK, 1L);
  }

  @Test
  void castUsesTheStandardSyntax() {
    assertSelected(cast(USERS.id, TEXT), "CAST(users.id AS text)");
    assertSelected(USERS.id.cast(numeric(10, 2)).plus(BigDecimal.ONE), "CAST(users.id AS numeric(10,2)) + $1",
        BigDecimal.ONE);
  }

  @Test
  void coalesceNullifGreatestAndLeastAreFunctions() {
    assertSelected(coalesce(USERS.fullname, USERS.name), "coalesce(users.fullname, users.name)");
    assertSelected(coalesce(USERS.fullname, "?"), "coalesce(users.fullname, $1)", "?");
    assertSelected(nullif(USERS.name, ""), "nullif(users.name, $1)", "");
    assertSelected(greatest(USERS.id, value(3L)), "greatest(users.id, $1)", 3L);
    assertSelected(least(USERS.id, USERS.id), "least(users.id, users.id)");
  }

  @Test
  void anyFunctionIsCalledByName() {
    assertSelected(func("lower", TEXT, USERS.name), "lower(users.name)");
    assertSelected(func("pg_catalog.now"), "pg_catalog.now()");
    assertSelected(func("left", TEXT, USERS.name, value(2)), "left(users.name, $1)", 2);
    assertSelected(func("MyFunc", TEXT), "\"MyFunc\"()");
    assertWhere(func("lower", TEXT, USERS.name).eq("jack"), "lower(users.name) = $1", "jack");
  }

  @Test
  void aggregatesTakeDistinctOrderAndFilter() {
    assertSelected(count(), "count(*)");
    assertSelected(count(USERS.name).distinct(), "count(DISTINCT users.name)");
    assertSelected(count().filter(USERS.id.gt(5L)), "count(*) FILTER (WHERE users.id > $1)", 5L);
    assertSelected(agg("string_agg", TEXT, USERS.name, value(", ")).orderBy(USERS.name.desc()),
        "string_agg(users.name, $1 ORDER BY users.name DESC)", ", ");
    assertSelected(sum(USERS.id, NUMERIC), "sum(users.id)");
    assertSelected(avg(USERS.id, NUMERIC), "avg(users.id)");
    assertSelected(max(USERS.name), "max(users.name)");
    assertSelected(min(USERS.id), "min(users.id)");
  }

  @Test
  void windowFunctionsRenderPartitionOrderAndFrame() {
    assertSelected(rowNumber().over(window().partitionBy(USERS.name).orderBy(USERS.id.desc())),
        "row_number() OVER (PARTITION BY users.name ORDER BY users.id DESC)");
    assertSelected(rank().over(window()), "rank() OVER ()");
    assertSelected(sum(USERS.id, NUMERIC).over(window().orderBy(USERS.id.asc())
            .rows(FrameBound.preceding(2), FrameBound.CURRENT_ROW)),
        "sum(users.id) OVER (ORDER BY users.id ASC ROWS BETWEEN $1 PRECEDING AND CURRENT ROW)", 2L);
    assertSelected(count().over(window().orderBy(USERS.createdAt.asc())
            .range(FrameBound.preceding(value(PgInterval.ofDays(7))), FrameBound.UNBOUNDED_FOLLOWING)),
        "count(*) OVER (ORDER BY users.created_at ASC RANGE BETWEEN $1 PRECEDING AND UNBOUNDED FOLLOWING)",
        PgInterval.ofDays(7));
    assertSelected(denseRank().over(window().orderBy(USERS.id.asc()).groups(FrameBound.UNBOUNDED_PRECEDING,
            FrameBound.following(1))),
        "dense_rank() OVER (ORDER BY users.id ASC GROUPS BETWEEN UNBOUNDED PRECEDING AND $1 FOLLOWING)", 1L);
    assertSelected(count().filter(USERS.id.gt(0L)).over(window().partitionBy(USERS.mood)),
        "count(*) FILTER (WHERE users.id > $1) OVER (PARTITION BY users.mood)", 0L);
  }

  @Test
  void existsAndScalarSubqueriesAreParenthesized() {
    var hasAddress = select(ADDRESSES.id).from(ADDRESSES).where(ADDRESSES.userId.eq(USERS.id));
    assertWhere(exists(hasAddress),
        "EXISTS (SELECT addresses.id FROM addresses WHERE addresses.user_id = users.id)");
    assertWhere(notExists(hasAddress),
        "NOT EXISTS (SELECT addresses.id FROM addresses WHERE addresses.user_id = users.id)");
    Expression<Long> addressCount = select(count()).from(ADDRESSES).where(ADDRESSES.userId.eq(USERS.id)).scalar();
    assertSelected(addressCount.as("n"), "(SELECT count(*) FROM addresses WHERE addresses.user_id = users.id) AS n");
  }

  @Test
  void rowValuesCompareAsAWhole() {
    assertWhere(row(USERS.name, USERS.id).gt(row(value("a"), value(5L))),
        "(users.name, users.id) > ($1, $2)", "a", 5L);
    assertWhere(row(USERS.name, USERS.id).eq(row(USERS.fullname, USERS.id)),
        "(users.name, users.id) = (users.fullname, users.id)");
  }

  @Test
  void arrayOperatorsBindWholeLists() {
    assertOrders(SqlArrays.contains(ORDERS.tags, List.of("a")), "orders.tags @> $1", List.of("a"));
    assertOrders(SqlArrays.containedBy(ORDERS.tags, List.of("a", "b")), "orders.tags <@ $1", List.of("a", "b"));
    assertOrders(SqlArrays.overlaps(ORDERS.tags, List.of("a")), "orders.tags && $1", List.of("a"));
    assertOrders(SqlArrays.has(ORDERS.tags, "x"), "$1 = ANY(orders.tags)", "x");
    assertOrders(SqlArrays.all(value("x"), BinaryOp.NE, ORDERS.tags), "$1 <> ALL(orders.tags)", "x");
    assertOrders(SqlArrays.concat(ORDERS.tags, List.of("z")), "orders.tags || $1", List.of("z"));
    assertOrders(SqlArrays.get(ORDERS.tags, 1), "orders.tags[$1]", 1);
    assertOrders(SqlArrays.slice(ORDERS.tags, 1, 2), "orders.tags[$1:$2]", 1, 2);
    assertSelected(SqlArrays.get(agg("array_agg", array(TEXT), USERS.name), 1), "(array_agg(users.name))[$1]", 1);
    assertSelected(arrayOf(TEXT, USERS.name, USERS.fullname), "ARRAY[users.name, users.fullname]");
    assertSelected(arrayOf(TEXT), "ARRAY[]::text[]");
  }

  private static void assertOrders(Expression<?> expression, String expectedItem, Object... values) {
    assertSql(select(expression).from(ORDERS), "SELECT " + expectedItem + " FROM orders", values);
  }

  @Test
  void enumParametersCarryTheirTypeName() {
    assertWhere(USERS.mood.eq(Mood.HAPPY), "users.mood = $1::mood", Mood.HAPPY);
    assertWhere(USERS.mood.in(List.of(Mood.SAD)), "users.mood = ANY($1::mood[])", List.of(Mood.SAD));
  }

  @Test
  void stringArraysOfTypesOtherThanTextAreCastToTheirOwnArrayType() {
    assertWhere(USERS.name.cast(character(3)).in(List.of("ab ")), "CAST(users.name AS character(3)) = ANY($1::bpchar[])",
        List.of("ab "));
    assertSelected(value(List.of("{}"), array(JSON)), "$1::json[]", List.of("{}"));
    assertSelected(value(List.of("a"), array(TEXT)), "$1", List.of("a"));
    assertSelected(value(List.of("a"), array(varchar(5))), "$1", List.of("a"));
    assertSelected(value(List.of("{}"), array(JSONB)), "$1", List.of("{}"));
    assertSelected(value(List.of((short) 1), array(SMALLINT)), "$1", List.of((short) 1));
    assertSelected(value("ab", character(3)), "$1", "ab");
  }

  @Test
  void convertedColumnsBindTheirJavaValues() {
    var email = new Email("a@b.c");
    assertWhere(USERS.email.eq(email), "users.email = $1", email);
    assertEquals(List.of("text"), parameterTypes(select(USERS.id).from(USERS).where(USERS.email.eq(email))));
  }

  @Test
  void customOperatorsAreValidatedAndRenderedAsData() {
    assertWhere(op(USERS.name, "%", value("jack"), BOOLEAN), "users.name % $1", "jack");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> BinaryOp.custom("; DROP"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> BinaryOp.custom("--"));
  }

  @Test
  void rawFragmentsAreParenthesizedUnderOperators() {
    assertWhere(USERS.createdAt.lt(raw("now() - interval '1 day'", TIMESTAMPTZ)),
        "users.created_at < (now() - interval '1 day')");
    assertSelected(raw("1 + 1", INTEGER), "1 + 1");
  }

  @Test
  void constantsAreKeywords() {
    assertWhere(Sql.TRUE, "TRUE");
    assertSelected(currentTimestamp(), "CURRENT_TIMESTAMP");
    assertSelected(nullOf(TEXT), "NULL");
  }
}
