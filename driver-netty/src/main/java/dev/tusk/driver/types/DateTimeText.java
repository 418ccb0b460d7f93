package dev.tusk.driver.types;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * The ISO text forms of the date/time types, as PostgreSQL writes them under {@code DateStyle = ISO}
 * (which the driver sets at startup): {@code 2024-02-29 13:45:06.5+05:45}, {@code 0044-03-15 BC},
 * offsets with seconds ({@code +05:53:28}, old local mean times), {@code infinity} and
 * {@code -infinity}. Parsed by hand from the bytes, and written back the same way, so that
 * {@code getString} prints a binary value as the server would have.
 */
final class DateTimeText {
  private DateTimeText() {}

  static LocalDate parseDate(byte[] bytes, int offset, int length) {
    var text = new Cursor(bytes, offset, length);
    int infinite = text.infinity();
    if (infinite != 0) {
      return infinite > 0 ? LocalDate.MAX : LocalDate.MIN;
    }
    int[] ymd = text.date();
    boolean bc = text.bc();
    text.expectEnd();
    return text.date(ymd, bc);
  }

  static LocalTime parseTime(byte[] bytes, int offset, int length) {
    var text = new Cursor(bytes, offset, length);
    long nanos = text.time();
    text.expectEnd();
    return localTime(nanos, text);
  }

  static OffsetTime parseTimeTz(byte[] bytes, int offset, int length) {
    var text = new Cursor(bytes, offset, length);
    long nanos = text.time();
    ZoneOffset zone = DateTimeCodecs.offset(text.offset());
    text.expectEnd();
    return OffsetTime.of(localTime(nanos, text), zone);
  }

  static LocalDateTime parseTimestamp(byte[] bytes, int offset, int length) {
    var text = new Cursor(bytes, offset, length);
    int infinite = text.infinity();
    if (infinite != 0) {
      return infinite > 0 ? LocalDateTime.MAX : LocalDateTime.MIN;
    }
    int[] ymd = text.date();
    text.expect(' ');
    long nanos = text.time();
    boolean bc = text.bc();
    text.expectEnd();
    return LocalDateTime.of(text.date(ymd, bc), LocalTime.ofNanoOfDay(nanos));
  }

  static OffsetDateTime parseTimestampTz(byte[] bytes, int offset, int length) {
    var text = new Cursor(bytes, offset, length);
    int infinite = text.infinity();
    if (infinite != 0) {
      return infinite > 0 ? OffsetDateTime.MAX : OffsetDateTime.MIN;
    }
    int[] ymd = text.date();
    text.expect(' ');
    long nanos = text.time();
    ZoneOffset zone = DateTimeCodecs.offset(text.offset());
    boolean bc = text.bc();
    text.expectEnd();
    return OffsetDateTime.of(LocalDateTime.of(text.date(ymd, bc), LocalTime.ofNanoOfDay(nanos)), zone);
  }

  private static LocalTime localTime(long nanos, Cursor text) {
    if (nanos == DateTimeCodecs.MICROS_PER_DAY * 1000) {
      return LocalTime.MAX;
    }
    if (nanos > DateTimeCodecs.MICROS_PER_DAY * 1000) {
      throw text.malformed();
    }
    return LocalTime.ofNanoOfDay(nanos);
  }

  // --- output

  static String format(LocalDate date) {
    if (date.equals(LocalDate.MAX)) {
      return "infinity";
    }
    if (date.equals(LocalDate.MIN)) {
      return "-infinity";
    }
    var out = new StringBuilder(13);
    appendDate(out, date);
    return bc(date) ? out.append(" BC").toString() : out.toString();
  }

  static String format(LocalTime time) {
    var out = new StringBuilder(15);
    appendTime(out, time);
    return out.toString();
  }

  static String format(OffsetTime time) {
    var out = new StringBuilder(21);
    appendTime(out, time.toLocalTime());
    appendOffset(out, time.getOffset().getTotalSeconds());
    return out.toString();
  }

  static String format(LocalDateTime timestamp) {
    if (timestamp.equals(LocalDateTime.MAX)) {
      return "infinity";
    }
    if (timestamp.equals(LocalDateTime.MIN)) {
      return "-infinity";
    }
    var out = new StringBuilder(29);
    appendDate(out, timestamp.toLocalDate());
    appendTime(out.append(' '), timestamp.toLocalTime());
    return bc(timestamp.toLocalDate()) ? out.append(" BC").toString() : out.toString();
  }

  static String format(OffsetDateTime timestamp) {
    if (timestamp.equals(OffsetDateTime.MAX)) {
      return "infinity";
    }
    if (timestamp.equals(OffsetDateTime.MIN)) {
      return "-infinity";
    }
    var out = new StringBuilder(35);
    appendDate(out, timestamp.toLocalDate());
    appendTime(out.append(' '), timestamp.toLocalTime());
    appendOffset(out, timestamp.getOffset().getTotalSeconds());
    return bc(timestamp.toLocalDate()) ? out.append(" BC").toString() : out.toString();
  }

  private static boolean bc(LocalDate date) {
    return date.getYear() <= 0;
  }

  /** The date without its era: year 0 is 1 BC, year -43 is 44 BC. */
  private static void appendDate(StringBuilder out, LocalDate date) {
    int year = date.getYear();
    pad(out, year <= 0 ? 1 - year : year, 4).append('-');
    pad(out, date.getMonthValue(), 2).append('-');
    pad(out, date.getDayOfMonth(), 2);
  }

  private static void appendTime(StringBuilder out, LocalTime time) {
    if (time.equals(LocalTime.MAX)) {
      out.append("24:00:00");
      return;
    }
    pad(out, time.getHour(), 2).append(':');
    pad(out, time.getMinute(), 2).append(':');
    pad(out, time.getSecond(), 2);
    appendFraction(out, time.getNano() / 1000);
  }

  /** Appends {@code .ffffff} without trailing zeros, or nothing for a whole second. */
  static void appendFraction(StringBuilder out, long micros) {
    if (micros == 0) {
      return;
    }
    int digits = 6;
    while (micros % 10 == 0) {
      micros /= 10;
      digits--;
    }
    out.append('.');
    pad(out, micros, digits);
  }

  /** {@code +05:45}, {@code -08}, {@code +05:53:28}: minutes and seconds only when not zero. */
  private static void appendOffset(StringBuilder out, int seconds) {
    out.append(seconds < 0 ? '-' : '+');
    int abs = Math.abs(seconds);
    pad(out, abs / 3600, 2);
    if (abs % 3600 != 0) {
      pad(out.append(':'), abs / 60 % 60, 2);
      if (abs % 60 != 0) {
        pad(out.append(':'), abs % 60, 2);
      }
    }
  }

  static StringBuilder pad(StringBuilder out, long value, int width) {
    for (long limit = pow10(width - 1); limit > 1 && value < limit; limit /= 10) {
      out.append('0');
    }
    return out.append(value);
  }

  private static long pow10(int exponent) {
    long value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }

  /** A position in a value's text, with the small grammar pieces the formats share. */
  private static final class Cursor {
    private final byte[] bytes;
    private final int start;
    private final int end;
    private int position;

    Cursor(byte[] bytes, int offset, int length) {
      this.bytes = bytes;
      this.start = offset;
      this.position = offset;
      this.end = offset + length;
    }

    /** {@return 1 for {@code infinity}, -1 for {@code -infinity}, else 0} */
    int infinity() {
      if (matches("infinity")) {
        return 1;
      }
      return matches("-infinity") ? -1 : 0;
    }

    private boolean matches(String word) {
      if (end - start != word.length()) {
        return false;
      }
      for (int i = 0; i < word.length(); i++) {
        if (bytes[start + i] != word.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    /** {@return year, month, day} of {@code Y…Y-MM-DD} (the year has four or more digits) */
    int[] date() {
      int year = digits(4, 9);
      expect('-');
      int month = digits(2, 2);
      expect('-');
      return new int[] {year, month, digits(2, 2)};
    }

    LocalDate date(int[] ymd, boolean bc) {
      try {
        return LocalDate.of(bc ? 1 - ymd[0] : ymd[0], ymd[1], ymd[2]);
      } catch (DateTimeException e) {
        throw malformed();
      }
    }

    /** {@return the nanosecond of day of {@code HH:MM:SS[.f…]}}; hour 24 is allowed for {@code 24:00:00} */
    long time() {
      int hour = digits(2, 2);
      expect(':');
      int minute = digits(2, 2);
      expect(':');
      int second = digits(2, 2);
      long nanos = 0;
      if (position < end && bytes[position] == '.') {
        position++;
        int first = position;
        long scale = 100_000_000;
        while (position < end && isDigit(bytes[position]) && position - first < 9) {
          nanos += (bytes[position++] - '0') * scale;
          scale /= 10;
        }
        if (position == first) {
          throw malformed();
        }
      }
      if (hour > 24 || minute > 59 || second > 60) {
        throw malformed();
      }
      return ((hour * 60L + minute) * 60 + second) * 1_000_000_000L + nanos;
    }

    /** {@return the seconds east of UTC of {@code ±HH[:MM[:SS]]}} */
    int offset() {
      if (position >= end || (bytes[position] != '+' && bytes[position] != '-')) {
        throw malformed();
      }
      boolean negative = bytes[position++] == '-';
      int seconds = digits(2, 2) * 3600;
      if (position < end && bytes[position] == ':') {
        position++;
        seconds += digits(2, 2) * 60;
        if (position < end && bytes[position] == ':') {
          position++;
          seconds += digits(2, 2);
        }
      }
      return negative ? -seconds : seconds;
    }

    boolean bc() {
      if (end - position == 3 && bytes[position] == ' ' && bytes[position + 1] == 'B' && bytes[position + 2] == 'C') {
        position += 3;
        return true;
      }
      return false;
    }

    void expect(char c) {
      if (position >= end || bytes[position] != c) {
        throw malformed();
      }
      position++;
    }

    void expectEnd() {
      if (position != end) {
        throw malformed();
      }
    }

    private int digits(int min, int max) {
      int first = position;
      int value = 0;
      while (position < end && isDigit(bytes[position]) && position - first < max) {
        value = value * 10 + (bytes[position++] - '0');
      }
      if (position - first < min) {
        throw malformed();
      }
      return value;
    }

    private static boolean isDigit(byte b) {
      return b >= '0' && b <= '9';
    }

    DecodingException malformed() {
      return new DecodingException("not an ISO date/time value: " + TextParsing.string(bytes, start, end - start));
    }
  }
}
