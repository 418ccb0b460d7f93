package dev.tusk.sql.cache;

import dev.tusk.sql.ast.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A statement split in two by one walk over its tree: the {@link ShapeKey}, which the compiled
 * statement depends on, and the values, which it does not. Value {@code i} is the one the walk met
 * {@code i}-th, and the slot {@code i} of the key stands for it; a compiled statement maps each
 * {@code $n} to one of these indices ({@code ParameterSlot.valueIndex()}).
 *
 * @param key the shape
 * @param values the bound values in walk order; may hold nulls
 */
public record Shape(ShapeKey key, List<Object> values) {
  public Shape {
    values = Collections.unmodifiableList(values);
  }

  /**
   * {@return the shape and values of a statement}: one walk that hashes the shape and collects the
   * values, and builds nothing else (the key refers to the statement until the cache needs it)
   */
  public static Shape of(Statement statement) {
    var hashed = ShapeWalk.hash(statement);
    return new Shape(ShapeKey.lookup(statement, hashed.hash()), Arrays.asList(hashed.values()));
  }
}
