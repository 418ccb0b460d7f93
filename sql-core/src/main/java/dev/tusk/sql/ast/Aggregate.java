package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An aggregate call: {@code name([DISTINCT] args [ORDER BY ...]) [FILTER (WHERE condition)]}.
 * Builder methods return new nodes.
 *
 * @param name the aggregate's name
 * @param arguments the arguments; {@link Star} alone for {@code count(*)}
 * @param isDistinct whether only distinct argument values are aggregated
 * @param orderBy the order of the values, for order-sensitive aggregates such as {@code string_agg}
 * @param filter the FILTER condition, or null
 * @param type the type of the result
 * @param <T> the Java type of the result
 */
public record Aggregate<T>(String name, List<Expr<?>> arguments, boolean isDistinct, List<OrderItem> orderBy,
                           Expr<Boolean> filter, SqlType<T> type) implements Expr<T> {
  public Aggregate {
    Names.requireFunctionName(name);
    arguments = List.copyOf(arguments);
    orderBy = List.copyOf(orderBy);
    Objects.requireNonNull(type, "type");
  }

  /** {@return this aggregate over distinct values only} */
  public Aggregate<T> distinct() {
    return new Aggregate<>(name, arguments, true, orderBy, filter, type);
  }

  /** {@return this aggregate over the rows where {@code condition} holds: {@code FILTER (WHERE ...)}} */
  public Aggregate<T> filter(Expression<Boolean> condition) {
    var combined = filter == null ? condition.expr()
        : Junction.of(BinaryOp.AND, List.of(filter, condition.expr()));
    return new Aggregate<>(name, arguments, isDistinct, orderBy, combined, type);
  }

  /** {@return this aggregate taking its values in this order} */
  public Aggregate<T> orderBy(OrderItem... items) {
    return new Aggregate<>(name, arguments, isDistinct, Arrays.asList(items), filter, type);
  }

  /** {@return this aggregate as a window function: {@code ... OVER (window)}} */
  public WindowCall<T> over(WindowSpec window) {
    return new WindowCall<>(this, window);
  }
}
