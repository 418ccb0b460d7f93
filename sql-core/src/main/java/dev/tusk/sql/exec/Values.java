package dev.tusk.sql.exec;

import dev.tusk.driver.Row;
import dev.tusk.sql.types.ArrayType;
import dev.tusk.sql.types.BuiltinType;
import dev.tusk.sql.types.ConvertedType;
import dev.tusk.sql.types.EnumType;
import dev.tusk.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Values on their way between Java and the driver, by their SQL type: a converted type converts,
 * an enum travels as its database label, arrays convert element by element. Built-in types pass
 * through, the driver encodes and decodes them.
 */
public final class Values {
  private Values() {}

  /** {@return what the driver sends for {@code value}, a parameter of {@code type}} */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Object toDatabase(Object value, SqlType<?> type) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case BuiltinType<?> builtin -> value;
      case ConvertedType converted -> toDatabase(converted.encode(value), converted.databaseType());
      case EnumType<?> enumType -> value instanceof Enum<?> constant ? enumType.labels().get(constant.ordinal()) : value;
      case ArrayType<?> array -> {
        if (array.elementType() instanceof BuiltinType<?> || !(value instanceof List<?> list)) {
          yield value;
        }
        var converted = new ArrayList<>(list.size());
        for (Object element : list) {
          converted.add(toDatabase(element, array.elementType()));
        }
        yield converted;
      }
    };
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
