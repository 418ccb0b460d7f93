package dev.tusk.sql.compile;

import dev.tusk.sql.types.SqlType;
import java.util.Objects;

/**
 * Parameter {@code $number} of a compiled statement: its type, and where its value comes from.
 *
 * @param number the parameter's number in the SQL, from 1
 * @param valueIndex the index of its value among a statement's extracted values ({@code
 *     Shape.values()}), or among the values of a {@link BoundSql}
 * @param type the type the value is encoded as; a converted type converts first
 * @param typeName the type as SQL writes it, for resolving the OID of a type that has no built-in
 *     one ({@code SELECT 'mood'::regtype::oid})
 */
public record ParameterSlot(int number, int valueIndex, SqlType<?> type, String typeName) {
  public ParameterSlot {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(typeName, "typeName");
  }

  /** {@return the type's OID for Parse, or 0 to let the server resolve it} */
  public int oid() {
    return type.oid();
  }
}
