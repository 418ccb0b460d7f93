package dev.tusk.sql.exec;

import dev.tusk.driver.Json;
import dev.tusk.driver.Row;
import dev.tusk.sql.types.ArrayType;
import dev.tusk.sql.types.BuiltinType;
import dev.tusk.sql.types.ConvertedType;
import dev.tusk.sql.types.EnumType;
import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Values on their way between Java and the driver, by their SQL type: a converted type converts,
 * an enum travels as its database label, arrays convert element by element. Built-in types pass
 * through, the driver encodes and decodes them.
 */
public final class Values {
  private Values() {}

  /**
   * {@return what the driver sends for {@code value}, a parameter of {@code type}}. jsonb text goes
   * wrapped as {@link Json}, typed jsonb: a String would go untyped, which the server types from
   * the context where there is one ({@code col = $1}, an INSERT) but as text where there is none —
   * a VALUES list, a select item — and jsonb = text has no operator, nor text an assignment cast to
   * jsonb ({@code UPDATE ... FROM (VALUES ...)}). A converted type over jsonb (a record kept as a
   * document) goes the same way.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Object toDatabase(Object value, SqlType<?> type) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case BuiltinType<?> builtin when isJsonb(builtin) && value instanceof String text -> Json.of(text);
      case BuiltinType<?> builtin -> value;
      case ConvertedType converted -> toDatabase(converted.encode(value), converted.databaseType());
      case EnumType<?> enumType -> value instanceof Enum<?> constant ? enumType.labels().get(constant.ordinal()) : value;
      case ArrayType<?> array -> {
        if (!(value instanceof List<?> list)) {
          yield value;
        }
        if (list.stream().allMatch(Objects::isNull)) {
          yield typedEmpty(list.size(), array.elementType(), value);
        }
        List<?> elements = list;
        if (!(array.elementType() instanceof BuiltinType<?>)) {
          var converted = new ArrayList<>(list.size());
          for (Object element : list) {
            converted.add(toDatabase(element, array.elementType()));
          }
          elements = converted;
        }
        if (isJsonb(databaseType(array.elementType()))) {
          // Strings inside an array go as text[], and jsonb = text has no operator (nor text[] an
          // assignment cast to jsonb[]): wrapped as Json, the elements go as jsonb[].
          yield elements.stream().map(element -> element == null ? null : Json.of(element.toString())).toList();
        }
        yield elements;
      }
    };
  }

  /**
   * An empty list (or one of NULLs only) has no element to tell the driver its type, so it would go
   * as an untyped {@code '{}'}: a second server-side prepared statement next to the typed one that
   * non-empty lists use (the prepared-statement cache keys on parameter types), breaking "one
   * prepared statement for every IN-list length". A Java array of the element's wire class carries
   * the type instead ({@code new Long[0]} goes as bigint[]).
   *
   * @return the typed array, or {@code list} when the element type has no single wire class
   */
  private static Object typedEmpty(int size, SqlType<?> elementType, Object list) {
    Class<?> wireClass = wireClass(elementType);
    return wireClass == null ? list : Array.newInstance(wireClass, size);
  }

  /** {@return the class the driver receives for values of {@code type}, or null when it varies or is unknown} */
  private static Class<?> wireClass(SqlType<?> type) {
    return switch (type) {
      case BuiltinType<?> builtin when isJsonb(builtin) -> Json.class;   // as non-empty jsonb lists go
      case BuiltinType<?> builtin -> builtin.oid() == PgTypes.UNSPECIFIED_OID
          || builtin.javaType().isArray() ? null : builtin.javaType();
      case EnumType<?> enumType -> String.class;
      case ConvertedType<?, ?> converted -> wireClass(converted.databaseType());
      case ArrayType<?> nested -> null;
    };
  }

  private static SqlType<?> databaseType(SqlType<?> type) {
    return type instanceof ConvertedType<?, ?> converted ? databaseType(converted.databaseType()) : type;
  }

  private static boolean isJsonb(SqlType<?> type) {
    return type instanceof BuiltinType<?> builtin && builtin.oid() == PgTypes.JSONB.oid();
  }

  /** {@return column {@code index} of {@code row} as the Java value of {@code type}} */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Object fromDatabase(Row row, int index, SqlType<?> type) {
    if (row.isNull(index)) {
      return null;
    }
    return switch (type) {
      case BuiltinType<?> builtin -> row.get(index, builtin.javaType());
      case EnumType<?> enumType -> constant(enumType, row.getString(index));
      case ConvertedType converted -> converted.decode(fromDatabase(row, index, converted.databaseType()));
      case ArrayType<?> array -> {
        List<?> raw = row.get(index, List.class);
        if (array.elementType() instanceof BuiltinType<?>) {
          yield raw;
        }
        var converted = new ArrayList<>(raw.size());
        for (Object element : raw) {
          converted.add(element == null ? null : fromDatabaseValue(element, array.elementType()));
        }
        yield converted;
      }
    };
  }

  /** Converts an array element the driver already decoded (enum arrays arrive as strings). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object fromDatabaseValue(Object element, SqlType<?> type) {
    return switch (type) {
      case BuiltinType<?> builtin -> element;
      case EnumType<?> enumType -> constant(enumType, element.toString());
      case ConvertedType converted -> converted.decode(fromDatabaseValue(element, converted.databaseType()));
      case ArrayType<?> array -> element;
    };
  }

  private static Object constant(EnumType<?> type, String label) {
    int ordinal = type.labels().indexOf(label);
    if (ordinal < 0) {
      throw new IllegalArgumentException("'" + label + "' is not a label of enum type " + type.name() + " " + type.labels());
    }
    return type.javaType().getEnumConstants()[ordinal];
  }
}
