package dev.tusk.sql.ast;

import static dev.tusk.sql.ast.ImmutableLists.append;
import static dev.tusk.sql.ast.ImmutableLists.exprs;

import dev.tusk.sql.compile.SqlCompiler;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An UPDATE statement: {@code UPDATE table SET ... [FROM ...] [WHERE ...] [RETURNING ...]}. Every
 * builder method returns a new statement; {@code where} called twice ANDs its conditions.
 *
 * @param with the CTEs
 * @param table the target table
 * @param set the assignments
 * @param from the FROM items joined to the target
 * @param where the condition, or null (every row)
 * @param returning the RETURNING list
 */
public record Update(List<Cte> with, TableRef table, List<Assignment> set, List<FromItem> from,
                     Expr<Boolean> where, List<Expr<?>> returning) implements Statement {
  public Update {
    with = List.copyOf(with);
    Objects.requireNonNull(table, "table");
    set = List.copyOf(set);
    from = List.copyOf(from);
    returning = List.copyOf(returning);
  }

  /** {@return {@code UPDATE table} with nothing else yet} */
  public static Update of(TableRef table) {
    return new Update(List.of(), table, List.of(), List.of(), null, List.of());
  }

  /** {@return this statement with {@code column = $n} added to SET} */
  public <V> Update set(Expression<V> column, V value) {
    return set(column, Param.of(column.type(), value));
  }

  /** {@return this statement with {@code column = value} added to SET} */
  public <V> Update set(Expression<V> column, Expression<V> value) {
    return new Update(with, table, append(set, new Assignment(Assignment.column(column), value.expr())), from,
        where, returning);
  }

  /** {@return this statement with more FROM items} */
  public Update from(FromSource... sources) {
    return new Update(with, table, set, append(from, Arrays.stream(sources).map(FromSource::fromItem).toList()),
        where, returning);
  }

  /** {@return this statement with {@code condition} ANDed to its WHERE} */
  public Update where(Expression<Boolean> condition) {
    return new Update(with, table, set, from, ImmutableLists.and(where, condition), returning);
  }

  /** {@return this statement with more RETURNING expressions} */
  public Update returning(Expression<?>... expressions) {
    return new Update(with, table, set, from, where, append(returning, exprs(expressions)));
  }

  /** {@return this statement with CTEs added to its WITH list} */
  public Update with(Cte... ctes) {
    return new Update(append(with, ctes), table, set, from, where, returning);
  }

  /** {@return the SQL of this statement, with {@code $n} placeholders} */
  @Override
  public String toString() {
    return SqlCompiler.render(this).sql();
  }
}
