package dev.tusk.driver;

import java.time.Duration;
import java.time.Period;

/**
 * A PostgreSQL {@code interval}: months, days and microseconds, kept apart as the server keeps them
 * (a month is not a fixed number of days, nor a day a fixed number of hours across a DST change).
 *
 * <p>{@link #of(Duration)} and {@link #of(Period)} convert from {@code java.time} exactly except that
 * a Duration's nanoseconds are rounded half-up to microseconds. {@link #toDuration()} counts a day as
 * 24 hours and needs {@code months == 0}; {@link #toPeriod()} needs {@code microseconds == 0}.
 * {@link #INFINITY} and {@link #NEGATIVE_INFINITY} are PostgreSQL 17's infinite intervals.
 *
 * @param months whole months (a year is 12)
 * @param days whole days
 * @param microseconds the time part
 */
public record PgInterval(int months, int days, long microseconds) {
  public static final PgInterval ZERO = new PgInterval(0, 0, 0);
  /** {@code 'infinity'::interval} (PostgreSQL 17+): every field at its maximum. */
  public static final PgInterval INFINITY = new PgInterval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
  /** {@code '-infinity'::interval} (PostgreSQL 17+): every field at its minimum. */
  public static final PgInterval NEGATIVE_INFINITY = new PgInterval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);

  /**
   * {@return the interval of {@code duration}'s length}, as microseconds only (PostgreSQL prints 27
   * hours as {@code 27:00:00})
   *
   * @throws ArithmeticException when the duration exceeds about 292,000 years
   */
  /** {@return an interval of whole months} */
  public static PgInterval ofMonths(int months) {
    return new PgInterval(months, 0, 0);
  }

  /** {@return an interval of whole days} */
  public static PgInterval ofDays(int days) {
    return new PgInterval(0, days, 0);
  }

  public static PgInterval of(Duration duration) {
    long micros = Math.multiplyExact(duration.getSeconds(), 1_000_000L);
    return new PgInterval(0, 0, Math.addExact(micros, (duration.getNano() + 500) / 1000));
  }

  /** {@return the interval of {@code period}'s years, months and days} @throws ArithmeticException on overflow */
  public static PgInterval of(Period period) {
    int months = Math.toIntExact(Math.addExact(Math.multiplyExact((long) period.getYears(), 12L), period.getMonths()));
    return new PgInterval(months, period.getDays(), 0);
  }

  /**
   * {@return the time span, counting a day as 24 hours}
   *
   * @throws ArithmeticException when the interval has months (their length in days is not fixed) or is infinite
   */
  public Duration toDuration() {
    if (months != 0) {
      throw new ArithmeticException("interval " + this + " has months, which have no fixed length");
    }
    return Duration.ofDays(days).plus(Duration.of(microseconds, java.time.temporal.ChronoUnit.MICROS));
  }

  /** {@return the years, months and days} @throws ArithmeticException when the interval has a time part */
  public Period toPeriod() {
    if (microseconds != 0) {
      throw new ArithmeticException("interval " + this + " has a time part, which a Period cannot hold");
    }
    return Period.of(months / 12, months % 12, days);
  }

  /** {@return whether this is {@code infinity} or {@code -infinity}} */
  public boolean isInfinite() {
    return equals(INFINITY) || equals(NEGATIVE_INFINITY);
  }

  /** {@return the interval as PostgreSQL prints it with the default {@code IntervalStyle = postgres}} */
  @Override
  public String toString() {
    return dev.tusk.driver.types.TextOutput.format(this);
  }
}
