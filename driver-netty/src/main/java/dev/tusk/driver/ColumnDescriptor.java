package dev.tusk.driver;

/**
 * One column of a result, as the server describes it in RowDescription.
 *
 * @param name the column's label
 * @param tableOid the OID of the table the column comes from, or 0
 * @param columnNumber the column's attribute number in that table, or 0
 * @param typeOid the OID of the column's type
 * @param typeSize the type's size in bytes ({@code pg_type.typlen}); negative for variable-width types
 * @param typeModifier the type modifier ({@code atttypmod}), for example a varchar's length; -1 if none
 * @param format the format the values arrive in: 0 text, 1 binary
 */
public record ColumnDescriptor(
    String name, int tableOid, short columnNumber, int typeOid, short typeSize, int typeModifier, short format) {

  /** {@return this column as it arrives in {@code format}} */
  public ColumnDescriptor withFormat(short newFormat) {
    return newFormat == format ? this
        : new ColumnDescriptor(name, tableOid, columnNumber, typeOid, typeSize, typeModifier, newFormat);
  }

  /** {@return whether values arrive in binary format} */
  public boolean isBinary() {
    return format == 1;
  }
}
