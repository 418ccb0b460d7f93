package dev.tusk.sql.ast;

import dev.tusk.sql.types.PgTypes;
import java.util.Objects;

/**
 * One end of a window frame. An offset is a bound parameter like every other value: PostgreSQL
 * accepts parameters there, as they hold no column references.
 *
 * @param kind which bound
 * @param offset the offset of PRECEDING and FOLLOWING, null for the others
 */
public record FrameBound(Kind kind, Expr<?> offset) {
  public static final FrameBound UNBOUNDED_PRECEDING = new FrameBound(Kind.UNBOUNDED_PRECEDING, null);
  public static final FrameBound CURRENT_ROW = new FrameBound(Kind.CURRENT_ROW, null);
  public static final FrameBound UNBOUNDED_FOLLOWING = new FrameBound(Kind.UNBOUNDED_FOLLOWING, null);

  public FrameBound {
    Objects.requireNonNull(kind, "kind");
    if ((offset != null) != (kind == Kind.PRECEDING || kind == Kind.FOLLOWING)) {
      throw new IllegalArgumentException(kind + (offset == null ? " needs" : " takes no") + " offset");
    }
  }

  /** {@return {@code n PRECEDING}, rows or groups} */
  public static FrameBound preceding(long n) {
    return new FrameBound(Kind.PRECEDING, Param.of(PgTypes.BIGINT, n));
  }

  /** {@return {@code offset PRECEDING}, for a RANGE frame over numbers or times} */
  public static FrameBound preceding(Expression<?> offset) {
    return new FrameBound(Kind.PRECEDING, offset.expr());
  }

  /** {@return {@code n FOLLOWING}, rows or groups} */
  public static FrameBound following(long n) {
    return new FrameBound(Kind.FOLLOWING, Param.of(PgTypes.BIGINT, n));
  }

  /** {@return {@code offset FOLLOWING}, for a RANGE frame over numbers or times} */
  public static FrameBound following(Expression<?> offset) {
    return new FrameBound(Kind.FOLLOWING, offset.expr());
  }

  /** The kinds of bound. */
  public enum Kind {
    UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING
  }
}
