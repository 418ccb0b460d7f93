package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * A bound value erased for the cache key: its type and its position among the statement's values
 * (in the order the key's walk met them). The compiler renders a slot as {@code $n} and records
 * that parameter {@code n} takes value {@code index}.
 *
 * @param type the SQL type of the value
 * @param index the position of the value in the statement's extracted values
 * @param <T> the Java type of the value
 */
public record Slot<T>(SqlType<T> type, int index) implements Expr<T> {
  public Slot {
    Objects.requireNonNull(type, "type");
    if (index < 0) {
      throw new IllegalArgumentException("slot index " + index);
    }
  }
}
