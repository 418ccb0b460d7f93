package dev.tusk.bench.compile;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The values one statement is built with. They change from call to call, as in an application, so
 * that a cache keyed on values rather than shape would miss; they are created ahead of time, so
 * that creating them is not measured.
 */
record QueryValues(int id, String country, BigDecimal minTotal, long limit, OffsetDateTime since, long maxRank) {
  private static final String[] COUNTRIES = {"NZ", "DE", "FR", "JP", "BR", "CA", "KE", "IN"};

  /** {@return {@code count} different value sets} */
  static QueryValues[] samples(int count) {
    var samples = new QueryValues[count];
    var start = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    for (int i = 0; i < count; i++) {
      samples[i] = new QueryValues(i * 37 % 10_000 + 1, COUNTRIES[i % COUNTRIES.length],
          BigDecimal.valueOf(100 + i, 2), 10 + i % 5, start.plusDays(i), 1 + i % 3);
    }
    return samples;
  }
}
