package dev.tusk.sql.exec;

import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.sql.Result;
import dev.tusk.sql.SqlRow;
import dev.tusk.sql.compile.CompiledSql;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** {@link Result} over a driver {@link RowSet}; rows are wrapped as they are read. */
final class RowResult implements Result {
  private final RowSet rows;
  private final ResultRow.ResultShape shape;
  private final List<SqlRow> view;

  RowResult(RowSet rows, CompiledSql compiled) {
    this.rows = rows;
    this.shape = new ResultRow.ResultShape(compiled);
    this.view = new AbstractList<>() {
      @Override
      public SqlRow get(int index) {
        return new ResultRow(rows.get(index), shape);
      }

      @Override
      public int size() {
        return rows.size();
      }
    };
  }

  @Override
  public List<SqlRow> rows() {
    return view;
  }

  @Override
  public Iterator<SqlRow> iterator() {
    return view.iterator();
  }

  @Override
  public long rowsAffected() {
    return rows.rowsAffected();
  }

  @Override
  public String commandTag() {
    return rows.commandTag();
  }

  @Override
  public SqlRow one() {
    return new ResultRow(rows.one(), shape);
  }

  @Override
  public Optional<SqlRow> first() {
    Row first = rows.firstOrNull();
    return first == null ? Optional.empty() : Optional.of(new ResultRow(first, shape));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T scalar() {
    Row row = rows.one();
    return shape.hasTypes() ? (T) Values.fromDatabase(row, 0, shape.type(0)) : (T) row.get(0);
  }

  @Override
  public <R extends Record> List<R> into(Class<R> recordType) {
    if (rows.isEmpty()) {
      return List.of();
    }
    RecordMapper<R> mapper = RecordMapper.of(recordType, rows.columns());
    return rows.stream().map(row -> mapper.map(row, shape)).toList();
  }

  @Override
  public String toString() {
    return "Result[" + rows.commandTag() + ", " + rows.size() + " rows]";
  }
}
