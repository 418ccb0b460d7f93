package dev.tusk.sql.ast;

import java.util.ArrayList;
import java.util.List;

/** Appending to the immutable lists nodes hold, for builders that return new nodes. */
final class ImmutableLists {
  private ImmutableLists() {}

  @SafeVarargs
  static <T> List<T> append(List<T> list, T... more) {
    var result = new ArrayList<T>(list.size() + more.length);
    result.addAll(list);
    for (T item : more) {
      result.add(item);
    }
    return List.copyOf(result);
  }

  static <T> List<T> append(List<T> list, List<? extends T> more) {
    var result = new ArrayList<T>(list.size() + more.size());
    result.addAll(list);
    result.addAll(more);
    return List.copyOf(result);
  }

  static List<Expr<?>> exprs(Expression<?>... expressions) {
    var exprs = new Expr<?>[expressions.length];
    for (int i = 0; i < expressions.length; i++) {
      exprs[i] = expressions[i].expr();
    }
    return List.of(exprs);
  }

  static List<Expr<?>> exprs(List<? extends Expression<?>> expressions) {
    var exprs = new Expr<?>[expressions.size()];
    for (int i = 0; i < exprs.length; i++) {
      exprs[i] = expressions.get(i).expr();
    }
    return List.of(exprs);
  }

  /**
   * {@return an immutable copy of the list with each element mapped}, the list itself when it is
   * immutable already and no element changes: compact constructors run on every builder call, so
   * normalizing must cost nothing when there is nothing to normalize
   */
  static <T> List<T> map(List<T> list, java.util.function.UnaryOperator<T> mapping) {
    List<T> copy = List.copyOf(list);
    Object[] changed = null;
    for (int i = 0; i < copy.size(); i++) {
      T item = copy.get(i);
      T mapped = mapping.apply(item);
      if (mapped != item && changed == null) {
        changed = copy.toArray();
      }
      if (changed != null) {
        changed[i] = mapped;
      }
    }
    @SuppressWarnings("unchecked")
    List<T> result = changed == null ? copy : (List<T>) List.of(changed);
    return result;
  }

  static Expr<Boolean> and(Expr<Boolean> existing, Expression<Boolean> more) {
    return existing == null ? more.expr() : Junction.of(BinaryOp.AND, List.of(existing, more.expr()));
  }
}
