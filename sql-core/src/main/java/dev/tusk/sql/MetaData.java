package dev.tusk.sql;

import dev.tusk.sql.ast.TableName;
import dev.tusk.sql.compile.DdlCompiler;
import dev.tusk.sql.schema.DependencyOrder;
import dev.tusk.sql.schema.TableDefinition;
import dev.tusk.sql.types.EnumType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A set of tables and enum types that are created and dropped together. Registration is thread-safe;
 * the usual place for it is a static initializer:
 * <pre>{@code
 * static final MetaData METADATA = new MetaData();
 * static final Users USERS = METADATA.add(new Users());
 * METADATA.createAll(true);   // the DDL statements, in dependency order
 * }</pre>
 */
public final class MetaData {
  private final List<Table> tables = new ArrayList<>();
  private final List<EnumType<?>> enumTypes = new ArrayList<>();

  /**
   * {@return the table, registered}
   *
   * @throws IllegalArgumentException for an alias, or a second table of the same name
   */
  public synchronized <T extends Table> T add(T table) {
    if (table.alias() != null) {
      throw new IllegalArgumentException("register the table, not its alias " + table.alias());
    }
    if (table(table.tableName()).isPresent()) {
      throw new IllegalArgumentException("a table named " + table.tableName() + " is registered already");
    }
    table.columns();
    tables.add(table);
    return table;
  }

  /** {@return the enum type, registered so that createAll creates it even if no column uses it} */
  public synchronized <E extends Enum<E>> EnumType<E> add(EnumType<E> type) {
    if (!enumTypes.contains(type)) {
      enumTypes.add(type);
    }
    return type;
  }

  /** {@return the registered tables, in registration order} */
  public synchronized List<Table> tables() {
    return List.copyOf(tables);
  }

  /** {@return the table of that name, if registered} */
  public synchronized Optional<Table> table(TableName name) {
    return tables.stream().filter(t -> t.tableName().equals(name)).findFirst();
  }

  /**
   * {@return the tables in foreign-key dependency order: every table after the tables it references}
   * (except inside cycles, whose order is registration order)
   */
  public List<Table> sortedTables() {
    var order = DependencyOrder.of(definitions());
    return order.tables().stream().map(d -> table(d.name()).orElseThrow()).toList();
  }

  /**
   * {@return the statements creating every enum type, table, index and comment}, in an order that
   * PostgreSQL accepts: enum types, then tables (referenced tables first) each followed by its
   * indexes and comments, then the foreign keys of cycles by ALTER TABLE. With {@code checkFirst},
   * objects that exist already are left alone: {@code IF NOT EXISTS} where PostgreSQL has it, and a
   * {@code DO} block catching {@code duplicate_object} for enum types and foreign keys, which
   * have no IF NOT EXISTS. Existence is checked, not equality: an existing table of another shape
   * stays as it is.
   */
  public List<String> createAll(boolean checkFirst) {
    return DdlCompiler.createAll(definitions(), allEnumTypes(), checkFirst);
  }

  /**
   * {@return the statements dropping every table and enum type}, in the reverse order: the foreign
   * keys of cycles first, then tables (referencing tables first), then enum types. With {@code
   * checkFirst}, {@code IF EXISTS} everywhere.
   */
  /**
   * Creates every table, enum type, index and constraint on {@code connection}, in foreign-key
   * order, skipping what exists (SQLAlchemy's {@code create_all(checkfirst=True)}). Run it in a
   * transaction: PostgreSQL's DDL is transactional, so a failure leaves nothing half-created.
   */
  public void createAll(Connection connection) {
    createAll(true).forEach(connection::executeScript);
  }

  /** Drops everything {@link #createAll(Connection)} creates, in reverse order, skipping what is absent. */
  public void dropAll(Connection connection) {
    dropAll(true).forEach(connection::executeScript);
  }

  public List<String> dropAll(boolean checkFirst) {
    return DdlCompiler.dropAll(definitions(), allEnumTypes(), checkFirst);
  }

  private List<TableDefinition> definitions() {
    return tables().stream().map(Table::definition).toList();
  }

  private List<EnumType<?>> allEnumTypes() {
    var all = new LinkedHashSet<EnumType<?>>();
    synchronized (this) {
      all.addAll(enumTypes);
    }
    definitions().forEach(d -> all.addAll(d.enumTypes()));
    return List.copyOf(all);
  }
}
