package dev.tusk.sql.exec;

import dev.tusk.driver.ColumnDescriptor;
import dev.tusk.driver.Row;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps rows to records by column name. Reflection runs once per record class and result shape —
 * it finds the canonical constructor and each component's column — and the mapping is then one
 * method-handle call per row.
 */
final class RecordMapper<R extends Record> {
  private static final ClassValue<Map<List<String>, RecordMapper<?>>> MAPPERS = new ClassValue<>() {
    @Override
    protected Map<List<String>, RecordMapper<?>> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  private final MethodHandle constructor;
  private final int[] columnOf;
  private final Class<?>[] componentTypes;

  private RecordMapper(MethodHandle constructor, int[] columnOf, Class<?>[] componentTypes) {
    this.constructor = constructor;
    this.columnOf = columnOf;
    this.componentTypes = componentTypes;
  }

  @SuppressWarnings("unchecked")
  static <R extends Record> RecordMapper<R> of(Class<R> type, List<ColumnDescriptor> columns) {
    List<String> names = columns.stream().map(ColumnDescriptor::name).toList();
    return (RecordMapper<R>) MAPPERS.get(type).computeIfAbsent(names, key -> create(type, key));
  }

  private static RecordMapper<?> create(Class<?> type, List<String> columns) {
    RecordComponent[] components = type.getRecordComponents();
    var componentTypes = new Class<?>[components.length];
    var columnOf = new int[components.length];
    for (int i = 0; i < components.length; i++) {
      componentTypes[i] = components[i].getType();
      columnOf[i] = column(columns, components[i].getName(), type);
    }
    try {
      var declared = type.getDeclaredConstructor(componentTypes);
      declared.setAccessible(true);
      MethodHandle handle = MethodHandles.lookup().unreflectConstructor(declared)
          .asType(MethodType.methodType(Object.class, componentTypes))
          .asSpreader(Object[].class, components.length);
      return new RecordMapper<>(handle, columnOf, componentTypes);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot construct record " + type.getName() + ": " + e.getMessage(), e);
    }
  }

  /** The component's column: its exact name, then its snake_case form, then either ignoring case. */
  private static int column(List<String> columns, String component, Class<?> type) {
    String snake = component.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    for (String candidate : List.of(component, snake)) {
      int exact = columns.indexOf(candidate);
      if (exact >= 0) {
        return exact;
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).equalsIgnoreCase(component) || columns.get(i).equalsIgnoreCase(snake)) {
        return i;
      }
    }
    throw new IllegalArgumentException("record " + type.getSimpleName() + " has component '" + component
        + "' but the result has no column '" + component + "' or '" + snake + "': " + columns);
  }

  /**
   * @param shape the statement's typed columns, when it was built with the query layer: a column of
   *     an enum or converted type then maps through that type, as {@code row.get(column)} does
   */
  @SuppressWarnings("unchecked")
  R map(Row row, ResultRow.ResultShape shape) {
    Object[] arguments = new Object[columnOf.length];
    for (int i = 0; i < columnOf.length; i++) {
      int column = columnOf[i];
      if (row.isNull(column)) {
        arguments[i] = null;
      } else if (shape != null && shape.hasType(column) && componentTypes[i].isAssignableFrom(shape.type(column).javaType())) {
        arguments[i] = Values.fromDatabase(row, column, shape.type(column));
      } else {
        arguments[i] = row.get(column, componentTypes[i]);
      }
    }
    try {
      return (R) (Object) constructor.invokeExact(arguments);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("the record's constructor threw", e);
    }
  }
}
