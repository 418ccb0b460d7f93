package dev.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void scalarsAreWrittenAsJson() {
    assertEquals("null", JsonWriter.write(null));
    assertEquals("true", JsonWriter.write(true));
    assertEquals("42", JsonWriter.write(42));
    assertEquals("-7", JsonWriter.write(-7L));
    assertEquals("1.50", JsonWriter.write(new BigDecimal("1.50")));
    assertEquals("2.5", JsonWriter.write(2.5));
    assertEquals("\"x\"", JsonWriter.write('x'));
    assertEquals("\"HAPPY\"", JsonWriter.write(TestSchema.Mood.HAPPY));
    assertEquals("\"00000000-0000-0000-0000-000000000001\"", JsonWriter.write(new UUID(0, 1)));
    assertEquals("\"2026-11-26\"", JsonWriter.write(LocalDate.of(2026, 11, 26)));
    assertEquals("\"2026-11-26T10:00Z\"", JsonWriter.write(OffsetDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneOffset.UTC)));
    assertEquals("3", JsonWriter.write(Optional.of(3)));
  }

  @Test
  void stringsAreEscaped() {
    assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001é\"", JsonWriter.write("a\"b\\c\n\t\u0001é"));
    assertThrows(IllegalArgumentException.class, () -> JsonWriter.write("nul\u0000"));
  }

  @Test
  void containersNest() {
    var map = new LinkedHashMap<String, Object>();
    map.put("a", List.of(1, "two", Map.of("three", 3)));
    map.put("b", null);
    map.put("c", new int[] {4, 5});
    assertEquals("{\"a\":[1,\"two\",{\"three\":3}],\"b\":null,\"c\":[4,5]}", JsonWriter.write(map));
    assertEquals("[]", JsonWriter.write(List.of()));
    assertEquals("{\"1\":true}", JsonWriter.write(Map.of(1, true)));
    assertEquals("[1,null]", JsonWriter.write(Arrays.asList(1, null)));
  }

  @Test
  void whatJsonCannotHoldIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Float.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new Object()));
    assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new byte[] {1}));
    var nullKey = new LinkedHashMap<String, Object>();
    nullKey.put(null, 1);
    assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(nullKey));
  }
}
