package dev.tusk.sql.compile;

import dev.tusk.sql.types.ArrayType;
import dev.tusk.sql.types.BuiltinType;
import dev.tusk.sql.types.ConvertedType;
import dev.tusk.sql.types.EnumType;
import dev.tusk.sql.types.SqlType;

/** Spells types in SQL, and decides which parameters need an explicit cast. */
final class TypeNames {
  private TypeNames() {}

  /** {@return the type as SQL writes it: {@code bigint}, {@code numeric(10,2)}, {@code "Mood"[]}} */
  static String of(SqlType<?> type) {
    return switch (type) {
      case BuiltinType<?> builtin -> builtin.name();
      case ArrayType<?> array -> of(array.elementType()) + "[]";
      case EnumType<?> enumType -> enumType.schema() == null ? Identifiers.quote(enumType.name())
          : Identifiers.quote(enumType.schema()) + "." + Identifiers.quote(enumType.name());
      case ConvertedType<?, ?> converted -> of(converted.databaseType());
    };
  }

  /**
   * {@return whether a parameter of this type is written {@code $n::type}}: types without a built-in
   * OID (enums and their arrays) are sent as OID 0, and the cast tells the server what they are
   * wherever it could not infer it, such as a function argument or a select item
   */
  static boolean needsCast(SqlType<?> type) {
    return switch (type) {
      case BuiltinType<?> ignored -> false;
      case ArrayType<?> array -> needsCast(array.elementType());
      case EnumType<?> ignored -> true;
      case ConvertedType<?, ?> converted -> needsCast(converted.databaseType());
    };
  }
}
