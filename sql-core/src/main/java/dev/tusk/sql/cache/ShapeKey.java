package dev.tusk.sql.cache;

import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.compile.SqlCompiler;

/**
 * The cache key of a statement: its shape, that is, the statement with every bound value replaced
 * by a typed {@link dev.tusk.sql.ast.Slot}. Everything that shapes the compiled statement is in it
 * (every node, name, operator, type and flag, because the key is the very tree the compiler
 * compiles), and no value is: values, LIMIT and OFFSET numbers and IN-list lengths never reach it,
 * and a key holds no reference to a value, so the cache cannot keep values alive.
 *
 * <p>Tables appear by name (schema, name, alias), not by object identity: an alias created per
 * call has the same key as the alias created by the previous call, and a table's column types are
 * in the key through its column references. Equality is the structural equality of records; the
 * hash is computed once.
 */
public final class ShapeKey {
  private final Statement shape;
  private final int hash;

  ShapeKey(Statement shape) {
    this.shape = shape;
    this.hash = shape.hashCode();
  }

  /** {@return the statement with its values erased, which the compiler compiles} */
  public Statement shape() {
    return shape;
  }

  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof ShapeKey key && hash == key.hash && shape.equals(key.shape);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Shows the SQL of the shape, whose parameters stand for values it does not hold. */
  @Override
  public String toString() {
    return SqlCompiler.compile(shape).sql();
  }
}
