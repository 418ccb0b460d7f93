package dev.tusk.driver.types;

import dev.tusk.driver.Json;
import dev.tusk.driver.PgInet;
import dev.tusk.driver.PgInterval;
import dev.tusk.driver.PgRange;
import dev.tusk.driver.PgRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a decoded value as PostgreSQL's text output for its type, so that a value that arrived in
 * binary reads the same through {@code getString} as if it had arrived in text: {@code t}/{@code f},
 * numbers as the server prints them (floats in shortest form with the server's exponent rules),
 * ISO dates and times, {@code \x} bytea, intervals in {@code postgres} style, array, range and record
 * literals. A timestamptz decoded from binary is at UTC, so it prints with {@code +00} whatever the
 * session's TimeZone.
 */
public final class TextOutput {
  private TextOutput() {}

  /** {@return the text output form of {@code value}} */
  public static String format(Object value) {
    return switch (value) {
      case String text -> text;
      case Boolean b -> b ? "t" : "f";
      case Integer i -> i.toString();
      case Long l -> l.toString();
      case Short s -> s.toString();
      case BigDecimal d -> d.toPlainString();
      case BigInteger i -> i.toString();
      case Double d -> formatFloat(d, 15);
      case Float f -> formatFloat(f, 6);
      case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
      case LocalDate date -> DateTimeText.format(date);
      case LocalTime time -> DateTimeText.format(time);
      case OffsetTime time -> DateTimeText.format(time);
      case LocalDateTime timestamp -> DateTimeText.format(timestamp);
      case OffsetDateTime timestamp -> DateTimeText.format(timestamp);
      case Instant instant -> format(Conversions.convert(instant, OffsetDateTime.class));
      case ZonedDateTime zoned -> format(zoned.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
      case PgInterval interval -> IntervalCodec.format(interval);
      case PgInet inet -> NetworkCodecs.format(inet);
      case InetAddress address -> NetworkCodecs.format(address);
      case PgRange<?> range -> RangeCodec.format(range);
      case ValueList list when list.isMultirange() -> multirange(list);
      case List<?> list -> ArrayText.format(list);
      case PgRecord record -> RecordCodec.format(record);
      case Json json -> json.text();
      case Enum<?> constant -> constant.name();
      default -> String.valueOf(value);
    };
  }

  private static String multirange(List<?> ranges) {
    var out = new StringBuilder(2 + 16 * ranges.size()).append('{');
    for (int i = 0; i < ranges.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(format(ranges.get(i)));
    }
    return out.append('}').toString();
  }

  /**
   * The shortest digits that read back as the same value (Java's {@code Double.toString} and
   * PostgreSQL's Ryu output agree on them), laid out as the server does: plain when the decimal
   * exponent is in [-4, precision), else {@code d.ddde+XX} with at least two exponent digits.
   */
  static String formatFloat(double value, int precision) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0" : "0";
    }
    String shortest = precision == 6 ? Float.toString((float) Math.abs(value)) : Double.toString(Math.abs(value));
    BigDecimal decimal = new BigDecimal(shortest).stripTrailingZeros();
    if (decimal.precision() == 2) {
      // Java writes at least two digits (4.9E-324); a single digit may already be enough (5e-324).
      BigDecimal one = decimal.round(new java.math.MathContext(1, java.math.RoundingMode.HALF_EVEN));
      double back = precision == 6 ? Float.parseFloat(one.toString()) : Double.parseDouble(one.toString());
      if (back == Math.abs(value)) {
        decimal = one.stripTrailingZeros();
      }
    }
    String digits = decimal.unscaledValue().toString();
    int exponent = digits.length() - 1 - decimal.scale();
    var out = new StringBuilder(24);
    if (value < 0) {
      out.append('-');
    }
    if (exponent >= -4 && exponent < precision) {
      return out.append(decimal.toPlainString()).toString();
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) {
      out.append('0');
    }
    return out.append(abs).toString();
  }
}
