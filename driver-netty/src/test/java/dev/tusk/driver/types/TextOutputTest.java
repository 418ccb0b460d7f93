package dev.tusk.driver.types;

import static dev.tusk.driver.types.Bytes.decodeBinary;
import static dev.tusk.driver.types.Bytes.decodeText;
import static dev.tusk.driver.types.Bytes.encode;
import static dev.tusk.driver.types.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.driver.PgInet;
import dev.tusk.driver.PgRange;
import dev.tusk.driver.PgRecord;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextOutputTest {
  @Test
  void floatsUseTheShortestDigitsWithTheServersExponentRules() {
    assertEquals("1e+15", TextOutput.format(1e15));
    assertEquals("100000000000000", TextOutput.format(1e14));
    assertEquals("0.0001", TextOutput.format(0.0001));
    assertEquals("1e-05", TextOutput.format(0.00001));
    assertEquals("5e-324", TextOutput.format(Double.MIN_VALUE));
    assertEquals("1.7976931348623157e+308", TextOutput.format(Double.MAX_VALUE));
    assertEquals("-0", TextOutput.format(-0.0));
    assertEquals("0.1", TextOutput.format(0.1f));
    assertEquals("1e+06", TextOutput.format(1e6f));
    assertEquals("123456", TextOutput.format(123456f));
    assertEquals("1e-45", TextOutput.format(Float.MIN_VALUE));
  }

  @Test
  void ipv6AddressesCompressTheLongestZeroRunAndKeepEmbeddedIpv4() throws Exception {
    assertEquals("::1", TextOutput.format(InetAddress.getByName("::1")));
    assertEquals("2001:db8::1:0:0:1", TextOutput.format(InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
    assertEquals("::ffff:1.2.3.4", TextOutput.format(decodeText(PgType.INET, "::ffff:1.2.3.4")));
    assertEquals("10.0.0.0/8", TextOutput.format(new PgInet(InetAddress.getByName("10.0.0.0"), 8)));
    assertEquals(new PgInet(InetAddress.getByName("2001:db8::"), 32), decodeText(PgType.CIDR, "2001:db8::/32"));
    assertThrows(DecodingException.class, () -> decodeText(PgType.INET, "localhost"));
    assertThrows(DecodingException.class, () -> decodeText(PgType.INET, "1.2.3.4/33"));
  }

  @Test
  void rangesParseAndPrintQuotedBoundsAndInfinities() {
    assertEquals(PgRange.of(null, 5, false, true), decodeText(PgType.INT4RANGE, "(,5]"));
    assertEquals(PgRange.empty(), decodeText(PgType.INT4RANGE, "empty"));
    var timestamps = PgRange.closedOpen(LocalDateTime.of(2020, 1, 1, 10, 0), LocalDateTime.MAX);
    assertEquals(timestamps, decodeText(PgType.TSRANGE, "[\"2020-01-01 10:00:00\",infinity)"));
    assertEquals("[\"2020-01-01 10:00:00\",infinity)", timestamps.toString());
    assertEquals("02" + "00000004" + "00000001" + "00000004" + "0000000a", hex(encode(PgRange.closedOpen(1, 10))));
    assertEquals(PgRange.of(null, LocalDate.of(2024, 1, 1), false, true),
        decodeBinary(PgType.DATERANGE, encode(PgRange.of(null, LocalDate.of(2024, 1, 1), false, true))));
    assertEquals(List.of(PgRange.closedOpen(1, 3), PgRange.closedOpen(5, 7)), decodeText(PgType.INT4MULTIRANGE, "{[1,3),[5,7)}"));
    assertEquals("{[1,3),[5,7)}", TextOutput.format(decodeText(PgType.INT4MULTIRANGE, "{[1,3),[5,7)}")));
    assertThrows(DecodingException.class, () -> decodeText(PgType.INT4RANGE, "[1,2"));
  }

  @Test
  void recordsQuoteFieldsAsRecordOutDoes() {
    var record = PgRecord.of(1, "a b", null, "", "x\"y\\z", new BigDecimal("2.50"));
    assertEquals("(1,\"a b\",,\"\",\"x\"\"y\\\\z\",2.50)", record.toString());
    assertEquals(PgRecord.of("1", "a b", null, "", "x\"y\\z", "2.50"), RecordCodec.parseText(record.toString()));
    assertEquals(2, RecordCodec.parseText("(1,2)").get(1, Integer.class));
  }

  @Test
  void stringsOfTextFormsConvertToTypedValuesAndArrays() {
    assertEquals(42, Conversions.convert("42", Integer.class));
    assertEquals(LocalDate.of(2024, 2, 29), Conversions.convert("2024-02-29", LocalDate.class));
    assertArrayEquals(new int[] {1, 2}, Conversions.convert("{1,2}", int[].class));
    assertEquals(Arrays.asList("a", null), Conversions.convert("{a,NULL}", List.class));
    assertThrows(DecodingException.class, () -> Conversions.convert("4.5", Integer.class));
    assertThrows(DecodingException.class, () -> Conversions.convert(List.of(1, 2), LocalDate.class));
  }
}
