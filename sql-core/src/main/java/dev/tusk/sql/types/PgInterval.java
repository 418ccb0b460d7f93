package dev.tusk.sql.types;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * A PostgreSQL {@code interval}, exactly as the server stores it: months, days and microseconds
 * are separate fields because a month has no fixed number of days and a day has no fixed number of
 * seconds across a daylight-saving change. {@link Duration} cannot hold months, so it is offered as
 * a conversion only.
 *
 * @param months whole months
 * @param days whole days
 * @param microseconds the time part
 */
public record PgInterval(int months, int days, long microseconds) {
  /** The zero interval. */
  public static final PgInterval ZERO = new PgInterval(0, 0, 0);

  /** {@return an interval of whole months} */
  public static PgInterval ofMonths(int months) {
    return new PgInterval(months, 0, 0);
  }

  /** {@return an interval of whole days} */
  public static PgInterval ofDays(int days) {
    return new PgInterval(0, days, 0);
  }

  /** {@return the interval of a duration, all in the time part, as PostgreSQL reads {@code '90000 seconds'}} */
  public static PgInterval of(Duration duration) {
    return new PgInterval(0, 0, duration.toNanos() / 1_000);
  }

  /**
   * {@return this interval as a duration, counting a day as 24 hours}
   *
   * @throws ArithmeticException when the interval has months, which have no fixed length
   */
  public Duration toDuration() {
    if (months != 0) {
      throw new ArithmeticException("an interval with months has no fixed duration: " + this);
    }
    return Duration.ofDays(days).plus(microseconds, ChronoUnit.MICROS);
  }
}
