package dev.tusk.sql.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.compile.CompiledSql;
import dev.tusk.sql.compile.SqlCompiler;
import dev.tusk.sql.types.SqlType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cache key's contract, checked on random pairs of statements:
 * <ol>
 *   <li>{@code key(a).equals(key(b))} exactly when {@code a} and {@code b} compile alike (same SQL,
 *       same parameter types, same result columns): the key holds everything that shapes the
 *       compilation, and nothing else;
 *   <li>when the keys are equal, compiling {@code b} directly gives the same SQL and the same values
 *       in the same order as binding {@code b}'s extracted values into {@code a}'s compilation;
 *   <li>two statements built with the same structure and different values have equal keys.
 * </ol>
 * A third of the pairs share their structure, a third differ in one structural choice (a near
 * miss), a third are unrelated. {@link StatementGenerator} covers every node kind.
 *
 * <p>100,000 cases run in the normal build. For a long run:
 * <pre>
 * ./mvnw -B -o -pl sql-core test -Dtest=ShapePropertyTest -Dtusk.property.cases=1000000
 * </pre>
 * and {@code -Dtusk.property.seed=N} to explore other statements (the default seed is fixed, so a
 * failure repeats).
 */
class ShapePropertyTest {
  private static final int CASES = Integer.getInteger("tusk.property.cases", 100_000);
  private static final long SEED = Long.getLong("tusk.property.seed", 20261126L);

  /** What the executor sees of a compilation: SQL, parameter types, result columns. */
  private record Observable(String sql, List<SqlType<?>> parameterTypes, List<String> parameterTypeNames,
                            List<String> columnNames, List<SqlType<?>> columnTypes) {
    static Observable of(CompiledSql compiled) {
      return new Observable(compiled.sql(),
          compiled.parameters().stream().<SqlType<?>>map(p -> p.type()).toList(),
          compiled.parameters().stream().map(p -> p.typeName()).toList(),
          compiled.columns().stream().map(c -> c.name()).toList(),
          compiled.columns().stream().<SqlType<?>>map(c -> c.type()).toList());
    }
  }

  @Test
  void equalKeysIfAndOnlyIfEqualCompilationsAndValuesLineUp() {
    var seeds = new Random(SEED);
    int equalKeys = 0;
    for (int i = 0; i < CASES; i++) {
      long structureSeed = seeds.nextLong();
      long valueSeedA = seeds.nextLong();
      long valueSeedB = seeds.nextLong();
      var decisionsA = Decisions.fresh(structureSeed);
      var a = new StatementGenerator(decisionsA, new Random(valueSeedA)).statement();
      int kind = i % 3;
      Decisions decisionsB = switch (kind) {
        case 0 -> Decisions.replaying(decisionsA.tape(), structureSeed);
        case 1 -> Decisions.replaying(mutate(decisionsA.tape(), seeds), seeds.nextLong());
        default -> Decisions.fresh(seeds.nextLong());
      };
      var b = new StatementGenerator(decisionsB, new Random(valueSeedB)).statement();
      try {
        if (check(a, b, kind == 0)) {
          equalKeys++;
        }
      } catch (AssertionError | RuntimeException e) {
        fail("case " + i + " (seed " + SEED + ", kind " + kind + ")\n  a: " + safeSql(a) + "\n  b: " + safeSql(b), e);
      }
    }
    assertTrue(equalKeys >= CASES / 3, "same-structure pairs must collide: " + equalKeys + " of " + CASES);
  }

  /** {@return whether the keys were equal}, after checking the contract for one pair */
  private static boolean check(Statement a, Statement b, boolean sameStructure) {
    var shapeA = Shape.of(a);
    var shapeB = Shape.of(b);
    boolean keysEqual = shapeA.key().equals(shapeB.key());
    if (sameStructure) {
      assertTrue(keysEqual, "the same structure with other values must give the same key");
    }
    var compiledA = SqlCompiler.compile(shapeA.key().shape());
    var compiledB = SqlCompiler.compile(shapeB.key().shape());
    assertEquals(keysEqual, Observable.of(compiledA).equals(Observable.of(compiledB)),
        "keys " + (keysEqual ? "equal" : "differ") + " but compilations " + (keysEqual ? "differ" : "are equal"));

    var directB = SqlCompiler.render(b);
    assertEquals(Observable.of(directB.compiled()), Observable.of(compiledB), "direct and shape compilation of b");
    assertEquals(directB.parameters(), compiledB.bind(shapeB.values()), "b's values through its own shape");
    if (keysEqual) {
      assertEquals(shapeA.key().hashCode(), shapeB.key().hashCode());
      assertEquals(directB.sql(), compiledA.sql(), "b compiled directly vs a's cached compilation");
      assertEquals(directB.parameters(), compiledA.bind(shapeB.values()), "b's values bound into a's compilation");
    }
    return keysEqual;
  }

  private static int[] mutate(int[] tape, Random random) {
    var mutated = tape.clone();
    if (mutated.length > 0) {
      int position = random.nextInt(mutated.length);
      mutated[position] = mutated[position] + 1 + random.nextInt(7);
    }
    return mutated;
  }

  private static String safeSql(Statement statement) {
    try {
      return SqlCompiler.render(statement).sql();
    } catch (RuntimeException e) {
      return "<" + e + ">";
    }
  }
}
