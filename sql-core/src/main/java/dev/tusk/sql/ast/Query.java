package dev.tusk.sql.ast;

import dev.tusk.sql.types.SqlType;

/** A statement that yields rows and can nest: a SELECT or a set operation. */
public sealed interface Query extends Statement permits Select, SetOperation {
  /** {@return {@code this UNION other}}, without duplicates */
  default SetOperation union(Query other) {
    return SetOperation.of(this, SetOperation.Operator.UNION, false, other);
  }

  /** {@return {@code this UNION ALL other}} */
  default SetOperation unionAll(Query other) {
    return SetOperation.of(this, SetOperation.Operator.UNION, true, other);
  }

  /** {@return {@code this INTERSECT other}} */
  default SetOperation intersect(Query other) {
    return SetOperation.of(this, SetOperation.Operator.INTERSECT, false, other);
  }

  /** {@return {@code this INTERSECT ALL other}} */
  default SetOperation intersectAll(Query other) {
    return SetOperation.of(this, SetOperation.Operator.INTERSECT, true, other);
  }

  /** {@return {@code this EXCEPT other}} */
  default SetOperation except(Query other) {
    return SetOperation.of(this, SetOperation.Operator.EXCEPT, false, other);
  }

  /** {@return {@code this EXCEPT ALL other}} */
  default SetOperation exceptAll(Query other) {
    return SetOperation.of(this, SetOperation.Operator.EXCEPT, true, other);
  }

  /** {@return this query as a subquery in FROM, named {@code alias}} */
  default DerivedTable as(String alias) {
    return new DerivedTable(this, alias, false);
  }

  /**
   * {@return this one-column query as a value, {@code (SELECT ...)}}, typed as its column; the
   * type argument is inferred from where the result goes and is not checked at run time
   *
   * @throws IllegalArgumentException unless the query has exactly one column
   */
  @SuppressWarnings("unchecked")
  default <T> ScalarSubquery<T> scalar() {
    var outputs = OutputNames.outputs(this);
    if (outputs.size() != 1) {
      throw new IllegalArgumentException("a scalar subquery has one column, this one has " + outputs.size());
    }
    return new ScalarSubquery<>(this, (SqlType<T>) outputs.getFirst().type());
  }
}
