package dev.tusk.driver.types;

import static dev.tusk.driver.types.Bytes.decodeBinary;
import static dev.tusk.driver.types.Bytes.encode;
import static dev.tusk.driver.types.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.driver.PgException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayCodecTest {
  private static final String INT4_ONE_NULL = "00000001" + "00000001" + "00000017" + "00000002" + "00000001"
      + "00000004" + "00000001" + "ffffffff";

  @Test
  void encodesAListOfIntegersAsInt4ArrayWithItsHeader() {
    // ndim 1, has-null 1, element int4 (23), length 2, lower bound 1, then 1 and NULL
    assertEquals(INT4_ONE_NULL, hex(encode(Arrays.asList(1, null))));
    assertEquals(PgType.INT4.arrayOid(), TypeRegistry.builtins().encoderFor(List.of(1)).typeOid(null));
    assertEquals(Arrays.asList(1, null), decodeBinary(PgType.INT4.arrayOid(), hex(INT4_ONE_NULL)));
  }

  @Test
  void encodesEmptyArraysWithNoDimensions() {
    assertEquals("00000000" + "00000000" + "00000017", hex(encode(new int[0])));
    assertEquals(0, TypeRegistry.builtins().encoderFor(List.of()).typeOid(null), "an empty List is untyped");
    assertEquals("{}", new String(encode(List.of())));
    assertEquals(List.of(), decodeBinary(PgType.INT4.arrayOid(), hex("00000000" + "00000000" + "00000017")));
  }

  @Test
  void decodesMultipleDimensionsInRowMajorOrder() {
    String twoByTwo = "00000002" + "00000000" + "00000017" + "00000002" + "00000001" + "00000002" + "00000001"
        + "00000004" + "00000001" + "00000004" + "00000002" + "00000004" + "00000003" + "00000004" + "00000004";
    assertEquals(List.of(List.of(1, 2), List.of(3, 4)), decodeBinary(PgType.INT4.arrayOid(), hex(twoByTwo)));
    assertEquals(twoByTwo, hex(encode(new int[][] {{1, 2}, {3, 4}})));
  }

  @Test
  void aHeaderClaimingBillionsOfElementsIsRejectedBeforeAllocating() {
    String huge = "00000001" + "00000000" + "00000017" + "7fffffff" + "00000001";
    assertThrows(DecodingException.class, () -> decodeBinary(PgType.INT4.arrayOid(), hex(huge)));
    String hugeZero = "00000002" + "00000000" + "00000017" + "00000000" + "00000001" + "7fffffff" + "00000001";
    assertEquals(List.of(), decodeBinary(PgType.INT4.arrayOid(), hex(hugeZero)));
    String sevenDimensions = "00000007" + "00000000" + "00000017";
    assertThrows(DecodingException.class, () -> decodeBinary(PgType.INT4.arrayOid(), hex(sevenDimensions)));
  }

  @Test
  void textArraysHandleQuotesEscapesNullsBoundsAndSpaces() {
    assertEquals(Arrays.asList("a", "b c", null, "NULL", "x\"y", "z\\w", "", " q "),
        TextOutputArrays.parseText("{a,\"b c\",NULL,\"NULL\",\"x\\\"y\",\"z\\\\w\",\"\",\" q \"}"));
    assertEquals(List.of(List.of(1, 2), List.of(3, 4)), TextOutputArrays.parseInts("[0:1][5:6]={{1,2},{3,4}}"));
    assertEquals(List.of("a b"), TextOutputArrays.parseText("{ a\\ b }"));
    assertEquals(List.of(), TextOutputArrays.parseText("{}"));
    for (String bad : new String[] {"", "{", "{a", "{a,}", "{\"a}", "{{{{{{{1}}}}}}}", "[1:2]{1,2}", "{a}x", "{a\"b}"}) {
      assertThrows(DecodingException.class, () -> TextOutputArrays.parseText(bad), bad);
    }
  }

  @Test
  void textOutputQuotesWhatTheServerQuotesAndKeepsBounds() {
    assertEquals("{a,\"b c\",NULL,\"NULL\",\"x\\\"y\",\"\"}", TextOutput.format(Arrays.asList("a", "b c", null, "NULL", "x\"y", "")));
    assertEquals("[0:1][5:6]={{1,2},{3,4}}", TextOutput.format(TextOutputArrays.parseInts("[0:1][5:6]={{1,2},{3,4}}")));
    assertEquals("{{t,f}}", TextOutput.format(List.of(List.of(true, false))));
  }

  @Test
  void raggedMixedOrTooDeepParametersFailOnTheCallersThread() {
    var types = TypeRegistry.builtins();
    assertThrows(PgException.class, () -> types.encoderFor(List.of(List.of(1), List.of(1, 2))));
    assertThrows(PgException.class, () -> types.encoderFor(List.of(1, 2L)));
    assertThrows(PgException.class, () -> types.encoderFor(new int[1][1][1][1][1][1][1]));
    assertThrows(PgException.class, () -> types.encoderFor(List.of(new Object())));
  }

  /** Parses array literals the way the codecs do. */
  static final class TextOutputArrays {
    static List<Object> parseText(String text) {
      byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return ArrayText.parse(bytes, 0, bytes.length, (byte) ',', ArrayText.STRINGS);
    }

    static Object parseInts(String text) {
      byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return TypeRegistry.builtins().codec(PgType.INT4.arrayOid()).decodeText(bytes, 0, bytes.length, TypeRegistry.builtins());
    }
  }
}
