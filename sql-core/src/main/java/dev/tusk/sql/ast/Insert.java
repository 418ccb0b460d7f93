package dev.tusk.sql.ast;

import static dev.tusk.sql.ast.ImmutableLists.append;
import static dev.tusk.sql.ast.ImmutableLists.exprs;

import dev.tusk.sql.compile.SqlCompiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An INSERT statement. Every builder method returns a new statement.
 *
 * <pre>{@code
 * insert(USERS).values(USERS.name, "jack").values(USERS.fullname, "Jack Jones")     // one row
 * insert(USERS).columns(USERS.name, USERS.fullname).row("a", "A").row("b", "B")     // many rows
 * insert(USERS).columns(USERS.name).select(select(OLD.name).from(OLD))              // from a query
 * insert(USERS).values(USERS.name, "jack")
 *     .onConflict(USERS.name).doUpdateSet(USERS.fullname, excluded(USERS.fullname))
 *     .returning(USERS.id)
 * }</pre>
 *
 * @param with the CTEs
 * @param table the target table
 * @param columns the columns given values, in order
 * @param source the rows, or null while the statement is being built
 * @param onConflict the ON CONFLICT clause, or null
 * @param returning the RETURNING list
 */
public record Insert(List<Cte> with, TableRef table, List<ColumnRef<?>> columns, InsertSource source,
                     OnConflict onConflict, List<Expr<?>> returning) implements Statement {
  public Insert {
    with = List.copyOf(with);
    Objects.requireNonNull(table, "table");
    columns = ImmutableLists.map(columns, ColumnRef::unqualified);
    returning = List.copyOf(returning);
    if (source instanceof InsertSource.Values values) {
      for (var row : values.rows()) {
        if (row.size() != columns.size()) {
          throw new IllegalArgumentException("a row has " + row.size() + " values for " + columns.size()
              + " columns");
        }
      }
    }
  }

  /** {@return {@code INSERT INTO table} with nothing else yet} */
  public static Insert into(TableRef table) {
    return new Insert(List.of(), table, List.of(), null, null, List.of());
  }

  /**
   * {@return this statement with one more column given a value in its single row}
   *
   * @throws IllegalStateException when the statement has several rows or a query
   */
  public <V> Insert values(Expression<V> column, V value) {
    return values(column, Param.of(column.type(), value));
  }

  /** {@return this statement with one more column given an expression in its single row} */
  public <V> Insert values(Expression<V> column, Expression<V> value) {
    List<Expr<?>> row = switch (source) {
      case null -> List.of();
      case InsertSource.Values values when values.rows().size() == 1 -> values.rows().getFirst();
      case InsertSource.Values ignored -> throw notSingleRow();
      case InsertSource.FromQuery ignored -> throw notSingleRow();
      case InsertSource.DefaultValues ignored -> throw notSingleRow();
    };
    return new Insert(with, table, append(columns, Assignment.column(column)),
        new InsertSource.Values(List.of(append(row, value.expr()))), onConflict, returning);
  }

  private static IllegalStateException notSingleRow() {
    return new IllegalStateException("values(column, value) builds a single row; use columns(...).row(...)");
  }

  /** {@return this statement with its column list set, for {@link #row} and {@link #select}} */
  public Insert columns(Expression<?>... newColumns) {
    if (source != null) {
      throw new IllegalStateException("set the columns before adding rows");
    }
    var refs = Arrays.stream(newColumns).<ColumnRef<?>>map(Assignment::column).toList();
    return new Insert(with, table, refs, null, onConflict, returning);
  }

  /**
   * {@return this statement with one more row}: one value per column, each a Java value of the
   * column's type or an {@link Expression}
   *
   * @throws IllegalArgumentException when the number of values or a value's class is wrong
   */
  public Insert row(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size()
          + " columns " + columns.stream().map(ColumnRef::name).toList());
    }
    var row = new ArrayList<Expr<?>>(values.length);
    for (int i = 0; i < values.length; i++) {
      row.add(bind(columns.get(i), values[i]));
    }
    List<List<Expr<?>>> rows = switch (source) {
      case null -> List.of();
      case InsertSource.Values existing -> existing.rows();
      case InsertSource.FromQuery ignored -> throw new IllegalStateException("this INSERT takes a query");
      case InsertSource.DefaultValues ignored -> throw new IllegalStateException("this INSERT takes DEFAULT VALUES");
    };
    return new Insert(with, table, columns, new InsertSource.Values(append(rows, List.copyOf(row))), onConflict,
        returning);
  }

  private static <V> Expr<?> bind(ColumnRef<V> column, Object value) {
    if (value instanceof Expression<?> expression) {
      return expression.expr();
    }
    if (value != null && !column.type().javaType().isInstance(value)) {
      throw new IllegalArgumentException("column " + column.name() + " takes " + column.type().javaType()
          .getSimpleName() + ", not " + value.getClass().getSimpleName());
    }
    return Param.of(column.type(), column.type().javaType().cast(value));
  }

  /** {@return {@code INSERT INTO table (columns) query}} */
  public Insert select(Query query) {
    return new Insert(with, table, columns, new InsertSource.FromQuery(query), onConflict, returning);
  }

  /** {@return {@code INSERT INTO table DEFAULT VALUES}} */
  public Insert defaultValues() {
    return new Insert(with, table, List.of(), new InsertSource.DefaultValues(), onConflict, returning);
  }

  /** {@return this statement with {@code ON CONFLICT (columns) DO NOTHING}; follow with doUpdateSet to update} */
  public Insert onConflict(Expression<?>... target) {
    return withConflict(new OnConflict(new ConflictTarget.Columns(exprs(target), null), List.of(), null));
  }

  /** {@return this statement with {@code ON CONFLICT ON CONSTRAINT name DO NOTHING}} */
  public Insert onConflictOnConstraint(String constraint) {
    return withConflict(new OnConflict(new ConflictTarget.Constraint(constraint), List.of(), null));
  }

  /** {@return this statement with {@code ON CONFLICT DO NOTHING}, whatever the conflict} */
  public Insert onConflictDoNothing() {
    return withConflict(new OnConflict(null, List.of(), null));
  }

  /** {@return this statement with the conflict target restricted to a partial index's predicate} */
  public Insert onConflictWhere(Expression<Boolean> indexPredicate) {
    var conflict = requireConflict();
    if (!(conflict.target() instanceof ConflictTarget.Columns target)) {
      throw new IllegalStateException("a conflict WHERE follows onConflict(columns...)");
    }
    var predicate = ImmutableLists.and(target.where(), indexPredicate);
    return withConflict(new OnConflict(new ConflictTarget.Columns(target.elements(), predicate), conflict.updates(),
        conflict.where()));
  }

  /** {@return this statement with {@code DO UPDATE SET column = $n} added to its conflict clause} */
  public <V> Insert doUpdateSet(Expression<V> column, V value) {
    return doUpdateSet(column, Param.of(column.type(), value));
  }

  /** {@return this statement with {@code DO UPDATE SET column = value} added; see {@code Sql.excluded}} */
  public <V> Insert doUpdateSet(Expression<V> column, Expression<V> value) {
    var conflict = requireConflict();
    var updates = append(conflict.updates(), new Assignment(Assignment.column(column), value.expr()));
    return withConflict(new OnConflict(conflict.target(), updates, conflict.where()));
  }

  /** {@return this statement with {@code condition} ANDed to the WHERE of DO UPDATE} */
  public Insert doUpdateWhere(Expression<Boolean> condition) {
    var conflict = requireConflict();
    return withConflict(new OnConflict(conflict.target(), conflict.updates(),
        ImmutableLists.and(conflict.where(), condition)));
  }

  private OnConflict requireConflict() {
    if (onConflict == null) {
      throw new IllegalStateException("no ON CONFLICT clause yet; call onConflict(...) first");
    }
    return onConflict;
  }

  private Insert withConflict(OnConflict conflict) {
    return new Insert(with, table, columns, source, conflict, returning);
  }

  /** {@return this statement with more RETURNING expressions} */
  public Insert returning(Expression<?>... expressions) {
    return new Insert(with, table, columns, source, onConflict, append(returning, exprs(expressions)));
  }

  /** {@return this statement with CTEs added to its WITH list} */
  public Insert with(Cte... ctes) {
    return new Insert(append(with, ctes), table, columns, source, onConflict, returning);
  }

  /** {@return the SQL of this statement, with {@code $n} placeholders} */
  @Override
  public String toString() {
    return SqlCompiler.render(this).sql();
  }
}
