package dev.tusk.sql.cache;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.TestSchema.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tusk.sql.ast.Aggregate;
import dev.tusk.sql.ast.ArrayConstructor;
import dev.tusk.sql.ast.Assignment;
import dev.tusk.sql.ast.Between;
import dev.tusk.sql.ast.Binary;
import dev.tusk.sql.ast.Case;
import dev.tusk.sql.ast.Cast;
import dev.tusk.sql.ast.ConflictTarget;
import dev.tusk.sql.ast.Cte;
import dev.tusk.sql.ast.Delete;
import dev.tusk.sql.ast.DerivedTable;
import dev.tusk.sql.ast.Exists;
import dev.tusk.sql.ast.Frame;
import dev.tusk.sql.ast.FrameBound;
import dev.tusk.sql.ast.FunctionCall;
import dev.tusk.sql.ast.FunctionTable;
import dev.tusk.sql.ast.Insert;
import dev.tusk.sql.ast.InsertSource;
import dev.tusk.sql.ast.Join;
import dev.tusk.sql.ast.Junction;
import dev.tusk.sql.ast.Label;
import dev.tusk.sql.ast.OnConflict;
import dev.tusk.sql.ast.OrderItem;
import dev.tusk.sql.ast.Param;
import dev.tusk.sql.ast.Quantified;
import dev.tusk.sql.ast.QuantifiedSubquery;
import dev.tusk.sql.ast.RowValue;
import dev.tusk.sql.ast.ScalarSubquery;
import dev.tusk.sql.ast.Select;
import dev.tusk.sql.ast.SetOperation;
import dev.tusk.sql.ast.Slot;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.ast.Subscript;
import dev.tusk.sql.ast.TextPart;
import dev.tusk.sql.ast.TextStatement;
import dev.tusk.sql.ast.Unary;
import dev.tusk.sql.ast.Update;
import dev.tusk.sql.ast.ValuesTable;
import dev.tusk.sql.ast.WindowCall;
import dev.tusk.sql.ast.WindowSpec;
import dev.tusk.sql.compile.SqlCompiler;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The key's hash and equality are computed from {@link ShapeWalk}'s token stream, not from an
 * erased copy of the tree. These tests hold the stream to the definition it replaces: two
 * statements match exactly when their erased trees ({@link Eraser}) are equal, whatever their
 * hashes, and the values a lookup collects are the ones the erased tree's slots stand for.
 * Matching is checked directly (not only through {@code ShapeKey.equals}, whose hash check would
 * hide a too-lenient match behind different hashes).
 */
class ShapeWalkTest {
  private static final int CASES = Integer.getInteger("tusk.property.cases", 100_000) / 4;

  /** Pairs that differ in one thing that changes the SQL or its parameter layout. */
  static List<List<Supplier<Statement>>> nearMisses() {
    var u = alias(USERS, "u");
    var v = alias(USERS, "v");
    return List.of(
        // A literal where a parameter was; the NULL keyword where a parameter (whose value may be null) was.
        List.of(() -> select(USERS.id).from(USERS).where(USERS.id.eq(5L)),
            () -> select(USERS.id).from(USERS).where(USERS.id.eq(raw("5", BIGINT))),
            () -> select(USERS.id).from(USERS).where(USERS.id.eq(nullOf(BIGINT)))),
        List.of(() -> select(value(1L)), () -> select(raw("1", BIGINT)), () -> select(value(1))),
        // An identifier: column, table alias, label, CTE name, function name.
        List.of(() -> select(USERS.id).from(USERS), () -> select(USERS.name).from(USERS),
            () -> select(u.id).from(u), () -> select(v.id).from(v), () -> select(USERS.id.as("x")).from(USERS),
            () -> select(USERS.id.as("y")).from(USERS)),
        List.of(() -> select(func("lower", TEXT, USERS.name)), () -> select(func("upper", TEXT, USERS.name))),
        List.of(() -> { var c = cte("c", select(USERS.id).from(USERS)); return select(c.get(USERS.id)).from(c).with(c); },
            () -> { var c = cte("d", select(USERS.id).from(USERS)); return select(c.get(USERS.id)).from(c).with(c); }),
        // A list's length, and where a list ends and the next begins.
        List.of(() -> select(coalesce(USERS.name, value("a"))), () -> select(coalesce(USERS.name, value("a"), value("b"))),
            () -> select(coalesce(USERS.name, USERS.fullname, value("b")))),
        List.of(() -> select(USERS.id).from(USERS).groupBy(USERS.name, USERS.fullname),
            () -> select(USERS.id, USERS.name).from(USERS).groupBy(USERS.fullname),
            () -> select(USERS.id, USERS.name, USERS.fullname).from(USERS)),
        List.of(() -> insert(USERS).columns(USERS.name).row("a"),
            () -> insert(USERS).columns(USERS.name).row("a").row("b"),
            () -> insert(USERS).columns(USERS.name, USERS.fullname).row("a", "b")),
        List.of(() -> select(row(USERS.id, value(1L))), () -> select(row(USERS.id, value(1L), value(2L)))),
        List.of(() -> select(USERS.id).from(USERS).where(and(USERS.id.eq(1L), USERS.name.eq("a"))),
            () -> select(USERS.id).from(USERS).where(and(USERS.id.eq(1L), USERS.name.eq("a"), USERS.mood.isNull()))),
        // Nesting: the same tokens grouped differently.
        List.of(() -> select(USERS.id.plus(USERS.id.times(2L))), () -> select(USERS.id.plus(USERS.id).times(2L))),
        List.of(() -> select(USERS.id).from(USERS).where(and(USERS.id.eq(1L), or(USERS.name.eq("a"), USERS.mood.isNull()))),
            () -> select(USERS.id).from(USERS).where(or(and(USERS.id.eq(1L), USERS.name.eq("a")), USERS.mood.isNull()))),
        List.of(() -> select(USERS.id).from(USERS).where(exists(select(EMPLOYEES.id).from(EMPLOYEES)
                .where(EMPLOYEES.name.eq("a")))),
            () -> select(USERS.id).from(USERS).where(exists(select(EMPLOYEES.id).from(EMPLOYEES)))
                .where(EMPLOYEES.name.eq("a"))),
        List.of(() -> select(USERS.id).from(USERS).where(USERS.id.in(select(EMPLOYEES.id).from(EMPLOYEES)
                .where(EMPLOYEES.id.in(select(USERS.id).from(USERS))))),
            () -> select(USERS.id).from(USERS).where(USERS.id.in(select(EMPLOYEES.id).from(EMPLOYEES)))
                .where(USERS.id.in(select(USERS.id).from(USERS)))),
        // Flags and keywords that sit between the same neighbours.
        List.of(() -> select(USERS.id).from(USERS).where(USERS.id.between(1L, 2L)),
            () -> select(USERS.id).from(USERS).where(USERS.id.notBetween(1L, 2L))),
        List.of(() -> select(USERS.id).from(USERS).join(EMPLOYEES, EMPLOYEES.id.eq(USERS.id)),
            () -> select(USERS.id).from(USERS).leftJoin(EMPLOYEES, EMPLOYEES.id.eq(USERS.id)),
            () -> select(USERS.id).from(USERS, EMPLOYEES).where(EMPLOYEES.id.eq(USERS.id))));
  }

  @TestFactory
  Stream<DynamicTest> nearMissesNeverMatch() {
    var groups = nearMisses();
    return Stream.iterate(0, i -> i + 1).limit(groups.size()).map(g -> DynamicTest.dynamicTest("group " + g, () -> {
      var variants = groups.get(g);
      for (int i = 0; i < variants.size(); i++) {
        for (int j = 0; j < variants.size(); j++) {
          var a = variants.get(i).get();
          var b = variants.get(j).get();
          boolean same = i == j;
          assertEquals(same, ShapeWalk.matches(b, ShapeWalk.record(a)), () -> SqlCompiler.render(a).sql() + " vs "
              + SqlCompiler.render(b).sql());
          assertEquals(same, erasedEqual(a, b), "the eraser agrees");
          // A key with the other's hash still tells them apart: equality never trusts the hash.
          int hash = Shape.of(a).key().hashCode();
          assertEquals(same, ShapeKey.lookup(a, hash).equals(ShapeKey.lookup(b, hash)));
          assertEquals(same, ShapeKey.lookup(a, hash).cached().equals(ShapeKey.lookup(b, hash)));
          assertEquals(same, ShapeKey.lookup(b, hash).equals(ShapeKey.lookup(a, hash).cached()));
          assertEquals(same, ShapeKey.lookup(a, hash).cached().equals(ShapeKey.lookup(b, hash).cached()));
        }
      }
    }));
  }

  @Test
  void sameShapeWithOtherValuesMatches() {
    var a = select(USERS.id).from(USERS).where(USERS.id.in(List.of(1L, 2L))).where(USERS.name.eq("a")).limit(5);
    var b = select(USERS.id).from(USERS).where(USERS.id.in(List.of(3L, 4L, 5L, 6L))).where(USERS.name.eq((String) null))
        .limit(500);
    assertTrue(ShapeWalk.matches(b, ShapeWalk.record(a)));
    assertEquals(Shape.of(a).key(), Shape.of(b).key());
    assertEquals(Shape.of(a).key().hashCode(), Shape.of(b).key().hashCode());
    assertEquals(Shape.of(a).key(), Shape.of(b).key().cached());
    assertEquals(Shape.of(a).key().cached(), Shape.of(b).key());
  }

  @Test
  void aStreamThatIsAPrefixOrAnExtensionDoesNotMatch() {
    var statement = select(USERS.id).from(USERS).where(USERS.id.eq(1L)).orderBy(USERS.name);
    var tokens = ShapeWalk.record(statement);
    assertTrue(ShapeWalk.matches(statement, tokens));
    assertFalse(ShapeWalk.matches(statement, Arrays.copyOf(tokens, tokens.length - 1)));
    assertFalse(ShapeWalk.matches(statement, Arrays.copyOf(tokens, tokens.length + 1)));
    assertFalse(ShapeWalk.matches(statement, new Object[0]));
  }

  @Test
  void theStreamHoldsParameterTypesNotValues() {
    var tokens = ShapeWalk.record(select(USERS.id).from(USERS).where(USERS.name.eq("needle")));
    assertFalse(Arrays.asList(tokens).contains("needle"));
    assertTrue(Arrays.asList(tokens).contains(ShapeWalk.Tag.PARAM));
    assertTrue(Arrays.asList(tokens).contains(TEXT));
  }

  @Test
  void aShapeIsNotAStatement() {
    var shape = Eraser.erase(select(USERS.id).from(USERS).where(USERS.id.eq(1L))).shape();
    assertThrows(IllegalArgumentException.class, () -> Shape.of(shape));
    assertThrows(IllegalArgumentException.class, () -> Shape.of(select(new Slot<>(BIGINT, 0))));
  }

  /**
   * On random pairs (a third same structure, a third one mutation apart, a third unrelated): the
   * stream matches exactly when the erased trees are equal, the hash follows, every combination of
   * lookup and cached keys agrees, and the values collected are the eraser's.
   */
  @Test
  void theStreamAgreesWithTheErasedTreeOnRandomPairs() {
    var seeds = new Random(20261127L);
    int equal = 0;
    for (int i = 0; i < CASES; i++) {
      long structureSeed = seeds.nextLong();
      var decisionsA = Decisions.fresh(structureSeed);
      var a = new StatementGenerator(decisionsA, new Random(seeds.nextLong())).statement();
      Decisions decisionsB = switch (i % 3) {
        case 0 -> Decisions.replaying(decisionsA.tape(), structureSeed);
        case 1 -> {
          var tape = decisionsA.tape().clone();
          if (tape.length > 0) {
            int position = seeds.nextInt(tape.length);
            tape[position] += 1 + seeds.nextInt(7);
          }
          yield Decisions.replaying(tape, seeds.nextLong());
        }
        default -> Decisions.fresh(seeds.nextLong());
      };
      var b = new StatementGenerator(decisionsB, new Random(seeds.nextLong())).statement();
      try {
        var erasedA = Eraser.erase(a);
        var erasedB = Eraser.erase(b);
        boolean expected = erasedA.shape().equals(erasedB.shape());
        var shapeA = Shape.of(a);
        var shapeB = Shape.of(b);
        assertEquals(erasedA.values(), shapeA.values(), "the walk collects the eraser's values, in its order");
        assertEquals(expected, ShapeWalk.matches(b, ShapeWalk.record(a)), "matching");
        assertEquals(expected, shapeA.key().equals(shapeB.key()), "lookup keys");
        assertEquals(expected, shapeA.key().cached().equals(shapeB.key()), "cached and lookup key");
        assertEquals(expected, shapeA.key().equals(shapeB.key().cached()), "lookup and cached key");
        assertEquals(expected, shapeA.key().cached().equals(shapeB.key().cached()), "cached keys");
        assertEquals(shapeA.key().hashCode(), ShapeWalk.hashOf(ShapeWalk.record(a)), "a stream's hash is its walk's");
        if (expected) {
          equal++;
          assertEquals(shapeA.key().hashCode(), shapeB.key().hashCode());
          assertArrayEquals(ShapeWalk.record(a), ShapeWalk.record(b));
        }
      } catch (AssertionError | RuntimeException e) {
        fail("case " + i + "\n  a: " + SqlCompiler.render(a).sql() + "\n  b: " + SqlCompiler.render(b).sql(), e);
      }
    }
    assertTrue(equal >= CASES / 3, "same-structure pairs must match: " + equal + " of " + CASES);
  }

  @Test
  void collidingHashesInTheCacheStillGiveEachItsOwnSql() {
    var cache = new StatementCache();
    var byId = select(USERS.name).from(USERS).where(USERS.id.eq(1L));
    var byName = select(USERS.id).from(USERS).where(USERS.name.eq("a"));
    var first = cache.compiled(ShapeKey.lookup(byId, 7));
    var second = cache.compiled(ShapeKey.lookup(byName, 7));
    assertNotEquals(first.sql(), second.sql());
    assertEquals(SqlCompiler.render(byName).sql(), second.sql());
    assertEquals(new CacheStats(0, 2, 0, 2, StatementCache.DEFAULT_CAPACITY), cache.stats());
    assertEquals(first, cache.compiled(ShapeKey.lookup(select(USERS.name).from(USERS).where(USERS.id.eq(2L)), 7)));
  }

  /**
   * Record equality saw every component of a node; the walk sees only those it emits. Each count
   * here was checked against {@code ShapeWalk} (and {@code Eraser}): a node that gains or loses a
   * component fails this test until both walk it and the count is updated.
   */
  @Test
  void everyComponentOfEveryNodeIsWalked() {
    var walked = new java.util.HashMap<Class<?>, Integer>();
    walked.put(Select.class, 12);
    walked.put(SetOperation.class, 8);
    walked.put(Insert.class, 6);
    walked.put(Update.class, 6);
    walked.put(Delete.class, 5);
    walked.put(TextStatement.class, 2);
    walked.put(TextPart.Sql.class, 1);
    walked.put(TextPart.Named.class, 2);
    walked.put(InsertSource.Values.class, 1);
    walked.put(InsertSource.FromQuery.class, 1);
    walked.put(InsertSource.DefaultValues.class, 0);
    walked.put(OnConflict.class, 3);
    walked.put(ConflictTarget.Columns.class, 2);
    walked.put(ConflictTarget.Constraint.class, 1);
    walked.put(Assignment.class, 2);
    walked.put(Cte.class, 5);
    walked.put(Join.class, 4);
    walked.put(DerivedTable.class, 3);
    walked.put(ValuesTable.class, 3);
    walked.put(FunctionTable.class, 5);
    walked.put(OrderItem.class, 3);
    walked.put(Param.class, 2);
    walked.put(Binary.class, 4);
    walked.put(Unary.class, 3);
    walked.put(Junction.class, 2);
    walked.put(Quantified.class, 4);
    walked.put(QuantifiedSubquery.class, 4);
    walked.put(Between.class, 4);
    walked.put(Case.class, 4);
    walked.put(Case.When.class, 2);
    walked.put(Cast.class, 2);
    walked.put(FunctionCall.class, 3);
    walked.put(Aggregate.class, 6);
    walked.put(WindowCall.class, 2);
    walked.put(Exists.class, 1);
    walked.put(ScalarSubquery.class, 2);
    walked.put(RowValue.class, 1);
    walked.put(ArrayConstructor.class, 2);
    walked.put(Subscript.class, 4);
    walked.put(Label.class, 2);
    walked.put(WindowSpec.class, 3);
    walked.put(Frame.class, 3);
    walked.put(FrameBound.class, 2);
    for (var entry : walked.entrySet()) {
      assertEquals(entry.getValue(), entry.getKey().getRecordComponents().length,
          entry.getKey().getSimpleName() + " changed: walk its components in ShapeWalk and Eraser, then update the count");
    }
  }

  private static boolean erasedEqual(Statement a, Statement b) {
    return Eraser.erase(a).shape().equals(Eraser.erase(b).shape());
  }
}
