package dev.tusk.sql.ast;

import java.util.List;

/**
 * {@code ON CONFLICT [target] DO NOTHING} or {@code ON CONFLICT target DO UPDATE SET ... [WHERE
 * condition]}; in DO UPDATE the proposed row is {@code excluded}.
 *
 * @param target what conflicts, or null (DO NOTHING only)
 * @param updates the assignments of DO UPDATE, or empty for DO NOTHING
 * @param where the condition of DO UPDATE, or null
 */
public record OnConflict(ConflictTarget target, List<Assignment> updates, Expr<Boolean> where) {
  public OnConflict {
    updates = List.copyOf(updates);
    if (!updates.isEmpty() && target == null) {
      throw new IllegalArgumentException("ON CONFLICT DO UPDATE needs a conflict target");
    }
    if (updates.isEmpty() && where != null) {
      throw new IllegalArgumentException("ON CONFLICT DO NOTHING takes no WHERE");
    }
  }

  /** {@return whether this is DO UPDATE rather than DO NOTHING} */
  public boolean isUpdate() {
    return !updates.isEmpty();
  }
}
