package dev.tusk.sql.compile;

import dev.tusk.sql.types.ArrayType;
import dev.tusk.sql.types.BuiltinType;
import dev.tusk.sql.types.ConvertedType;
import dev.tusk.sql.types.EnumType;
import dev.tusk.driver.PgInterval;
import dev.tusk.sql.types.PgTypes;
import dev.tusk.sql.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes values as SQL literals, for DDL only: CHECK conditions, partial-index predicates and
 * server defaults are parsed by the server once, with no parameters possible. Statements that run
 * (SELECT, INSERT, UPDATE, DELETE) never come here; their values are always parameters.
 *
 * <p>Strings are written {@code 'it''s'}; a string holding a backslash is written {@code E'...'}
 * with the backslash doubled, which reads the same whatever {@code standard_conforming_strings} is.
 */
final class Literals {
  private Literals() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static String of(Object value, SqlType<?> type) {
    if (value == null) {
      return "NULL";
    }
    return switch (type) {
      case ConvertedType converted -> of(converted.encode(value), converted.databaseType());
      case EnumType enumType -> string(enumType.label((Enum) value)) + "::" + TypeNames.of(type);
      case ArrayType<?> array -> array((List<?>) value, array);
      case BuiltinType<?> builtin -> builtin(value, builtin);
    };
  }

  private static String builtin(Object value, BuiltinType<?> type) {
    return switch (value) {
      case Boolean b -> b ? "TRUE" : "FALSE";
      case Integer i -> number(i.toString());
      case Long l -> number(l.toString());
      case Short s -> number(s.toString());
      case BigInteger i -> number(i.toString());
      case BigDecimal d -> number(d.toPlainString());
      case byte[] bytes -> string("\\x" + HexFormat.of().formatHex(bytes)) + "::bytea";
      case PgInterval interval -> string(interval.months() + " months " + interval.days() + " days "
          + interval.microseconds() + " microseconds") + "::interval";
      default -> type == PgTypes.UNKNOWN || type.oid() == PgTypes.TEXT.oid() ? string(value.toString())
          : string(value.toString()) + "::" + type.name();
    };
  }

  private static String array(List<?> values, ArrayType<?> type) {
    if (values.isEmpty()) {
      return "'{}'::" + TypeNames.of(type);
    }
    var out = new StringBuilder("ARRAY[");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(of(values.get(i), type.elementType()));
    }
    return out.append("]::").append(TypeNames.of(type)).toString();
  }

  /** Negative numbers are parenthesized so that no operator can regroup them ({@code 2 ^ (-1)}). */
  private static String number(String digits) {
    return digits.startsWith("-") ? "(" + digits + ")" : digits;
  }

  static String string(String text) {
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a PostgreSQL string cannot contain NUL");
    }
    String quoted = text.replace("'", "''");
    if (quoted.indexOf('\\') >= 0) {
      return "E'" + quoted.replace("\\", "\\\\") + "'";
    }
    return "'" + quoted + "'";
  }
}
