package dev.tusk.sql.ast;

import dev.tusk.sql.types.ArrayType;
import java.util.List;
import java.util.Objects;

/**
 * {@code ARRAY[e1, e2, ...]}, an array built from expressions. To pass a Java list, bind it as one
 * parameter instead ({@code value(list, array(T))}): a constructor's length is part of its shape.
 *
 * @param elements the elements
 * @param type the array type
 * @param <E> the Java type of the elements
 */
public record ArrayConstructor<E>(List<Expr<E>> elements, ArrayType<E> type) implements Expr<List<E>> {
  public ArrayConstructor {
    elements = List.copyOf(elements);
    Objects.requireNonNull(type, "type");
  }
}
