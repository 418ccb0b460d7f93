package dev.tusk.sql.compile;

import dev.tusk.sql.ast.ColumnRef;
import dev.tusk.sql.ast.Expr;
import dev.tusk.sql.ast.OutputNames;
import dev.tusk.sql.ast.TableName;
import dev.tusk.sql.schema.ColumnDefinition;
import dev.tusk.sql.schema.DependencyOrder;
import dev.tusk.sql.schema.Index;
import dev.tusk.sql.schema.ReferentialAction;
import dev.tusk.sql.schema.TableConstraint;
import dev.tusk.sql.schema.TableDefinition;
import dev.tusk.sql.types.EnumType;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders DDL: CREATE/DROP of tables, indexes, enum types and foreign keys, and the ordered lists
 * of {@code createAll}/{@code dropAll}. DDL takes no parameters, so the few values it holds (enum
 * labels, comments, constants in CHECK conditions and defaults) are written as literals, and
 * columns are written unqualified.
 *
 * <p>{@code checkFirst} uses {@code IF [NOT] EXISTS} where PostgreSQL has it. {@code CREATE TYPE}
 * and {@code ADD CONSTRAINT} have none, so they are wrapped in a {@code DO} block that ignores
 * {@code duplicate_object}: one statement, needing no query before it, and safe when two processes
 * create the schema at once.
 */
public final class DdlCompiler {
  private static final String DUPLICATE_OBJECT_HANDLER = " EXCEPTION WHEN duplicate_object THEN NULL;";

  private DdlCompiler() {}

  /** {@return every statement creating these enum types and tables, in an order PostgreSQL accepts} */
  public static List<String> createAll(List<TableDefinition> tables, List<EnumType<?>> enumTypes, boolean checkFirst) {
    var order = DependencyOrder.of(tables);
    var statements = new ArrayList<String>();
    enumTypes.forEach(type -> statements.add(createEnum(type, checkFirst)));
    for (var table : order.tables()) {
      statements.add(createTable(table, checkFirst));
      table.indexes().forEach(index -> statements.add(createIndex(table.name(), index, checkFirst)));
      statements.addAll(comments(table));
    }
    order.deferred().forEach(deferred -> statements.add(addForeignKey(deferred.table(), deferred.key(), checkFirst)));
    return List.copyOf(statements);
  }

  /** {@return every statement dropping these tables and enum types, in the reverse order} */
  public static List<String> dropAll(List<TableDefinition> tables, List<EnumType<?>> enumTypes, boolean checkFirst) {
    var order = DependencyOrder.of(tables);
    var statements = new ArrayList<String>();
    for (var deferred : order.deferred()) {
      statements.add("ALTER TABLE " + (checkFirst ? "IF EXISTS " : "") + Identifiers.quote(deferred.table())
          + " DROP CONSTRAINT " + (checkFirst ? "IF EXISTS " : "") + Identifiers.quote(deferred.key().name()));
    }
    for (var table : order.tables().reversed()) {
      statements.add("DROP TABLE " + (checkFirst ? "IF EXISTS " : "") + Identifiers.quote(table.name()));
    }
    for (var type : enumTypes.reversed()) {
      statements.add("DROP TYPE " + (checkFirst ? "IF EXISTS " : "") + TypeNames.of(type));
    }
    return List.copyOf(statements);
  }

  /** {@return {@code CREATE TABLE}, one column or constraint per line} */
  public static String createTable(TableDefinition table, boolean ifNotExists) {
    var out = new StringBuilder("CREATE TABLE ");
    if (ifNotExists) {
      out.append("IF NOT EXISTS ");
    }
    out.append(Identifiers.quote(table.name())).append(" (");
    var lines = new ArrayList<String>();
    table.columns().forEach(column -> lines.add(column(column)));
    table.constraints().forEach(constraint -> lines.add(constraint(constraint)));
    out.append("\n  ").append(String.join(",\n  ", lines)).append("\n)");
    return out.toString();
  }

  /** {@return {@code CREATE TYPE name AS ENUM (...)}, in a DO block ignoring an existing type with checkFirst} */
  public static String createEnum(EnumType<?> type, boolean checkFirst) {
    var labels = type.labels().stream().map(Literals::string).toList();
    String create = "CREATE TYPE " + TypeNames.of(type) + " AS ENUM (" + String.join(", ", labels) + ")";
    return checkFirst ? ignoringDuplicate(create) : create;
  }

  /** {@return {@code CREATE INDEX}} */
  public static String createIndex(TableName table, Index index, boolean ifNotExists) {
    var out = new StringBuilder("CREATE ");
    if (index.isUnique()) {
      out.append("UNIQUE ");
    }
    out.append("INDEX ");
    if (ifNotExists) {
      out.append("IF NOT EXISTS ");
    }
    out.append(Identifiers.quote(index.name() != null ? index.name() : indexName(table, index)));
    out.append(" ON ").append(Identifiers.quote(table));
    if (index.method() != null) {
      out.append(" USING ").append(Identifiers.quote(index.method()));
    }
    out.append(" (");
    for (int i = 0; i < index.elements().size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      var element = index.elements().get(i);
      out.append(element.expression() instanceof ColumnRef<?> ? expression(element.expression())
          : "(" + expression(element.expression()) + ")");
      if (element.operatorClass() != null) {
        out.append(' ').append(Identifiers.quote(element.operatorClass()));
      }
    }
    out.append(')');
    if (index.where() != null) {
      out.append(" WHERE ").append(expression(index.where()));
    }
    return out.toString();
  }

  /** {@return {@code ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY}, in a DO block with checkFirst} */
  public static String addForeignKey(TableName table, TableConstraint.ForeignKey key, boolean checkFirst) {
    String alter = "ALTER TABLE " + Identifiers.quote(table) + " ADD " + constraint(key);
    return checkFirst ? ignoringDuplicate(alter) : alter;
  }

  private static List<String> comments(TableDefinition table) {
    var statements = new ArrayList<String>();
    if (table.comment() != null) {
      statements.add("COMMENT ON TABLE " + Identifiers.quote(table.name()) + " IS " + Literals.string(table.comment()));
    }
    for (var column : table.columns()) {
      if (column.spec().comment() != null) {
        statements.add("COMMENT ON COLUMN " + Identifiers.quote(table.name()) + "." + Identifiers.quote(column.name())
            + " IS " + Literals.string(column.spec().comment()));
      }
    }
    return statements;
  }

  private static String column(ColumnDefinition column) {
    var out = new StringBuilder(Identifiers.quote(column.name())).append(' ').append(TypeNames.of(column.type()));
    var spec = column.spec();
    switch (spec.identity()) {
      case NONE -> { }
      case BY_DEFAULT -> out.append(" GENERATED BY DEFAULT AS IDENTITY");
      case ALWAYS -> out.append(" GENERATED ALWAYS AS IDENTITY");
    }
    if (spec.serverDefault() != null) {
      out.append(" DEFAULT ").append(expression(spec.serverDefault()));
    }
    if (spec.notNull()) {
      out.append(" NOT NULL");
    }
    return out.toString();
  }

  private static String constraint(TableConstraint constraint) {
    var out = new StringBuilder();
    if (constraint.name() != null) {
      out.append("CONSTRAINT ").append(Identifiers.quote(constraint.name())).append(' ');
    }
    switch (constraint) {
      case TableConstraint.PrimaryKey key -> out.append("PRIMARY KEY (").append(names(key.columns())).append(')');
      case TableConstraint.Unique unique -> out.append("UNIQUE (").append(names(unique.columns())).append(')');
      case TableConstraint.Check check -> out.append("CHECK (").append(expression(check.condition())).append(')');
      case TableConstraint.ForeignKey key -> {
        if (key.target() == null) {
          throw new IllegalStateException("foreign key " + key.columns() + " references nothing; call references(...)");
        }
        out.append("FOREIGN KEY (").append(names(key.columns())).append(") REFERENCES ")
            .append(Identifiers.quote(key.target())).append(" (").append(names(key.targetColumns())).append(')');
        if (key.onDelete() != ReferentialAction.NO_ACTION) {
          out.append(" ON DELETE ").append(key.onDelete().sql());
        }
        if (key.onUpdate() != ReferentialAction.NO_ACTION) {
          out.append(" ON UPDATE ").append(key.onUpdate().sql());
        }
      }
    }
    return out.toString();
  }

  /** Renders a DDL expression: unqualified columns, values as literals. */
  private static String expression(Expr<?> expr) {
    var ctx = new RenderContext(RenderContext.ValueMode.LITERALS, RenderContext.ColumnStyle.UNQUALIFIED);
    var statements = SqlCompiler.statementRenderer(ctx);
    // The statement renderer owns the expression renderer; rendering a bare expression goes through it.
    statements.expression(expr);
    return ctx.sql.toString();
  }

  /** The dollar-quote tag is chosen so that it cannot occur inside the body. */
  private static String ignoringDuplicate(String statement) {
    String tag = "$tusk$";
    for (int n = 1; statement.contains(tag); n++) {
      tag = "$tusk" + n + "$";
    }
    return "DO " + tag + " BEGIN " + statement + ";" + DUPLICATE_OBJECT_HANDLER + " END " + tag;
  }

  private static String indexName(TableName table, Index index) {
    var parts = new ArrayList<String>();
    parts.add(table.name());
    for (var element : index.elements()) {
      String name = OutputNames.nameOf(element.expression());
      parts.add(OutputNames.UNNAMED.equals(name) ? "expr" : name);
    }
    String name = String.join("_", parts) + (index.isUnique() ? "_key" : "_idx");
    return name.length() <= 63 ? name : name.substring(0, 63);
  }

  private static String names(List<String> names) {
    return String.join(", ", names.stream().map(Identifiers::quote).toList());
  }
}
