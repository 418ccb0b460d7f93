package dev.tusk.sql.schema;

import dev.tusk.sql.ast.TableName;
import dev.tusk.sql.types.ArrayType;
import dev.tusk.sql.types.BuiltinType;
import dev.tusk.sql.types.ConvertedType;
import dev.tusk.sql.types.EnumType;
import dev.tusk.sql.types.SqlType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A table as CREATE TABLE declares it: pure data, rendered by the DDL compiler. Column-level
 * primary keys, uniqueness, checks and references are already folded into {@link #constraints()}.
 *
 * @param name the table's name
 * @param columns its columns, in order
 * @param constraints its constraints: the primary key first, then column-level ones, then declared ones
 * @param indexes its indexes
 * @param comment its comment, or null
 */
public record TableDefinition(TableName name, List<ColumnDefinition> columns, List<TableConstraint> constraints,
                              List<Index> indexes, String comment) {
  public TableDefinition {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    constraints = List.copyOf(constraints);
    indexes = List.copyOf(indexes);
  }

  /**
   * {@return the definition of a table}, folding the columns' own constraints into table constraints
   *
   * @throws IllegalArgumentException when the table has two primary keys
   */
  public static TableDefinition of(TableName name, List<ColumnDefinition> columns, List<TableConstraint> declared,
                                   List<Index> indexes, String comment) {
    var constraints = new ArrayList<TableConstraint>();
    var keyColumns = columns.stream().filter(c -> c.spec().primaryKey()).map(ColumnDefinition::name).toList();
    if (!keyColumns.isEmpty()) {
      if (declared.stream().anyMatch(c -> c instanceof TableConstraint.PrimaryKey)) {
        throw new IllegalArgumentException("table " + name + " declares its primary key twice");
      }
      constraints.add(new TableConstraint.PrimaryKey(null, keyColumns));
    }
    for (var column : columns) {
      var spec = column.spec();
      if (spec.unique()) {
        constraints.add(new TableConstraint.Unique(null, List.of(column.name())));
      }
      if (spec.check() != null) {
        constraints.add(new TableConstraint.Check(null, spec.check()));
      }
      if (spec.references() != null) {
        constraints.add(spec.references());
      }
    }
    declared.stream().filter(c -> c instanceof TableConstraint.PrimaryKey).forEach(key -> constraints.addFirst(key));
    declared.stream().filter(c -> !(c instanceof TableConstraint.PrimaryKey)).forEach(constraints::add);
    return new TableDefinition(name, columns, constraints, indexes, comment);
  }

  /** {@return the foreign keys, in declaration order} */
  public List<TableConstraint.ForeignKey> foreignKeys() {
    return constraints.stream()
        .filter(TableConstraint.ForeignKey.class::isInstance)
        .map(TableConstraint.ForeignKey.class::cast)
        .toList();
  }

  /** {@return this definition without some constraints}, the foreign keys created later by ALTER TABLE */
  public TableDefinition without(List<? extends TableConstraint> removed) {
    var kept = constraints.stream().filter(c -> removed.stream().noneMatch(r -> r == c)).toList();
    return new TableDefinition(name, columns, kept, indexes, comment);
  }

  /** {@return the enum types the columns use, arrays and converted types included} */
  public Set<EnumType<?>> enumTypes() {
    var found = new LinkedHashSet<EnumType<?>>();
    columns.forEach(column -> collectEnums(column.type(), found));
    return found;
  }

  private static void collectEnums(SqlType<?> type, Set<EnumType<?>> found) {
    switch (type) {
      case EnumType<?> enumType -> found.add(enumType);
      case ArrayType<?> array -> collectEnums(array.elementType(), found);
      case ConvertedType<?, ?> converted -> collectEnums(converted.databaseType(), found);
      case BuiltinType<?> ignored -> { }
    }
  }
}
