package dev.tusk.sql.cache;

import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.compile.SqlCompiler;
import java.util.Arrays;

/**
 * The cache key of a statement: its shape, that is, the statement with every bound value replaced
 * by a typed {@link dev.tusk.sql.ast.Slot}. Everything that shapes the compiled statement is in it
 * (every node, name, operator, type and flag), and no value is: values, LIMIT and OFFSET numbers
 * and IN-list lengths never reach it.
 *
 * <p>Tables appear by name (schema, name, alias), not by object identity: an alias created per
 * call has the same key as the alias created by the previous call, and a table's column types are
 * in the key through its column references.
 *
 * <p>A key comes in two forms, equal to each other whenever their shapes are:
 * <ul>
 *   <li>a <em>lookup</em> key ({@link Shape#of}) refers to the statement it was taken from, values
 *       and all, and holds the shape's hash: looking it up allocates nothing but the key, and
 *       comparing it with a cached key walks the statement against the cached token stream
 *       ({@link ShapeWalk}), without building an erased copy. It lives as long as one lookup.
 *   <li>a <em>cached</em> key ({@link #cached()}, on a miss) holds the shape's token stream and its
 *       erased tree, and no reference to a value, so the cache cannot keep values alive.
 * </ul>
 * Equality is token-for-token equality of the shapes' streams, which is the structural equality
 * of the erased trees; the hash only picks candidates.
 */
public final class ShapeKey {
  private final int hash;
  /** The statement with its values: set on a lookup key, null on a cached one. */
  private final Statement statement;
  /** The shape's token stream: set on a cached key, null on a lookup key. */
  private final Object[] tokens;
  /** The erased tree: set on a cached key, null on a lookup key until {@link #shape()} computes it. */
  private final Statement erased;

  private ShapeKey(int hash, Statement statement, Object[] tokens, Statement erased) {
    this.hash = hash;
    this.statement = statement;
    this.tokens = tokens;
    this.erased = erased;
  }

  /** {@return a lookup key for a statement whose shape hashes to {@code hash}} */
  static ShapeKey lookup(Statement statement, int hash) {
    return new ShapeKey(hash, statement, null, null);
  }

  /**
   * {@return the statement with its values erased, which the compiler compiles}; a lookup key
   * erases its statement on each call (the cache does so once, on a miss)
   */
  public Statement shape() {
    return erased != null ? erased : Eraser.erase(statement).shape();
  }

  /**
   * {@return this key in the form the cache keeps}: the shape's token stream and erased tree, with
   * no reference to the statement or its values; this key itself when it is in that form already
   */
  ShapeKey cached() {
    if (tokens != null) {
      return this;
    }
    return new ShapeKey(hash, null, ShapeWalk.record(statement), Eraser.erase(statement).shape());
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ShapeKey key) || hash != key.hash) {
      return false;
    }
    if (tokens != null && key.tokens != null) {
      return Arrays.equals(tokens, key.tokens);
    }
    if (key.tokens != null) {
      return ShapeWalk.matches(statement, key.tokens);
    }
    return ShapeWalk.matches(key.statement, tokens != null ? tokens : ShapeWalk.record(statement));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Shows the SQL of the shape, whose parameters stand for values it does not hold. */
  @Override
  public String toString() {
    return SqlCompiler.compile(shape()).sql();
  }
}
