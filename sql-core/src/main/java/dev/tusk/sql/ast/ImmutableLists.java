package dev.tusk.sql.ast;

import java.util.List;

/**
 * The immutable lists nodes hold, built for builders that return a new node on every call. Every
 * list is a {@code List.of} list, so {@code List.copyOf} in a node's constructor returns it as is,
 * and code that walks trees sees only the JDK's two immutable list classes. Appending copies the
 * (short) list once into an array of the final size: no intermediate {@code ArrayList}, and a list
 * of one or two elements keeps them in fields ({@code List.of} drops the array).
 */
final class ImmutableLists {
  private ImmutableLists() {}

  @SafeVarargs
  static <T> List<T> append(List<T> list, T... more) {
    if (more.length == 0) {
      return List.copyOf(list);
    }
    int size = list.size();
    if (size == 0 && more.length == 1) {
      return List.of(more[0]);
    }
    var result = list.toArray(new Object[size + more.length]);
    System.arraycopy(more, 0, result, size, more.length);
    return of(result);
  }

  static <T> List<T> append(List<T> list, List<? extends T> more) {
    if (more.isEmpty()) {
      return List.copyOf(list);
    }
    int size = list.size();
    var result = list.toArray(new Object[size + more.size()]);
    for (int i = 0; i < more.size(); i++) {
      result[size + i] = more.get(i);
    }
    return of(result);
  }

  /** {@return a copy of a non-empty list with its last element replaced} */
  static <T> List<T> replaceLast(List<T> list, T last) {
    if (list.size() == 1) {
      return List.of(last);
    }
    var result = list.toArray();
    result[result.length - 1] = last;
    return of(result);
  }

  static List<Expr<?>> exprs(Expression<?>... expressions) {
    return switch (expressions.length) {
      case 0 -> List.of();
      case 1 -> List.of(expressions[0].expr());
      case 2 -> List.of(expressions[0].expr(), expressions[1].expr());
      default -> {
        var exprs = new Expr<?>[expressions.length];
        for (int i = 0; i < expressions.length; i++) {
          exprs[i] = expressions[i].expr();
        }
        yield List.of(exprs);
      }
    };
  }

  static List<Expr<?>> exprs(List<? extends Expression<?>> expressions) {
    var exprs = new Expr<?>[expressions.size()];
    for (int i = 0; i < exprs.length; i++) {
      exprs[i] = expressions.get(i).expr();
    }
    return List.of(exprs);
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> of(Object[] elements) {
    return (List<T>) List.of(elements);
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
