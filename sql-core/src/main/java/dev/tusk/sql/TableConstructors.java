package dev.tusk.sql;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Supplier;

/**
 * The no-argument constructor of each table class, found once per class and cached. This is the one
 * use of reflection in sql-core: an alias must be an instance of the user's own table class (so
 * that {@code manager.name} type-checks), and only its constructor can create one.
 */
final class TableConstructors {
  private static final ClassValue<Supplier<Table>> CONSTRUCTORS = new ClassValue<>() {
    @Override
    protected Supplier<Table> computeValue(Class<?> type) {
      MethodHandle constructor;
      try {
        var lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        constructor = lookup.findConstructor(type, MethodType.methodType(void.class));
      } catch (NoSuchMethodException | IllegalAccessException e) {
        throw new IllegalArgumentException(type.getName() + " needs a constructor without arguments to be aliased"
            + " (and, in a named module, its package opened to dev.tusk.sql)", e);
      }
      return () -> {
        try {
          return (Table) constructor.invoke();
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable e) {
          throw new IllegalStateException("constructing " + type.getName() + " failed", e);
        }
      };
    }
  };

  private TableConstructors() {}

  static Supplier<Table> of(Class<? extends Table> type) {
    return CONSTRUCTORS.get(type);
  }
}
