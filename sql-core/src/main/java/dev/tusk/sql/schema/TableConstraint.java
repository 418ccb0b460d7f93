package dev.tusk.sql.schema;

import dev.tusk.sql.ast.ColumnRef;
import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.ast.TableName;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table constraint. A null name lets PostgreSQL choose one ({@code users_pkey}, {@code
 * orders_user_id_fkey}...), except where Tusk must refer to it later (see {@link ForeignKey}).
 */
public sealed interface TableConstraint {
  /** {@return the constraint's name, or null} */
  String name();

  /**
   * {@code PRIMARY KEY (columns)}.
   *
   * @param name the name, or null
   * @param columns the key's columns, in order
   */
  record PrimaryKey(String name, List<String> columns) implements TableConstraint {
    public PrimaryKey {
      columns = nonEmpty(columns, "PRIMARY KEY");
    }
  }

  /**
   * {@code UNIQUE (columns)}.
   *
   * @param name the name, or null
   * @param columns the columns, in order
   */
  record Unique(String name, List<String> columns) implements TableConstraint {
    public Unique {
      columns = nonEmpty(columns, "UNIQUE");
    }
  }

  /**
   * {@code CHECK (condition)}. Values in the condition are written as SQL literals, since DDL takes
   * no parameters.
   *
   * @param name the name, or null
   * @param condition the condition, over unqualified columns
   */
  record Check(String name, Expr<Boolean> condition) implements TableConstraint {
    public Check {
      Objects.requireNonNull(condition, "condition");
    }
  }

  /**
   * {@code FOREIGN KEY (columns) REFERENCES target (targetColumns) ON DELETE ... ON UPDATE ...}.
   * Builder methods return new values: {@code foreignKey(userId).references(USERS.id).onDelete(CASCADE)}.
   *
   * @param name the name, or null; a key in a cycle of tables gets {@code <table>_<columns>_fkey}
   *     so that dropAll can drop it first
   * @param columns the referencing columns
   * @param target the referenced table, or null until {@link #references} is called
   * @param targetColumns the referenced columns
   * @param onDelete what deleting the referenced row does
   * @param onUpdate what updating the referenced key does
   */
  record ForeignKey(String name, List<String> columns, TableName target, List<String> targetColumns,
                    ReferentialAction onDelete, ReferentialAction onUpdate) implements TableConstraint {
    public ForeignKey {
      columns = nonEmpty(columns, "FOREIGN KEY");
      targetColumns = List.copyOf(targetColumns);
      Objects.requireNonNull(onDelete, "onDelete");
      Objects.requireNonNull(onUpdate, "onUpdate");
      if (target != null && targetColumns.size() != columns.size()) {
        throw new IllegalArgumentException("foreign key " + columns + " references " + targetColumns);
      }
    }

    /** {@return a foreign key of these columns, not yet referencing anything} */
    public static ForeignKey of(List<String> columns) {
      return new ForeignKey(null, columns, null, List.of(), ReferentialAction.NO_ACTION,
          ReferentialAction.NO_ACTION);
    }

    /**
     * {@return this key referencing these columns}, which must be columns of one table (not of an
     * alias)
     */
    public ForeignKey references(Expression<?>... targets) {
      var refs = Arrays.stream(targets).map(target -> {
        if (target.expr() instanceof ColumnRef<?> ref && ref.qualifier() != null) {
          return ref;
        }
        throw new IllegalArgumentException("a foreign key references table columns, not " + target.expr());
      }).toList();
      var table = refs.getFirst().qualifier();
      if (refs.stream().anyMatch(ref -> !ref.qualifier().equals(table))) {
        throw new IllegalArgumentException("a foreign key references columns of one table");
      }
      return references(table, refs.stream().map(ColumnRef::name).toList());
    }

    /** {@return this key referencing columns of a table by name}, for tables declared later */
    public ForeignKey references(TableName table, List<String> columnNames) {
      return new ForeignKey(name, columns, table, columnNames, onDelete, onUpdate);
    }

    /** {@return this key with {@code ON DELETE action}} */
    public ForeignKey onDelete(ReferentialAction action) {
      return new ForeignKey(name, columns, target, targetColumns, action, onUpdate);
    }

    /** {@return this key with {@code ON UPDATE action}} */
    public ForeignKey onUpdate(ReferentialAction action) {
      return new ForeignKey(name, columns, target, targetColumns, onDelete, action);
    }

    /** {@return this key named} */
    public ForeignKey named(String newName) {
      return new ForeignKey(newName, columns, target, targetColumns, onDelete, onUpdate);
    }
  }

  private static List<String> nonEmpty(List<String> columns, String what) {
    var copy = List.copyOf(columns);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(what + " needs at least one column");
    }
    return copy;
  }
}
