package dev.tusk.sql.compile;

import dev.tusk.sql.ast.ColumnRef;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.ast.Label;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A statement compiled for one shape: what the executor needs to run any statement of that shape.
 * It holds no values, so it can be cached and shared between threads.
 *
 * @param sql the SQL text, with parameters {@code $1 ... $n}
 * @param parameters one slot per parameter, in order ({@code parameters.get(i).number() == i + 1})
 * @param columns the result columns, empty for a statement without a result
 */
public record CompiledSql(String sql, List<ParameterSlot> parameters, List<ResultColumn> columns) {
  public CompiledSql {
    Objects.requireNonNull(sql, "sql");
    parameters = List.copyOf(parameters);
    columns = List.copyOf(columns);
  }

  /**
   * {@return the parameter values in {@code $n} order}, taken from a statement's extracted values
   * (the statement must have this compilation's shape); the list may hold nulls
   */
  public List<Object> bind(List<?> values) {
    var bound = new ArrayList<>(parameters.size());
    for (var slot : parameters) {
      bound.add(values.get(slot.valueIndex()));
    }
    return Collections.unmodifiableList(bound);
  }

  /**
   * {@return the index of the result column a column reference or label produced, or -1}: a column
   * is found by reference, a label by name
   */
  public int indexOf(Expression<?> column) {
    var target = column.expr();
    for (var result : columns) {
      if (target instanceof ColumnRef<?> && target.equals(result.expression())
          || target instanceof Label<?> label && result.expression() instanceof Label<?> other
          && other.name().equals(label.name())) {
        return result.index();
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return sql;
  }
}
