package dev.tusk.driver.types;

import dev.tusk.driver.PgException;
import dev.tusk.driver.PgInterval;
import dev.tusk.driver.SqlState;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.time.Period;

/**
 * interval, decoded to {@link PgInterval}. Binary: int64 microseconds, int32 days, int32 months.
 * Text is read in every {@code IntervalStyle}: {@code postgres} ({@code 1 year 2 mons -3 days
 * +04:05:06.789}), {@code postgres_verbose} ({@code @ 1 year 2 mons 3 days 4 hours 5 mins 6.789 secs
 * ago}), {@code sql_standard} ({@code -1-2 +3 -4:05:06}) and {@code iso_8601}
 * ({@code P1Y2M3DT4H5M6.789S}); it is written back in {@code postgres} style, the default.
 * PgInterval, Duration and Period parameters are sent as interval in binary.
 */
enum IntervalCodec implements Codec, Encoder {
  INSTANCE;

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;

  @Override
  public Class<?> javaType() {
    return PgInterval.class;
  }

  @Override
  public boolean decodesBinary() {
    return true;
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    IntCodecs.checkLength(length, 16);
    return new PgInterval(Binary.readInt(bytes, offset + 12), Binary.readInt(bytes, offset + 8), Binary.readLong(bytes, offset));
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    String text = TextParsing.string(bytes, offset, length);
    try {
      return switch (text) {
        case "infinity" -> PgInterval.INFINITY;
        case "-infinity" -> PgInterval.NEGATIVE_INFINITY;
        default -> text.startsWith("P") ? parseIso(text) : parseWords(text);
      };
    } catch (ArithmeticException | NumberFormatException | IndexOutOfBoundsException e) {
      throw new DecodingException("not an interval: " + text);
    }
  }

  /** The {@code postgres}, {@code postgres_verbose} and {@code sql_standard} styles: fields separated by spaces. */
  private static PgInterval parseWords(String text) {
    String[] tokens = text.split(" ");
    long months = 0;
    long days = 0;
    long micros = 0;
    boolean ago = false;
    for (int i = 0; i < tokens.length; i++) {
      String token = tokens[i];
      if (token.equals("@")) {
        continue;
      }
      if (token.equals("ago")) {
        ago = true;
      } else if (token.indexOf(':') >= 0) {
        micros = Math.addExact(micros, parseClock(token));
      } else if (token.indexOf('-', 1) > 0) {
        // sql_standard year-month: the sign applies to both parts
        int dash = token.indexOf('-', 1);
        long years = Long.parseLong(token.substring(0, dash));
        long rest = Long.parseLong(token.substring(dash + 1));
        months = Math.addExact(months, Math.multiplyExact(years, 12) + (token.startsWith("-") ? -rest : rest));
      } else if (i + 1 < tokens.length && Character.isLetter(tokens[i + 1].charAt(0)) && !tokens[i + 1].equals("ago")) {
        String unit = tokens[++i];
        if (unit.startsWith("sec")) {
          micros = Math.addExact(micros, parseSeconds(token));
        } else {
          long value = Long.parseLong(token);
          switch (unit) {
            case "year", "years" -> months = Math.addExact(months, Math.multiplyExact(value, 12));
            case "mon", "mons" -> months = Math.addExact(months, value);
            case "day", "days" -> days = Math.addExact(days, value);
            case "hour", "hours" -> micros = Math.addExact(micros, Math.multiplyExact(value, MICROS_PER_HOUR));
            case "min", "mins" -> micros = Math.addExact(micros, Math.multiplyExact(value, MICROS_PER_MINUTE));
            default -> throw new NumberFormatException(unit);
          }
        }
      } else {
        // sql_standard days, or the verbose zero "@ 0"
        days = Math.addExact(days, Long.parseLong(token));
      }
    }
    if (ago) {
      months = Math.negateExact(months);
      days = Math.negateExact(days);
      micros = Math.negateExact(micros);
    }
    return new PgInterval(Math.toIntExact(months), Math.toIntExact(days), micros);
  }

  /** {@code [+-]H…H:MM[:SS[.ffffff]]} */
  private static long parseClock(String token) {
    boolean negative = token.startsWith("-");
    int start = negative || token.startsWith("+") ? 1 : 0;
    int colon = token.indexOf(':');
    long hours = Long.parseLong(token.substring(start, colon));
    int second = token.indexOf(':', colon + 1);
    long minutes = Long.parseLong(token.substring(colon + 1, second < 0 ? token.length() : second));
    long micros = Math.addExact(Math.multiplyExact(hours, MICROS_PER_HOUR), minutes * MICROS_PER_MINUTE);
    if (second > 0) {
      micros = Math.addExact(micros, parseSeconds(token.substring(second + 1)));
    }
    return negative ? -micros : micros;
  }

  /** {@code [+-]S…S[.ffffff]} as microseconds; digits past the sixth are dropped, as the server never sends them. */
  private static long parseSeconds(String token) {
    boolean negative = token.startsWith("-");
    int start = negative || token.startsWith("+") ? 1 : 0;
    int point = token.indexOf('.');
    long micros = Math.multiplyExact(Long.parseLong(token.substring(start, point < 0 ? token.length() : point)), MICROS_PER_SECOND);
    if (point >= 0) {
      String fraction = (token.substring(point + 1) + "000000").substring(0, 6);
      if (!fraction.chars().allMatch(Character::isDigit)) {
        throw new NumberFormatException(token);
      }
      micros += Long.parseLong(fraction);
    }
    return negative ? -micros : micros;
  }

  /** {@code P[nY][nM][nW][nD][T[nH][nM][n.nS]]}, each number signed. */
  private static PgInterval parseIso(String text) {
    long months = 0;
    long days = 0;
    long micros = 0;
    boolean time = false;
    int i = 1;
    while (i < text.length()) {
      if (text.charAt(i) == 'T') {
        time = true;
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && "+-0123456789.".indexOf(text.charAt(i)) >= 0) {
        i++;
      }
      String number = text.substring(start, i);
      char unit = text.charAt(i++);
      if (unit == 'S' && time) {
        micros = Math.addExact(micros, parseSeconds(number));
        continue;
      }
      long value = Long.parseLong(number);
      switch (unit) {
        case 'Y' -> months = Math.addExact(months, Math.multiplyExact(value, 12));
        case 'M' -> {
          if (time) {
            micros = Math.addExact(micros, Math.multiplyExact(value, MICROS_PER_MINUTE));
          } else {
            months = Math.addExact(months, value);
          }
        }
        case 'W' -> days = Math.addExact(days, Math.multiplyExact(value, 7));
        case 'D' -> days = Math.addExact(days, value);
        case 'H' -> micros = Math.addExact(micros, Math.multiplyExact(value, MICROS_PER_HOUR));
        default -> throw new NumberFormatException(text);
      }
    }
    return new PgInterval(Math.toIntExact(months), Math.toIntExact(days), micros);
  }

  /** The {@code postgres} style, field for field as the server's {@code EncodeInterval} writes it. */
  static String format(PgInterval interval) {
    if (interval.equals(PgInterval.INFINITY)) {
      return "infinity";
    }
    if (interval.equals(PgInterval.NEGATIVE_INFINITY)) {
      return "-infinity";
    }
    var out = new StringBuilder(40);
    // [0]: nothing written yet; [1]: the last field written was negative
    boolean[] state = {true, false};
    appendField(out, interval.months() / 12, "year", state);
    appendField(out, interval.months() % 12, "mon", state);
    appendField(out, interval.days(), "day", state);
    long micros = interval.microseconds();
    if (state[0] || micros != 0) {
      long hours = micros / MICROS_PER_HOUR;
      long minutes = micros / MICROS_PER_MINUTE % 60;
      long seconds = micros / MICROS_PER_SECOND % 60;
      long fraction = micros % MICROS_PER_SECOND;
      if (!state[0]) {
        out.append(' ');
      }
      out.append(micros < 0 ? "-" : state[1] ? "+" : "");
      DateTimeText.pad(out, Math.abs(hours), 2).append(':');
      DateTimeText.pad(out, Math.abs(minutes), 2).append(':');
      DateTimeText.pad(out, Math.abs(seconds), 2);
      DateTimeText.appendFraction(out, Math.abs(fraction));
    }
    return out.toString();
  }

  private static void appendField(StringBuilder out, int value, String unit, boolean[] state) {
    if (value == 0) {
      return;
    }
    if (!state[0]) {
      out.append(' ');
    }
    if (state[1] && value > 0) {
      out.append('+');
    }
    out.append(value).append(' ').append(unit);
    if (value != 1) {
      out.append('s');
    }
    state[1] = value < 0;
    state[0] = false;
  }

  // --- parameters: PgInterval, Duration, Period

  /** Converts here, on the caller's thread, so that a Duration or Period too large fails the call. */
  @Override
  public int typeOid(Object value) {
    if (value != null) {
      interval(value);
    }
    return PgType.INTERVAL.oid();
  }

  @Override
  public short format() {
    return 1;
  }

  @Override
  public void encode(Object value, ByteBuf out, TypeRegistry types) {
    PgInterval interval = interval(value);
    out.writeLong(interval.microseconds());
    out.writeInt(interval.days());
    out.writeInt(interval.months());
  }

  private static PgInterval interval(Object value) {
    try {
      return switch (value) {
        case PgInterval interval -> interval;
        case Duration duration -> PgInterval.of(duration);
        case Period period -> PgInterval.of(period);
        default -> throw new IllegalArgumentException("not an interval value: " + value.getClass());
      };
    } catch (ArithmeticException e) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE, value + " is outside the range of interval");
    }
  }
}
