package dev.tusk.driver;

/**
 * A value of a PostgreSQL range type ({@code int4range}, {@code tstzrange} …). A {@code null} bound
 * is unbounded (PostgreSQL's {@code (,5]}), which is always exclusive; an empty range has no bounds.
 * Discrete ranges come back as the server canonicalizes them: {@code [1,10]} reads as {@code [1,11)}.
 *
 * <p>As a parameter, the bound class chooses the range type: Integer → int4range, Long → int8range,
 * BigDecimal → numrange, LocalDateTime → tsrange, OffsetDateTime/Instant/ZonedDateTime → tstzrange,
 * LocalDate → daterange. An empty or fully unbounded range has no bound to tell, so it is sent as
 * text of unspecified type and the server infers the range type from the context.
 *
 * @param lower the lower bound, or {@code null} when unbounded or empty
 * @param upper the upper bound, or {@code null} when unbounded or empty
 * @param lowerInclusive whether {@code lower} belongs to the range
 * @param upperInclusive whether {@code upper} belongs to the range
 * @param isEmpty whether this is the empty range
 */
public record PgRange<T>(T lower, T upper, boolean lowerInclusive, boolean upperInclusive, boolean isEmpty) {
  private static final PgRange<?> EMPTY = new PgRange<>(null, null, false, false, true);

  public PgRange {
    if (isEmpty && (lower != null || upper != null)) {
      throw new IllegalArgumentException("an empty range has no bounds");
    }
    lowerInclusive &= lower != null;
    upperInclusive &= upper != null;
  }

  /** {@return the empty range} */
  @SuppressWarnings("unchecked")
  public static <T> PgRange<T> empty() {
    return (PgRange<T>) EMPTY;
  }

  /** {@return the range between two bounds}; {@code null} for an unbounded side */
  public static <T> PgRange<T> of(T lower, T upper, boolean lowerInclusive, boolean upperInclusive) {
    return new PgRange<>(lower, upper, lowerInclusive, upperInclusive, false);
  }

  /** {@return the range {@code [lower, upper)}}, the form PostgreSQL uses for discrete ranges */
  public static <T> PgRange<T> closedOpen(T lower, T upper) {
    return of(lower, upper, true, false);
  }

  /** {@return whether the range has no lower bound} */
  public boolean lowerUnbounded() {
    return !isEmpty && lower == null;
  }

  /** {@return whether the range has no upper bound} */
  public boolean upperUnbounded() {
    return !isEmpty && upper == null;
  }

  /** {@return the range as PostgreSQL prints it, for example {@code [1,10)} or {@code empty}} */
  @Override
  public String toString() {
    return dev.tusk.driver.types.TextOutput.format(this);
  }
}
