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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

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
      case LocalDate date -> string(dateTime(date)) + "::" + type.name();
      case LocalDateTime timestamp -> string(dateTime(timestamp)) + "::" + type.name();
      case OffsetDateTime timestamp -> string(dateTime(timestamp)) + "::" + type.name();
      default -> type == PgTypes.UNKNOWN || type.oid() == PgTypes.TEXT.oid() ? string(value.toString())
          : string(value.toString()) + "::" + type.name();
    };
  }

  /**
   * Dates and timestamps as PostgreSQL reads them whatever its {@code DateStyle}, which is not what
   * {@code toString()} writes beyond the years 1 to 9999: the year before 1 is {@code 0001 BC} (ISO
   * calls it 0000, and {@code -0001-...} does not parse), a year past 9999 has no {@code +} sign, and
   * the MAX and MIN constants, which the driver binds as {@code infinity} and {@code -infinity}, are
   * written so too. Nanoseconds are rounded half-up to microseconds as the driver rounds a bound
   * value, so a server default and a parameter of one Java value are the same value.
   */
  private static String dateTime(LocalDate date) {
    if (date.equals(LocalDate.MAX) || date.equals(LocalDate.MIN)) {
      return date.equals(LocalDate.MAX) ? "infinity" : "-infinity";
    }
    return dateTime(date, null, null);
  }

  private static String dateTime(LocalDateTime timestamp) {
    if (timestamp.equals(LocalDateTime.MAX) || timestamp.equals(LocalDateTime.MIN)) {
      return timestamp.equals(LocalDateTime.MAX) ? "infinity" : "-infinity";
    }
    LocalDateTime rounded = toMicros(timestamp);
    return dateTime(rounded.toLocalDate(), rounded.toLocalTime(), null);
  }

  private static String dateTime(OffsetDateTime timestamp) {
    if (timestamp.equals(OffsetDateTime.MAX) || timestamp.equals(OffsetDateTime.MIN)) {
      return timestamp.equals(OffsetDateTime.MAX) ? "infinity" : "-infinity";
    }
    LocalDateTime rounded = toMicros(timestamp.toLocalDateTime());
    return dateTime(rounded.toLocalDate(), rounded.toLocalTime(), timestamp.getOffset());
  }

  private static LocalDateTime toMicros(LocalDateTime timestamp) {
    return timestamp.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code 2024-02-29}, {@code 0044-03-15 12:00:00 BC}, {@code 2024-02-29 10:15:30.000001+05:30}. */
  private static String dateTime(LocalDate date, LocalTime time, ZoneOffset offset) {
    int year = date.getYear();
    boolean beforeChrist = year < 1;
    var out = new StringBuilder(String.format(Locale.ROOT, "%04d-%02d-%02d", beforeChrist ? 1 - year : year,
        date.getMonthValue(), date.getDayOfMonth()));
    if (time != null) {
      out.append(String.format(Locale.ROOT, " %02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond()));
      if (time.getNano() != 0) {
        out.append(String.format(Locale.ROOT, ".%06d", time.getNano() / 1000));
      }
    }
    if (offset != null) {
      int seconds = offset.getTotalSeconds();
      int magnitude = Math.abs(seconds);
      out.append(seconds < 0 ? '-' : '+').append(String.format(Locale.ROOT, "%02d:%02d:%02d", magnitude / 3600,
          magnitude / 60 % 60, magnitude % 60));
    }
    return beforeChrist ? out.append(" BC").toString() : out.toString();
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
