package dev.tusk.sql.compile;

import dev.tusk.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one compilation, passed explicitly to every renderer: the SQL being written, the
 * parameters met so far, and the two settings that change how a node is written.
 */
final class RenderContext {
  /** What a bound value becomes. */
  enum ValueMode {
    /** The tree is a shape: it holds {@code Slot}s, each rendered as {@code $n}. */
    SLOTS,
    /** The tree holds {@code Param}s, each rendered as {@code $n} with its value kept aside. */
    PARAMS,
    /** DDL, which PostgreSQL cannot parameterize: {@code Param}s are written as literals. */
    LITERALS
  }

  /** How column references are written. */
  enum ColumnStyle {
    /** {@code users.name}: unambiguous in every query. */
    QUALIFIED,
    /** {@code name}: where only an output or own column can be meant (set-operation ORDER BY, DDL). */
    UNQUALIFIED
  }

  final StringBuilder sql = new StringBuilder(128);
  final ValueMode valueMode;
  final List<ParameterSlot> parameters = new ArrayList<>();
  final List<Object> values = new ArrayList<>();
  ColumnStyle columnStyle;

  RenderContext(ValueMode valueMode, ColumnStyle columnStyle) {
    this.valueMode = valueMode;
    this.columnStyle = columnStyle;
  }

  /** Writes the next {@code $n} and records where its value comes from. */
  void parameter(SqlType<?> type, int valueIndex) {
    int number = parameters.size() + 1;
    String typeName = TypeNames.of(type);
    parameters.add(new ParameterSlot(number, valueIndex, type, typeName));
    sql.append('$').append(number);
    String cast = TypeNames.parameterCast(type);
    if (cast != null) {
      sql.append("::").append(cast);
    }
  }

  RenderContext append(String text) {
    sql.append(text);
    return this;
  }

  RenderContext append(char c) {
    sql.append(c);
    return this;
  }
}
