package dev.tusk.sql;

import dev.tusk.sql.ast.ColumnRef;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.ast.FromSource;
import dev.tusk.sql.ast.TableName;
import dev.tusk.sql.ast.TableRef;
import dev.tusk.sql.schema.ColumnSpec;
import dev.tusk.sql.schema.Index;
import dev.tusk.sql.schema.TableConstraint;
import dev.tusk.sql.schema.TableDefinition;
import dev.tusk.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table, declared as a class whose fields are its columns, so javac checks queries without code
 * generation:
 * <pre>{@code
 * final class Users extends Table {
 *   final Column<Long> id = column("id", BIGINT).primaryKey().identity();
 *   final Column<String> name = column("name", TEXT).notNull();
 *   Users() { super("users"); }
 *
 *   @Override protected List<TableConstraint> constraints() {
 *     return List.of(unique(name));
 *   }
 * }
 * static final Users USERS = METADATA.add(new Users());
 * Users manager = Sql.alias(USERS, "manager");          // same class, columns qualified by "manager"
 * }</pre>
 *
 * <p>Columns are registered by {@link #column} calls, in declaration order, and fixed when first
 * listed ({@link MetaData#add}, {@link #columns()}). {@link #constraints()} and {@link #indexes()}
 * are read only when DDL is generated, so they may refer to tables declared later. A table class
 * needs a constructor without arguments for {@link Sql#alias}.
 */
public abstract class Table implements FromSource {
  /**
   * The alias {@link Sql#alias} passes to the constructor it calls: the field initializers that
   * create the columns run after {@code Table}'s constructor, which is where the alias must be known.
   */
  private static final ThreadLocal<String> PENDING_ALIAS = new ThreadLocal<>();

  private final TableName tableName;
  private final String alias;
  private final TableRef tableRef;
  private final List<Column<?>> columns = new ArrayList<>();
  private boolean frozen;
  private volatile TableDefinition definition;

  /** A table in the search path. */
  protected Table(String name) {
    this(null, name);
  }

  /** A table in a schema. */
  protected Table(String schema, String name) {
    this.tableName = new TableName(schema, Objects.requireNonNull(name, "name"));
    this.alias = PENDING_ALIAS.get();
    PENDING_ALIAS.remove();
    this.tableRef = new TableRef(tableName, alias);
  }

  /** {@return the table's name, never the alias} */
  public final TableName tableName() {
    return tableName;
  }

  /** {@return the alias this instance stands for, or null for the table itself} */
  public final String alias() {
    return alias;
  }

  /** {@return the table in FROM: {@code name [AS alias]}} */
  @Override
  public final TableRef fromItem() {
    return tableRef;
  }

  /** {@return the columns, in declaration order; the column declarations are fixed from now on} */
  public final List<Column<?>> columns() {
    synchronized (columns) {
      frozen = true;
      return List.copyOf(columns);
    }
  }

  /**
   * {@return the table as CREATE TABLE declares it}, computed once: this is when {@link
   * #constraints()} and {@link #indexes()} are read
   */
  public final TableDefinition definition() {
    var fixed = definition;
    if (fixed == null) {
      var columnDefinitions = columns().stream().map(Column::definition).toList();
      synchronized (columns) {
        if (definition == null) {
          definition = TableDefinition.of(tableName, columnDefinitions, constraints(), indexes(), comment());
        }
        fixed = definition;
      }
    }
    return fixed;
  }

  /** Declares a column; call it in a field initializer. */
  protected final <T> Column<T> column(String name, SqlType<T> type) {
    synchronized (columns) {
      requireUnderConstruction();
      if (columns.stream().anyMatch(c -> c.name().equals(name))) {
        throw new IllegalArgumentException("table " + tableName + " declares column " + name + " twice");
      }
      var column = new Column<>(this, new ColumnRef<>(qualifier(), name, type), ColumnSpec.DEFAULT);
      columns.add(column);
      return column;
    }
  }

  /** {@return the table's own constraints beyond those of single columns; none unless overridden} */
  protected List<TableConstraint> constraints() {
    return List.of();
  }

  /** {@return the table's indexes; none unless overridden} */
  protected List<Index> indexes() {
    return List.of();
  }

  /** {@return the table's comment, or null unless overridden} */
  protected String comment() {
    return null;
  }

  /** {@return {@code PRIMARY KEY (columns)}, for {@link #constraints()}} */
  protected static TableConstraint.PrimaryKey primaryKey(Column<?>... columns) {
    return new TableConstraint.PrimaryKey(null, names(columns));
  }

  /** {@return {@code UNIQUE (columns)}, for {@link #constraints()}} */
  protected static TableConstraint.Unique unique(Column<?>... columns) {
    return new TableConstraint.Unique(null, names(columns));
  }

  /** {@return {@code CONSTRAINT name CHECK (condition)}, for {@link #constraints()}} */
  protected static TableConstraint.Check check(String name, Expression<Boolean> condition) {
    return new TableConstraint.Check(name, condition.expr());
  }

  /** {@return {@code FOREIGN KEY (columns)}, to complete with {@code references(...)}, for {@link #constraints()}} */
  protected static TableConstraint.ForeignKey foreignKey(Column<?>... columns) {
    return TableConstraint.ForeignKey.of(names(columns));
  }

  private static List<String> names(Column<?>... columns) {
    return Arrays.stream(columns).map(Column::name).toList();
  }

  final void replace(Column<?> old, Column<?> redefined) {
    synchronized (columns) {
      requireUnderConstruction();
      int at = columns.indexOf(old);
      if (at < 0) {
        throw new IllegalStateException("column " + old.name() + " was redefined already; chain the calls");
      }
      columns.set(at, redefined);
    }
  }

  private void requireUnderConstruction() {
    if (frozen) {
      throw new IllegalStateException("table " + tableName + " is in use; declare its columns in its field "
          + "initializers");
    }
  }

  private TableName qualifier() {
    return alias == null ? tableName : TableName.of(alias);
  }

  /** Creates an instance of a table class standing for an alias; see {@link Sql#alias}. */
  static <T extends Table> T aliased(T table, String alias) {
    var constructor = TableConstructors.of(table.getClass());
    PENDING_ALIAS.set(Objects.requireNonNull(alias, "alias"));
    try {
      @SuppressWarnings("unchecked")
      T copy = (T) constructor.get();
      if (!copy.tableName().equals(table.tableName())) {
        throw new IllegalStateException(table.getClass().getName() + " names its table differently per instance");
      }
      copy.columns();
      return copy;
    } finally {
      PENDING_ALIAS.remove();
    }
  }

  @Override
  public String toString() {
    return alias == null ? tableName.toString() : tableName + " AS " + alias;
  }
}
