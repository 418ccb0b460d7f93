package dev.tusk.sql.ast;

import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code a AND b AND c} or {@code a OR b OR c}. The constructor flattens nested junctions of the
 * same operator, so {@code and(and(a, b), c)} and {@code and(a, b, c)} are one tree, one SQL text
 * and one cache key.
 *
 * @param op {@link BinaryOp#AND} or {@link BinaryOp#OR}
 * @param terms two or more conditions
 */
public record Junction(BinaryOp op, List<Expr<Boolean>> terms) implements Expr<Boolean> {
  public Junction {
    Objects.requireNonNull(op, "op");
    if (!op.equals(BinaryOp.AND) && !op.equals(BinaryOp.OR)) {
      throw new IllegalArgumentException("a junction is AND or OR, not " + op.token());
    }
    terms = flatten(op, terms);
    if (terms.size() < 2) {
      throw new IllegalArgumentException("a junction needs two or more terms, got " + terms.size());
    }
  }

  /**
   * {@return the conjunction or disjunction of the terms}: the single term itself when there is
   * one, and {@code TRUE} (for AND) or {@code FALSE} (for OR) when there are none
   */
  public static Expr<Boolean> of(BinaryOp op, List<Expr<Boolean>> terms) {
    return switch (terms.size()) {
      case 0 -> new Constant<>(op.equals(BinaryOp.AND) ? Constant.Keyword.TRUE : Constant.Keyword.FALSE,
          PgTypes.BOOLEAN);
      case 1 -> terms.getFirst();
      default -> new Junction(op, terms);
    };
  }

  /** {@return the terms, immutable, with nested junctions of the same operator inlined}; copied only when one is */
  private static List<Expr<Boolean>> flatten(BinaryOp op, List<Expr<Boolean>> terms) {
    boolean nested = false;
    for (int i = 0; i < terms.size(); i++) {
      nested |= terms.get(i) instanceof Junction junction && junction.op.equals(op);
    }
    if (!nested) {
      return List.copyOf(terms); // rejects null terms
    }
    var flat = new ArrayList<Expr<Boolean>>(terms.size() + 2);
    for (var term : terms) {
      if (term instanceof Junction junction && junction.op.equals(op)) {
        flat.addAll(junction.terms);
      } else {
        flat.add(Objects.requireNonNull(term, "term"));
      }
    }
    return List.copyOf(flat);
  }

  @Override
  public SqlType<Boolean> type() {
    return PgTypes.BOOLEAN;
  }
}
