package dev.tusk.sql.ast;

import java.util.Objects;

/**
 * {@code left kind JOIN right ON condition}.
 *
 * @param left the left side
 * @param kind the kind of join
 * @param right the right side; LATERAL is a property of a subquery or function on this side
 * @param on the join condition, null exactly for CROSS JOIN
 */
public record Join(FromItem left, Kind kind, FromItem right, Expr<Boolean> on) implements FromItem {
  public Join {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(right, "right");
    if ((kind == Kind.CROSS) != (on == null)) {
      throw new IllegalArgumentException(kind == Kind.CROSS ? "CROSS JOIN takes no condition"
          : kind + " JOIN needs a condition (use Sql.TRUE for ON TRUE)");
    }
  }

  /** The kinds of join, with their keywords. */
  public enum Kind {
    INNER("JOIN"), LEFT("LEFT JOIN"), RIGHT("RIGHT JOIN"), FULL("FULL JOIN"), CROSS("CROSS JOIN");

    private final String keywords;

    Kind(String keywords) {
      this.keywords = keywords;
    }

    /** {@return the SQL keywords of this join} */
    public String keywords() {
      return keywords;
    }
  }
}
