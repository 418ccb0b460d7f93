package dev.tusk.sql.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.sql.ast.ConflictTarget;
import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.FromItem;
import dev.tusk.sql.ast.InsertSource;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.ast.TextPart;
import dev.tusk.sql.types.SqlType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every kind of node of every sealed family is produced by {@link StatementGenerator} (and so
 * exercised by the property test), found through {@link Class#getPermittedSubclasses()}: a new
 * node kind fails this test until the generator makes it. {@code Slot}, which only the key's walk
 * creates, is found in the generated statements' shapes.
 */
class NodeCoverageTest {
  private static final int STATEMENTS = 5_000;
  /** Looking record components up is slow; each class's accessors are found once. */
  private static final ClassValue<List<Method>> ACCESSORS = new ClassValue<>() {
    @Override
    protected List<Method> computeValue(Class<?> type) {
      return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getAccessor).toList();
    }
  };
  private static final Set<Class<?>> SEEN = generatedNodeClasses();

  @TestFactory
  Stream<DynamicTest> theGeneratorMakesEveryNodeKind() {
    return Stream.of(Expr.class, Statement.class, FromItem.class, InsertSource.class, ConflictTarget.class,
            TextPart.class, SqlType.class)
        .map(family -> DynamicTest.dynamicTest(family.getSimpleName(), () -> {
          var missing = new TreeSet<String>();
          for (var kind : kinds(family)) {
            if (!SEEN.contains(kind)) {
              missing.add(kind.getSimpleName());
            }
          }
          assertEquals(Set.of(), missing, family.getSimpleName() + " kinds the generator never makes");
        }));
  }

  /** The concrete permitted subclasses of a sealed type, through sealed sub-interfaces. */
  private static List<Class<?>> kinds(Class<?> sealed) {
    var kinds = new ArrayList<Class<?>>();
    for (var permitted : sealed.getPermittedSubclasses()) {
      if (permitted.isSealed() && permitted.isInterface()) {
        kinds.addAll(kinds(permitted));
      } else {
        kinds.add(permitted);
      }
    }
    return kinds;
  }

  private static Set<Class<?>> generatedNodeClasses() {
    Set<Class<?>> classes = new java.util.HashSet<>();
    var seeds = new Random(7);
    for (int i = 0; i < STATEMENTS; i++) {
      var statement = new StatementGenerator(Decisions.fresh(seeds.nextLong()), new Random(seeds.nextLong())).statement();
      collect(statement, classes);
      collect(Shape.of(statement).key().shape(), classes);
    }
    return classes;
  }

  private static void collect(Object root, Set<Class<?>> classes) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    var pending = new ArrayList<Object>();
    pending.add(root);
    while (!pending.isEmpty()) {
      Object next = pending.removeLast();
      if (next == null || !seen.add(next)) {
        continue;
      }
      classes.add(next.getClass());
      if (next instanceof Record record) {
        for (Method accessor : ACCESSORS.get(record.getClass())) {
          try {
            pending.add(accessor.invoke(record));
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
          }
        }
      } else if (next instanceof Iterable<?> items) {
        items.forEach(pending::add);
      }
    }
  }
}
