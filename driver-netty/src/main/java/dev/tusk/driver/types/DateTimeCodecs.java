package dev.tusk.driver.types;

import io.netty.buffer.ByteBuf;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * date, time, timetz, timestamp and timestamptz, decoded and encoded with arithmetic on the binary
 * format (no formatter, no time-zone rules): dates count days and timestamps microseconds from
 * 2000-01-01 ({@code integer_datetimes}). The JVM's default time zone is never used.
 *
 * <table>
 *   <caption>Type mapping and infinities</caption>
 *   <tr><th>PostgreSQL</th><th>Java (default first)</th><th>infinity / -infinity</th></tr>
 *   <tr><td>date</td><td>LocalDate</td><td>LocalDate.MAX / LocalDate.MIN</td></tr>
 *   <tr><td>time</td><td>LocalTime</td><td>— ({@code 24:00:00} reads as LocalTime.MAX)</td></tr>
 *   <tr><td>timetz</td><td>OffsetTime</td><td>—</td></tr>
 *   <tr><td>timestamp</td><td>LocalDateTime</td><td>LocalDateTime.MAX / LocalDateTime.MIN</td></tr>
 *   <tr><td>timestamptz</td><td>OffsetDateTime at UTC; Instant, ZonedDateTime (UTC)</td>
 *       <td>OffsetDateTime.MAX / MIN; Instant.MAX / MIN; ZonedDateTime of LocalDateTime.MAX / MIN at UTC</td></tr>
 * </table>
 *
 * <p>Encoding maps the same constants back to infinity. Nanoseconds are rounded half-up to
 * microseconds, as PostgreSQL rounds text input to the nearest microsecond (exact ties aside: it
 * rounds a double), so LocalTime.MAX is sent as {@code 24:00:00}. A
 * value beyond PostgreSQL's range (after year 294276) is sent as an out-of-range value that the
 * server rejects, rather than silently clamped.
 */
enum DateTimeCodecs implements Codec, Encoder {
  DATE(PgType.DATE, LocalDate.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      IntCodecs.checkLength(length, 4);
      return date(Binary.readInt(bytes, offset));
    }

    @Override
    public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
      return DateTimeText.parseDate(bytes, offset, length);
    }

    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      LocalDate date = (LocalDate) value;
      if (date.equals(LocalDate.MAX)) {
        out.writeInt(Integer.MAX_VALUE);
      } else if (date.equals(LocalDate.MIN)) {
        out.writeInt(Integer.MIN_VALUE);
      } else {
        long days = date.toEpochDay() - PG_EPOCH_DAY;
        out.writeInt((int) Math.clamp(days, Integer.MIN_VALUE + 1L, Integer.MAX_VALUE - 1L));
      }
    }
  },
  TIME(PgType.TIME, LocalTime.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      IntCodecs.checkLength(length, 8);
      return time(Binary.readLong(bytes, offset));
    }

    @Override
    public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
      return DateTimeText.parseTime(bytes, offset, length);
    }

    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      out.writeLong(micros((LocalTime) value));
    }
  },
  TIMETZ(PgType.TIMETZ, OffsetTime.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      IntCodecs.checkLength(length, 12);
      LocalTime time = time(Binary.readLong(bytes, offset));
      // PostgreSQL stores the zone as seconds west of Greenwich: the negated offset.
      return OffsetTime.of(time, offset(-Binary.readInt(bytes, offset + 8)));
    }

    @Override
    public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
      return DateTimeText.parseTimeTz(bytes, offset, length);
    }

    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      OffsetTime time = (OffsetTime) value;
      out.writeLong(micros(time.toLocalTime()));
      out.writeInt(-time.getOffset().getTotalSeconds());
    }
  },
  TIMESTAMP(PgType.TIMESTAMP, LocalDateTime.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      IntCodecs.checkLength(length, 8);
      long micros = Binary.readLong(bytes, offset);
      return micros == Long.MAX_VALUE ? LocalDateTime.MAX : micros == Long.MIN_VALUE ? LocalDateTime.MIN : localDateTime(micros);
    }

    @Override
    public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
      return DateTimeText.parseTimestamp(bytes, offset, length);
    }

    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      LocalDateTime timestamp = (LocalDateTime) value;
      out.writeLong(timestamp.equals(LocalDateTime.MAX) ? Long.MAX_VALUE
          : timestamp.equals(LocalDateTime.MIN) ? Long.MIN_VALUE
          : micros(timestamp.toEpochSecond(ZoneOffset.UTC), timestamp.getNano()));
    }
  },
  /** Decodes to OffsetDateTime at UTC; encodes OffsetDateTime, Instant and ZonedDateTime. */
  TIMESTAMPTZ(PgType.TIMESTAMPTZ, OffsetDateTime.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      IntCodecs.checkLength(length, 8);
      long micros = Binary.readLong(bytes, offset);
      return micros == Long.MAX_VALUE ? OffsetDateTime.MAX
          : micros == Long.MIN_VALUE ? OffsetDateTime.MIN
          : OffsetDateTime.of(localDateTime(micros), ZoneOffset.UTC);
    }

    @Override
    public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
      return DateTimeText.parseTimestampTz(bytes, offset, length);
    }

    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      out.writeLong(switch (value) {
        case OffsetDateTime t when t.equals(OffsetDateTime.MAX) -> Long.MAX_VALUE;
        case OffsetDateTime t when t.equals(OffsetDateTime.MIN) -> Long.MIN_VALUE;
        case OffsetDateTime t -> micros(t.toEpochSecond(), t.getNano());
        case Instant t when t.equals(Instant.MAX) -> Long.MAX_VALUE;
        case Instant t when t.equals(Instant.MIN) -> Long.MIN_VALUE;
        case Instant t -> micros(t.getEpochSecond(), t.getNano());
        case ZonedDateTime t when t.toLocalDateTime().equals(LocalDateTime.MAX) -> Long.MAX_VALUE;
        case ZonedDateTime t when t.toLocalDateTime().equals(LocalDateTime.MIN) -> Long.MIN_VALUE;
        case ZonedDateTime t -> micros(t.toEpochSecond(), t.getNano());
        default -> throw new IllegalArgumentException("not a timestamptz value: " + value.getClass());
      });
    }
  };

  /** 2000-01-01 as days since 1970-01-01. */
  static final long PG_EPOCH_DAY = 10_957;
  /** 2000-01-01T00:00Z as seconds since 1970-01-01T00:00Z. */
  static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400;
  static final long MICROS_PER_DAY = 86_400_000_000L;

  private final int oid;
  private final Class<?> javaType;

  DateTimeCodecs(PgType type, Class<?> javaType) {
    this.oid = type.oid();
    this.javaType = javaType;
  }

  @Override
  public Class<?> javaType() {
    return javaType;
  }

  @Override
  public boolean decodesBinary() {
    return true;
  }

  @Override
  public int typeOid(Object value) {
    return oid;
  }

  @Override
  public short format() {
    return 1;
  }

  static LocalDate date(int days) {
    if (days == Integer.MAX_VALUE) {
      return LocalDate.MAX;
    }
    if (days == Integer.MIN_VALUE) {
      return LocalDate.MIN;
    }
    return LocalDate.ofEpochDay(days + PG_EPOCH_DAY);
  }

  static LocalTime time(long micros) {
    if (micros == MICROS_PER_DAY) {
      return LocalTime.MAX;
    }
    if (micros < 0 || micros > MICROS_PER_DAY) {
      throw new DecodingException("time of " + micros + " microseconds is outside a day");
    }
    return LocalTime.ofNanoOfDay(micros * 1000);
  }

  static LocalDateTime localDateTime(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND;
    int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
    return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
  }

  static ZoneOffset offset(int seconds) {
    try {
      return ZoneOffset.ofTotalSeconds(seconds);
    } catch (DateTimeException e) {
      throw new DecodingException("time zone offset of " + seconds + " seconds out of range");
    }
  }

  /** {@return microseconds since 2000-01-01, nanoseconds rounded half-up; saturated beyond the range of long} */
  static long micros(long epochSecond, int nano) {
    long seconds = epochSecond - PG_EPOCH_SECOND;
    // ±292,000 years: far outside PostgreSQL's range, so a saturated value is rejected by the server.
    if (seconds > Long.MAX_VALUE / 1_000_000 - 1) {
      return Long.MAX_VALUE - 1;
    }
    if (seconds < Long.MIN_VALUE / 1_000_000 + 1) {
      return Long.MIN_VALUE + 1;
    }
    return seconds * 1_000_000 + (nano + 500) / 1000;
  }

  static long micros(LocalTime time) {
    return (time.toNanoOfDay() + 500) / 1000;
  }
}
