package dev.tusk.sql.compile;

import dev.tusk.sql.types.ArrayType;
import dev.tusk.sql.types.BuiltinType;
import dev.tusk.sql.types.ConvertedType;
import dev.tusk.sql.types.EnumType;
import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;

/** Spells types in SQL, and decides which parameters need an explicit cast. */
final class TypeNames {
  /** {@code character(n)}'s type, which SQL also calls {@code bpchar}. */
  private static final int BPCHAR_OID = 1042;

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
   * {@return whether a parameter of this type is written {@code $n::type}}, with the type {@link
   * #parameterCast} gives
   */
  static boolean needsCast(SqlType<?> type) {
    return parameterCast(type) != null;
  }

  /**
   * {@return the type a parameter is cast to, {@code $n::type}, or null when it needs no cast}.
   * Types without a built-in OID (enums and their arrays) are sent as OID 0, and the cast tells the
   * server what they are wherever it could not infer it, such as a function argument or a select
   * item. Arrays of strings need one too (see {@link #stringArrayCast}).
   */
  static String parameterCast(SqlType<?> type) {
    return switch (type) {
      case BuiltinType<?> ignored -> null;
      case EnumType<?> ignored -> of(type);
      case ConvertedType<?, ?> converted -> parameterCast(converted.databaseType());
      case ArrayType<?> array -> needsCast(array.elementType()) ? of(type) : stringArrayCast(array.elementType());
    };
  }

  /**
   * A String alone goes untyped, so the server reads it as whatever the context needs; Strings in
   * an array go as {@code text[]}, the one type an array of them can have. For a string-valued type
   * other than text that is wrong: {@code code = ANY($1)} on a {@code character(n)} column then
   * casts the column to text, where trailing blanks count (unlike in {@code code = $1}) and its
   * index cannot be used, and text[] has no implicit cast at all to json[] or tsvector[]. So the
   * array is cast to its own type; a {@code character(n)} array to {@code bpchar[]}, without the
   * length, which would cut a longer value down to one that matches. varchar compares as text, and
   * jsonb arrays already go as jsonb[] ({@code Values}), so they need no cast.
   *
   * @return the cast, or null when the elements are not strings or text is right for them
   */
  private static String stringArrayCast(SqlType<?> elementType) {
    if (elementType instanceof ConvertedType<?, ?> converted) {
      return stringArrayCast(converted.databaseType());
    }
    if (!(elementType instanceof BuiltinType<?> builtin) || builtin.javaType() != String.class) {
      return null;
    }
    int oid = builtin.oid();
    if (oid == PgTypes.TEXT.oid() || oid == PgTypes.VARCHAR.oid() || oid == PgTypes.JSONB.oid()) {
      return null;
    }
    return (oid == BPCHAR_OID ? "bpchar" : builtin.name()) + "[]";
  }
}
