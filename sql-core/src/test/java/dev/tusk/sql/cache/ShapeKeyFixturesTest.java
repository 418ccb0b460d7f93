package dev.tusk.sql.cache;

import static dev.tusk.sql.Jsonb.path;
import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.TestSchema.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tusk.sql.Column;
import dev.tusk.sql.Jsonb;
import dev.tusk.sql.Table;
import dev.tusk.sql.ast.FrameBound;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.compile.SqlCompiler;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Cache-key fixtures in the style of SQLAlchemy's {@code test_compare.py}. Each group of {@link
 * #differentShapes} holds variants that differ in one thing that shapes the SQL or its types: every
 * two of them must have different keys (and different compiled statements). Each group of {@link
 * #sameShapes} holds statements built alike with different values: they must share one key, and
 * one compiled statement.
 */
class ShapeKeyFixturesTest {
  /** A second table named {@code users}, in another schema, and one whose email is plain text. */
  static final class OtherUsers extends Table {
    final Column<Long> id = column("id", BIGINT);
    final Column<String> email = column("email", TEXT);

    OtherUsers() {
      super("archive", "users");
    }
  }

  static final class PlainUsers extends Table {
    final Column<Long> id = column("id", BIGINT);
    final Column<String> email = column("email", TEXT);

    PlainUsers() {
      super("users");
    }
  }

  static final OtherUsers ARCHIVED = new OtherUsers();
  static final PlainUsers PLAIN = new PlainUsers();

  static List<List<Supplier<Statement>>> differentShapes() {
    var base = select(USERS.id).from(USERS);
    var a = select(USERS.name).from(USERS);
    var b = select(EMPLOYEES.name).from(EMPLOYEES);
    var locked = select(EMPLOYEES.id).from(EMPLOYEES);
    var manager = alias(EMPLOYEES, "manager");
    var cte = cte("c", select(USERS.id).from(USERS));
    return List.of(
        // Row locking: strength, waiting policy and OF list all shape the SQL (sqlalchemy#11544).
        List.of(() -> locked, locked::forUpdate, locked::forNoKeyUpdate, locked::forShare, locked::forKeyShare,
            () -> locked.forUpdate().nowait(), () -> locked.forUpdate().skipLocked(),
            () -> locked.forUpdate().of(EMPLOYEES), () -> locked.forUpdate().forShare()),
        // Schema and alias are part of a table's identity in the key (sqlalchemy#8441, #8401).
        List.of(() -> select(USERS.id).from(USERS), () -> select(ARCHIVED.id).from(ARCHIVED),
            () -> { var u = alias(USERS, "u"); return select(u.id).from(u); },
            () -> { var u = alias(USERS, "v"); return select(u.id).from(u); }),
        // Same SQL text, different result types: the column types are in the key.
        List.of(() -> select(USERS.email).from(USERS), () -> select(PLAIN.email).from(PLAIN)),
        // Parameter types are in the key even when the SQL is the same.
        List.of(() -> select(value(1L)), () -> select(value(1)), () -> select(value("1")),
            () -> select(value(Mood.OK, MOOD)), () -> select(value(new Email("x"), EMAIL)),
            () -> select(value(List.of(1L), array(BIGINT)))),
        List.of(() -> base, () -> base.limit(1), () -> base.offset(1), () -> base.limit(1).offset(1),
            () -> base.distinct(), () -> base.distinctOn(USERS.name)),
        List.of(() -> base.orderBy(USERS.id), () -> base.orderBy(USERS.id.asc()), () -> base.orderBy(USERS.id.desc()),
            () -> base.orderBy(USERS.id.desc().nullsFirst()), () -> base.orderBy(USERS.id.desc().nullsLast()),
            () -> base.orderBy(USERS.name)),
        List.of(() -> base.join(ADDRESSES, ADDRESSES.userId.eq(USERS.id)),
            () -> base.leftJoin(ADDRESSES, ADDRESSES.userId.eq(USERS.id)),
            () -> base.rightJoin(ADDRESSES, ADDRESSES.userId.eq(USERS.id)),
            () -> base.fullJoin(ADDRESSES, ADDRESSES.userId.eq(USERS.id)), () -> base.crossJoin(ADDRESSES),
            () -> base.from(ADDRESSES)),
        List.of(() -> base.where(USERS.id.eq(1L)), () -> base.where(USERS.id.ne(1L)),
            () -> base.where(USERS.id.in(List.of(1L))), () -> base.where(USERS.id.notIn(List.of(1L))),
            () -> base.where(USERS.id.between(1L, 2L)), () -> base.where(USERS.id.notBetween(1L, 2L)),
            () -> base.where(USERS.name.like("a")), () -> base.where(USERS.name.ilike("a")),
            () -> base.where(USERS.name.matches("a")), () -> base.where(USERS.id.isNull()),
            () -> base.where(USERS.id.isDistinctFrom(1L)), () -> base.where(not(USERS.id.eq(1L))),
            () -> base.where(and(USERS.id.eq(1L), USERS.name.eq("a"))),
            () -> base.where(or(USERS.id.eq(1L), USERS.name.eq("a")))),
        List.of(() -> a.union(b), () -> a.unionAll(b), () -> a.intersect(b), () -> a.intersectAll(b),
            () -> a.except(b), () -> a.exceptAll(b), () -> b.union(a), () -> a.union(b).orderBy(USERS.name),
            () -> a.union(b).limit(1)),
        List.of(() -> select(cte.get(USERS.id)).from(cte).with(cte),
            () -> select(cte.get(USERS.id)).from(cte).with(cte.materialized()),
            () -> select(cte.get(USERS.id)).from(cte).with(cte.notMaterialized()),
            () -> select(cte.get(USERS.id)).from(cte.alias("d")).with(cte)),
        List.of(() -> select(count()).from(USERS), () -> select(count(USERS.name)).from(USERS),
            () -> select(count(USERS.name).distinct()).from(USERS),
            () -> select(count().filter(USERS.id.gt(1L))).from(USERS),
            () -> select(count().over(window())).from(USERS),
            () -> select(count().over(window().partitionBy(USERS.name))).from(USERS),
            () -> select(count().over(window().orderBy(USERS.id.asc()).rows(FrameBound.UNBOUNDED_PRECEDING,
                FrameBound.CURRENT_ROW))).from(USERS),
            () -> select(count().over(window().orderBy(USERS.id.asc()).range(FrameBound.UNBOUNDED_PRECEDING,
                FrameBound.CURRENT_ROW))).from(USERS)),
        List.of(() -> select(USERS.id.cast(numeric(10, 2))), () -> select(USERS.id.cast(numeric(12, 2))),
            () -> select(USERS.id.cast(TEXT)), () -> select(USERS.id.as("x")), () -> select(USERS.id.as("y"))),
        List.of(() -> insert(USERS).values(USERS.name, "a"),
            () -> insert(USERS).columns(USERS.name).row("a").row("b"),
            () -> insert(USERS).values(USERS.name, "a").onConflictDoNothing(),
            () -> insert(USERS).values(USERS.name, "a").onConflict(USERS.name),
            () -> insert(USERS).values(USERS.name, "a").onConflict(USERS.name).doUpdateSet(USERS.name, "b"),
            () -> insert(USERS).values(USERS.name, "a").onConflictOnConstraint("k"),
            () -> insert(USERS).values(USERS.name, "a").returning(USERS.id)),
        List.of(() -> update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path("a"), Map.of())),
            () -> update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path("a", "b"), Map.of())),
            () -> update(KERNELS).set(KERNELS.statusData, Jsonb.set(KERNELS.statusData, path("a"), Map.of()))),
        List.of(() -> text("SELECT :a").bind("a", 1), () -> text("SELECT :a ").bind("a", 1),
            () -> text("SELECT :a").bind("a", 1L), () -> text("SELECT :a").bind("a", 1).columns(USERS.id)),
        List.of(() -> delete(USERS), () -> delete(USERS).where(USERS.id.eq(1L)),
            () -> delete(USERS).returning(USERS.id), () -> delete(USERS).using(ADDRESSES),
            () -> update(USERS).set(USERS.name, "a"), () -> update(USERS).set(USERS.name, USERS.fullname)),
        List.of(() -> select(func("lower", TEXT, USERS.name)), () -> select(func("upper", TEXT, USERS.name)),
            () -> select(func("lower", UNKNOWN, USERS.name)), () -> select(raw("now()", TIMESTAMPTZ)),
            () -> select(raw("now() ", TIMESTAMPTZ)), () -> select(currentTimestamp())),
        List.of(() -> select(manager.id).from(manager), () -> select(EMPLOYEES.id).from(EMPLOYEES)));
  }

  static List<List<Supplier<Statement>>> sameShapes() {
    return List.of(
        List.of(() -> select(USERS.id).from(USERS).where(USERS.id.in(List.of(1L))),
            () -> select(USERS.id).from(USERS).where(USERS.id.in(List.of(1L, 2L, 3L))),
            () -> select(USERS.id).from(USERS).where(USERS.id.in(List.of()))),
        List.of(() -> select(USERS.id).from(USERS).limit(1).offset(0),
            () -> select(USERS.id).from(USERS).limit(1_000_000).offset(50)),
        List.of(() -> select(USERS.id).from(USERS).where(USERS.name.eq("a")),
            () -> select(USERS.id).from(USERS).where(USERS.name.eq("something else entirely")),
            () -> select(USERS.id).from(USERS).where(USERS.name.eq((String) null))),
        // An alias made per call keys like the previous one: tables key by name, not identity.
        List.of(() -> { var u = alias(USERS, "u"); return select(u.id).from(u); },
            () -> { var u = alias(USERS, "u"); return select(u.id).from(u); }),
        List.of(() -> update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path("a"), Map.of("x", 1))),
            () -> update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path("zz"),
                Map.of("y", List.of(1, 2, 3))))),
        List.of(() -> text("SELECT :a").bind("a", 1), () -> text("SELECT :a").bind("a", 99)),
        List.of(() -> insert(USERS).columns(USERS.name, USERS.fullname).row("a", "b"),
            () -> insert(USERS).values(USERS.name, "c").values(USERS.fullname, "d")),
        List.of(() -> select(count().over(window().orderBy(USERS.id.asc()).rows(FrameBound.preceding(1),
                FrameBound.CURRENT_ROW))).from(USERS),
            () -> select(count().over(window().orderBy(USERS.id.asc()).rows(FrameBound.preceding(100),
                FrameBound.CURRENT_ROW))).from(USERS)),
        List.of(() -> select(USERS.id).from(USERS).where(USERS.mood.in(List.of(Mood.OK))),
            () -> select(USERS.id).from(USERS).where(USERS.mood.in(List.of(Mood.SAD, Mood.HAPPY)))),
        List.of(() -> select(ORDERS.total).from(ORDERS).where(ORDERS.total.gt(BigDecimal.ONE)),
            () -> select(ORDERS.total).from(ORDERS).where(ORDERS.total.gt(new BigDecimal("123.45")))),
        // Bare names are stored bare, so where a column came from cannot split the key.
        List.of(() -> insert(USERS).values(USERS.name, "a"),
            () -> insert(USERS).values(alias(USERS, "x").name, "b")),
        List.of(() -> select(count().as("n")).from(USERS).orderBy(count().as("n")),
            () -> select(count().as("n")).from(USERS).orderBy(max(USERS.id).as("n"))));
  }

  @TestFactory
  Stream<DynamicTest> variantsThatRenderDifferentlyHaveDifferentKeys() {
    var groups = differentShapes();
    return java.util.stream.IntStream.range(0, groups.size()).mapToObj(g -> DynamicTest.dynamicTest("group " + g, () -> {
      var variants = groups.get(g);
      for (int i = 0; i < variants.size(); i++) {
        for (int j = 0; j < variants.size(); j++) {
          var first = Shape.of(variants.get(i).get()).key();
          var second = Shape.of(variants.get(j).get()).key();
          if (i == j) {
            assertEquals(first, second, "variant " + i + " built twice");
            assertEquals(first.hashCode(), second.hashCode());
          } else {
            assertNotEquals(first, second, "variants " + i + " and " + j + ": " + first);
            assertNotEquals(SqlCompiler.compile(first.shape()), SqlCompiler.compile(second.shape()));
          }
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> sameShapesWithOtherValuesShareAKey() {
    var groups = sameShapes();
    return java.util.stream.IntStream.range(0, groups.size()).mapToObj(g -> DynamicTest.dynamicTest("group " + g, () -> {
      var variants = groups.get(g);
      var first = Shape.of(variants.getFirst().get());
      for (var variant : variants) {
        var shape = Shape.of(variant.get());
        assertEquals(first.key(), shape.key());
        assertEquals(first.key().hashCode(), shape.key().hashCode());
        var compiled = SqlCompiler.compile(first.key().shape());
        assertEquals(SqlCompiler.render(variant.get()).parameters(), compiled.bind(shape.values()));
      }
    }));
  }
}
