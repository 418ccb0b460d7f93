package dev.tusk.sql.ast;

import static dev.tusk.sql.ast.ImmutableLists.append;
import static dev.tusk.sql.ast.ImmutableLists.exprs;

import dev.tusk.sql.compile.SqlCompiler;
import dev.tusk.sql.types.PgTypes;
import java.util.Arrays;
import java.util.List;

/**
 * A SELECT statement. Every builder method returns a new statement; {@code where} and {@code
 * having} called twice combine their conditions with AND. LIMIT and OFFSET are bound parameters,
 * so a page number never changes the SQL.
 *
 * @param with the CTEs
 * @param isDistinct whether DISTINCT applies (implied by a non-empty {@code distinctOn})
 * @param distinctOn the DISTINCT ON expressions, or empty
 * @param columns the select list
 * @param from the FROM items
 * @param where the WHERE condition, or null
 * @param groupBy the GROUP BY expressions
 * @param having the HAVING condition, or null
 * @param orderBy the ORDER BY items
 * @param limit the LIMIT, or null
 * @param offset the OFFSET, or null
 * @param locks the locking clauses
 */
public record Select(List<Cte> with, boolean isDistinct, List<Expr<?>> distinctOn, List<Expr<?>> columns,
                     List<FromItem> from, Expr<Boolean> where, List<Expr<?>> groupBy, Expr<Boolean> having,
                     List<OrderItem> orderBy, Expr<Long> limit, Expr<Long> offset, List<Lock> locks)
    implements Query {
  public Select {
    with = List.copyOf(with);
    distinctOn = List.copyOf(distinctOn);
    isDistinct = isDistinct || !distinctOn.isEmpty();
    columns = List.copyOf(columns);
    from = List.copyOf(from);
    groupBy = ImmutableLists.map(groupBy, ColumnRef::outputNameIfLabel);
    orderBy = ImmutableLists.map(orderBy, item -> item.withExpression(ColumnRef.outputNameIfLabel(item.expression())));
    locks = List.copyOf(locks);
  }

  /** {@return {@code SELECT columns} with nothing else yet} */
  public static Select of(List<? extends Expression<?>> columns) {
    return new Select(List.of(), false, List.of(), exprs(columns), List.of(), null, List.of(), null, List.of(),
        null, null, List.of());
  }

  /** {@return this statement with more columns in its select list} */
  public Select addColumns(Expression<?>... more) {
    return new Select(with, isDistinct, distinctOn, append(columns, exprs(more)), from, where, groupBy, having,
        orderBy, limit, offset, locks);
  }

  /** {@return this statement with more FROM items, separated by commas} */
  public Select from(FromSource... sources) {
    var items = new FromItem[sources.length];
    for (int i = 0; i < sources.length; i++) {
      items[i] = sources[i].fromItem();
    }
    return withFrom(append(from, items));
  }

  /** {@return this statement with its last FROM item joined to {@code right}: {@code JOIN right ON on}} */
  public Select join(FromSource right, Expression<Boolean> on) {
    return joined(Join.Kind.INNER, right, on);
  }

  /** {@return a {@code LEFT JOIN}, see {@link #join}} */
  public Select leftJoin(FromSource right, Expression<Boolean> on) {
    return joined(Join.Kind.LEFT, right, on);
  }

  /** {@return a {@code RIGHT JOIN}, see {@link #join}} */
  public Select rightJoin(FromSource right, Expression<Boolean> on) {
    return joined(Join.Kind.RIGHT, right, on);
  }

  /** {@return a {@code FULL JOIN}, see {@link #join}} */
  public Select fullJoin(FromSource right, Expression<Boolean> on) {
    return joined(Join.Kind.FULL, right, on);
  }

  /** {@return a {@code CROSS JOIN}, see {@link #join}} */
  public Select crossJoin(FromSource right) {
    return joined(Join.Kind.CROSS, right, null);
  }

  private Select joined(Join.Kind kind, FromSource right, Expression<Boolean> on) {
    if (from.isEmpty()) {
      throw new IllegalStateException("join needs a FROM item to join to; call from(...) first");
    }
    var join = new Join(from.getLast(), kind, right.fromItem(), on == null ? null : on.expr());
    return withFrom(ImmutableLists.replaceLast(from, join));
  }

  private Select withFrom(List<FromItem> newFrom) {
    return new Select(with, isDistinct, distinctOn, columns, newFrom, where, groupBy, having, orderBy, limit, offset,
        locks);
  }

  /** {@return this statement with {@code condition} ANDed to its WHERE} */
  public Select where(Expression<Boolean> condition) {
    return new Select(with, isDistinct, distinctOn, columns, from, ImmutableLists.and(where, condition), groupBy,
        having, orderBy, limit, offset, locks);
  }

  /** {@return this statement with more GROUP BY expressions} */
  public Select groupBy(Expression<?>... expressions) {
    return new Select(with, isDistinct, distinctOn, columns, from, where, append(groupBy, exprs(expressions)),
        having, orderBy, limit, offset, locks);
  }

  /** {@return this statement with {@code condition} ANDed to its HAVING} */
  public Select having(Expression<Boolean> condition) {
    return new Select(with, isDistinct, distinctOn, columns, from, where, groupBy,
        ImmutableLists.and(having, condition), orderBy, limit, offset, locks);
  }

  /** {@return this statement with more ORDER BY items} */
  public Select orderBy(OrderItem... items) {
    return new Select(with, isDistinct, distinctOn, columns, from, where, groupBy, having,
        append(orderBy, items), limit, offset, locks);
  }

  /** {@return this statement with more ORDER BY expressions, in the default direction} */
  public Select orderBy(Expression<?>... expressions) {
    var items = new OrderItem[expressions.length];
    for (int i = 0; i < expressions.length; i++) {
      items[i] = OrderItem.of(expressions[i]);
    }
    return orderBy(items);
  }

  /** {@return this statement with {@code LIMIT $n}} */
  public Select limit(long count) {
    return limit(Param.of(PgTypes.BIGINT, count));
  }

  /** {@return this statement with {@code LIMIT count}} */
  public Select limit(Expression<Long> count) {
    return new Select(with, isDistinct, distinctOn, columns, from, where, groupBy, having, orderBy, count.expr(),
        offset, locks);
  }

  /** {@return this statement with {@code OFFSET $n}} */
  public Select offset(long count) {
    return offset(Param.of(PgTypes.BIGINT, count));
  }

  /** {@return this statement with {@code OFFSET count}} */
  public Select offset(Expression<Long> count) {
    return new Select(with, isDistinct, distinctOn, columns, from, where, groupBy, having, orderBy, limit,
        count.expr(), locks);
  }

  /** {@return this statement as {@code SELECT DISTINCT}} */
  public Select distinct() {
    return new Select(with, true, distinctOn, columns, from, where, groupBy, having, orderBy, limit, offset, locks);
  }

  /** {@return this statement as {@code SELECT DISTINCT ON (expressions)}} */
  public Select distinctOn(Expression<?>... expressions) {
    return new Select(with, true, exprs(expressions), columns, from, where, groupBy, having, orderBy, limit, offset,
        locks);
  }

  /** {@return this statement with {@code FOR UPDATE}} */
  public Select forUpdate() {
    return locked(Lock.Strength.UPDATE);
  }

  /** {@return this statement with {@code FOR NO KEY UPDATE}} */
  public Select forNoKeyUpdate() {
    return locked(Lock.Strength.NO_KEY_UPDATE);
  }

  /** {@return this statement with {@code FOR SHARE}} */
  public Select forShare() {
    return locked(Lock.Strength.SHARE);
  }

  /** {@return this statement with {@code FOR KEY SHARE}} */
  public Select forKeyShare() {
    return locked(Lock.Strength.KEY_SHARE);
  }

  private Select locked(Lock.Strength strength) {
    return withLocks(append(locks, new Lock(strength, List.of(), Lock.Wait.WAIT)));
  }

  /** {@return this statement with its last lock restricted to these relations: {@code OF t, ...}} */
  public Select of(FromSource... relations) {
    var names = Arrays.stream(relations).map(relation -> lockName(relation.fromItem())).toList();
    var last = lastLock();
    return replaceLastLock(new Lock(last.strength(), append(last.of(), names), last.waitPolicy()));
  }

  /** {@return this statement with its last lock failing at once on a locked row: {@code NOWAIT}} */
  public Select nowait() {
    var last = lastLock();
    return replaceLastLock(new Lock(last.strength(), last.of(), Lock.Wait.NOWAIT));
  }

  /** {@return this statement with its last lock skipping locked rows: {@code SKIP LOCKED}} */
  public Select skipLocked() {
    var last = lastLock();
    return replaceLastLock(new Lock(last.strength(), last.of(), Lock.Wait.SKIP_LOCKED));
  }

  private Lock lastLock() {
    if (locks.isEmpty()) {
      throw new IllegalStateException("no locking clause yet; call forUpdate() or another lock first");
    }
    return locks.getLast();
  }

  private Select replaceLastLock(Lock lock) {
    return withLocks(append(locks.subList(0, locks.size() - 1), lock));
  }

  private Select withLocks(List<Lock> newLocks) {
    return new Select(with, isDistinct, distinctOn, columns, from, where, groupBy, having, orderBy, limit, offset,
        newLocks);
  }

  private static String lockName(FromItem item) {
    return switch (item) {
      case TableRef table -> table.alias() != null ? table.alias() : table.table().name();
      case DerivedTable derived -> derived.alias();
      case CteRef cte -> cte.alias() != null ? cte.alias() : cte.name();
      case ValuesTable values -> values.alias();
      case FunctionTable function -> function.alias();
      case Join ignored -> throw new IllegalArgumentException("FOR ... OF names relations, not joins");
    };
  }

  /** {@return this statement with CTEs added to its WITH list} */
  public Select with(Cte... ctes) {
    return new Select(append(with, ctes), isDistinct, distinctOn, columns, from, where, groupBy, having, orderBy,
        limit, offset, locks);
  }

  /** {@return the SQL of this statement, with {@code $n} placeholders} */
  @Override
  public String toString() {
    return SqlCompiler.render(this).sql();
  }

  /** {@return whether anything follows the FROM/WHERE part, which a set operation must parenthesize} */
  public boolean hasTrailingClauses() {
    return !with.isEmpty() || !orderBy.isEmpty() || limit != null || offset != null || !locks.isEmpty();
  }
}
