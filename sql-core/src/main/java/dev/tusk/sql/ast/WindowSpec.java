package dev.tusk.sql.ast;

import java.util.List;

/**
 * A window: {@code PARTITION BY ... ORDER BY ... frame}. Builder methods return new values.
 *
 * @param partitionBy the partitioning expressions
 * @param orderBy the order within a partition
 * @param frame the frame, or null for the default frame
 */
public record WindowSpec(List<Expr<?>> partitionBy, List<OrderItem> orderBy, Frame frame) {
  /** The whole partition, unordered: {@code OVER ()}. */
  public static final WindowSpec EMPTY = new WindowSpec(List.of(), List.of(), null);

  public WindowSpec {
    partitionBy = List.copyOf(partitionBy);
    orderBy = List.copyOf(orderBy);
  }

  /** {@return this window partitioned by these expressions} */
  public WindowSpec partitionBy(Expression<?>... expressions) {
    return new WindowSpec(ImmutableLists.exprs(expressions), orderBy, frame);
  }

  /** {@return this window ordered so} */
  public WindowSpec orderBy(OrderItem... items) {
    return new WindowSpec(partitionBy, List.of(items), frame);
  }

  /** {@return this window with the frame {@code ROWS BETWEEN start AND end}} */
  public WindowSpec rows(FrameBound start, FrameBound end) {
    return withFrame(new Frame(Frame.Unit.ROWS, start, end));
  }

  /** {@return this window with the frame {@code RANGE BETWEEN start AND end}} */
  public WindowSpec range(FrameBound start, FrameBound end) {
    return withFrame(new Frame(Frame.Unit.RANGE, start, end));
  }

  /** {@return this window with the frame {@code GROUPS BETWEEN start AND end}} */
  public WindowSpec groups(FrameBound start, FrameBound end) {
    return withFrame(new Frame(Frame.Unit.GROUPS, start, end));
  }

  /** {@return this window with a frame} */
  public WindowSpec withFrame(Frame newFrame) {
    return new WindowSpec(partitionBy, orderBy, newFrame);
  }
}
