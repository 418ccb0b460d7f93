package dev.tusk.sql.ast;

import static dev.tusk.sql.ast.ImmutableLists.append;
import static dev.tusk.sql.ast.ImmutableLists.exprs;

import dev.tusk.sql.compile.SqlCompiler;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A DELETE statement: {@code DELETE FROM table [USING ...] [WHERE ...] [RETURNING ...]}. Every
 * builder method returns a new statement; {@code where} called twice ANDs its conditions.
 *
 * @param with the CTEs
 * @param table the target table
 * @param using the USING items joined to the target
 * @param where the condition, or null (every row)
 * @param returning the RETURNING list
 */
public record Delete(List<Cte> with, TableRef table, List<FromItem> using, Expr<Boolean> where,
                     List<Expr<?>> returning) implements Statement {
  public Delete {
    with = List.copyOf(with);
    Objects.requireNonNull(table, "table");
    using = List.copyOf(using);
    returning = List.copyOf(returning);
  }

  /** {@return {@code DELETE FROM table} with nothing else yet} */
  public static Delete from(TableRef table) {
    return new Delete(List.of(), table, List.of(), null, List.of());
  }

  /** {@return this statement with more USING items} */
  public Delete using(FromSource... sources) {
    return new Delete(with, table, append(using, Arrays.stream(sources).map(FromSource::fromItem).toList()), where,
        returning);
  }

  /** {@return this statement with {@code condition} ANDed to its WHERE} */
  public Delete where(Expression<Boolean> condition) {
    return new Delete(with, table, using, ImmutableLists.and(where, condition), returning);
  }

  /** {@return this statement with more RETURNING expressions} */
  public Delete returning(Expression<?>... expressions) {
    return new Delete(with, table, using, where, append(returning, exprs(expressions)));
  }

  /** {@return this statement with CTEs added to its WITH list} */
  public Delete with(Cte... ctes) {
    return new Delete(append(with, ctes), table, using, where, returning);
  }

  /** {@return the SQL of this statement, with {@code $n} placeholders} */
  @Override
  public String toString() {
    return SqlCompiler.render(this).sql();
  }
}
