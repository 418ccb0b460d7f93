package dev.tusk.sql.exec;

import dev.tusk.driver.Row;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.compile.CompiledSql;
import dev.tusk.sql.types.SqlType;

/** {@link SqlRow} over a driver row and the compiled statement that produced it. */
final class ResultRow implements SqlRow {
  private final Row row;
  private final ResultShape shape;

  ResultRow(Row row, ResultShape shape) {
    this.row = row;
    this.shape = shape;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(Expression<T> column) {
    int index = shape.indexOf(column);
    SqlType<?> type = shape.type(index);
    return (T) Values.fromDatabase(row, index, type);
  }

  @Override
  public Object get(String name) {
    return row.get(name);
  }

  @Override
  public <T> T get(String name, Class<T> type) {
    return row.get(name, type);
  }

  @Override
  public <T> T get(int index, Class<T> type) {
    return row.get(index, type);
  }

  @Override
  public <R extends Record> R into(Class<R> recordType) {
    return RecordMapper.of(recordType, row.columns()).map(row, shape);
  }

  @Override
  public Row driverRow() {
    return row;
  }

  @Override
  public String toString() {
    return row.toString();
  }

  /** What a result's rows share: the compiled statement and a memo of expression → column index. */
  static final class ResultShape {
    private final CompiledSql compiled;
    private final java.util.Map<Expression<?>, Integer> indexes = new java.util.concurrent.ConcurrentHashMap<>();

    ResultShape(CompiledSql compiled) {
      this.compiled = compiled;
    }

    int indexOf(Expression<?> column) {
      if (compiled == null) {
        throw new IllegalArgumentException("a text statement's result has no typed columns: read it by name or index");
      }
      return indexes.computeIfAbsent(column, key -> {
        int index = compiled.indexOf(key);
        if (index < 0) {
          throw new IllegalArgumentException(key + " is not a result column of: " + compiled.sql());
        }
        return index;
      });
    }

    boolean hasTypes() {
      return compiled != null && !compiled.columns().isEmpty();
    }

    /** {@return whether column {@code index} has a type from the query layer} (a {@code SELECT *} may not) */
    boolean hasType(int index) {
      return compiled != null && index < compiled.columns().size();
    }

    SqlType<?> type(int index) {
      return compiled.columns().get(index).type();
    }
  }
}
