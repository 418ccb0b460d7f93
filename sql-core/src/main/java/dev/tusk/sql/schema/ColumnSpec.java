package dev.tusk.sql.schema;

import dev.tusk.sql.ast.Expr;

/**
 * What DDL says about one column beyond its name and type. Column-level keys, uniqueness, checks and
 * references are folded into table constraints by {@link TableDefinition}.
 *
 * @param primaryKey whether the column is (part of) the primary key
 * @param notNull whether NULL is refused
 * @param unique whether the column alone is unique
 * @param identity whether it is an identity column
 * @param serverDefault the DEFAULT expression, or null
 * @param references the foreign key of this column alone, or null
 * @param check a CHECK over this column, or null
 * @param comment the column's comment, or null
 */
public record ColumnSpec(boolean primaryKey, boolean notNull, boolean unique, Identity identity,
                         Expr<?> serverDefault, TableConstraint.ForeignKey references, Expr<Boolean> check,
                         String comment) {
  /** A plain nullable column. */
  public static final ColumnSpec DEFAULT = new ColumnSpec(false, false, false, Identity.NONE, null, null, null, null);

  /** {@return this spec as (part of) the primary key} */
  public ColumnSpec withPrimaryKey() {
    return new ColumnSpec(true, notNull, unique, identity, serverDefault, references, check, comment);
  }

  /** {@return this spec with NOT NULL set or cleared} */
  public ColumnSpec withNotNull(boolean value) {
    return new ColumnSpec(primaryKey, value, unique, identity, serverDefault, references, check, comment);
  }

  /** {@return this spec as UNIQUE} */
  public ColumnSpec withUnique() {
    return new ColumnSpec(primaryKey, notNull, true, identity, serverDefault, references, check, comment);
  }

  /** {@return this spec with an identity kind} */
  public ColumnSpec withIdentity(Identity value) {
    return new ColumnSpec(primaryKey, notNull, unique, value, serverDefault, references, check, comment);
  }

  /** {@return this spec with a DEFAULT expression} */
  public ColumnSpec withServerDefault(Expr<?> value) {
    return new ColumnSpec(primaryKey, notNull, unique, identity, value, references, check, comment);
  }

  /** {@return this spec referencing another column} */
  public ColumnSpec withReferences(TableConstraint.ForeignKey value) {
    return new ColumnSpec(primaryKey, notNull, unique, identity, serverDefault, value, check, comment);
  }

  /** {@return this spec with a CHECK over the column} */
  public ColumnSpec withCheck(Expr<Boolean> value) {
    return new ColumnSpec(primaryKey, notNull, unique, identity, serverDefault, references, value, comment);
  }

  /** {@return this spec with a comment} */
  public ColumnSpec withComment(String value) {
    return new ColumnSpec(primaryKey, notNull, unique, identity, serverDefault, references, check, value);
  }
}
