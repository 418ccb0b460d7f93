package dev.tusk.driver.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.driver.PgException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeRegistryTest {
  private static final int HSTORE = 90001;
  private static final int HSTORE_ARRAY = 90002;

  /** A text-only codec of a made-up type with a run-time OID. */
  record Tag(String name) {}

  static class TagCodec implements PgCodec<Tag> {
    @Override
    public String typeName() {
      return "public.tag";
    }

    @Override
    public Class<Tag> javaType() {
      return Tag.class;
    }

    @Override
    public String encodeText(Tag value) {
      return "#" + value.name();
    }

    @Override
    public Tag decodeText(String text) {
      if (!text.startsWith("#")) {
        throw new IllegalArgumentException(text);
      }
      return new Tag(text.substring(1));
    }
  }

  /** A codec claiming String: it may decode its type but must not take over String parameters. */
  static final class GreedyCodec extends TagCodecOf<String> {
    GreedyCodec() {
      super(String.class);
    }
  }

  abstract static class TagCodecOf<T> implements PgCodec<T> {
    private final Class<T> type;

    TagCodecOf(Class<T> type) {
      this.type = type;
    }

    @Override
    public String typeName() {
      return "greedy";
    }

    @Override
    public Class<T> javaType() {
      return type;
    }

    @Override
    public String encodeText(T value) {
      return String.valueOf(value);
    }

    @Override
    public T decodeText(String text) {
      return type.cast(text.toUpperCase());
    }
  }

  private static final TypeRegistry TYPES = TypeRegistry.builtins().withUserCodecs(
      Map.of(HSTORE, new TagCodec(), HSTORE + 10, new GreedyCodec()), Map.of(HSTORE_ARRAY, HSTORE));

  private static Object text(int oid, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return TYPES.codec(oid).decodeText(bytes, 0, bytes.length, TYPES);
  }

  @Test
  void userCodecsDecodeTheirTypeAndArraysOfIt() {
    assertEquals(new Tag("x"), text(HSTORE, "#x"));
    assertEquals(Arrays.asList(new Tag("a b"), null), text(HSTORE_ARRAY, "{\"#a b\",NULL}"));
    assertFalse(TYPES.codec(HSTORE).decodesBinary(), "a text-only codec is requested in text");
    assertFalse(TYPES.codec(HSTORE_ARRAY).decodesBinary());
    assertThrows(DecodingException.class, () -> text(HSTORE, "x"));
    assertSame(UnknownTypeCodec.INSTANCE, TypeRegistry.builtins().codec(HSTORE), "the built-in registry is unchanged");
  }

  @Test
  void userCodecsEncodeTheirJavaTypeAsTheResolvedOid() {
    Encoder encoder = TYPES.encoderFor(new Tag("x"));
    assertEquals(HSTORE, encoder.typeOid(new Tag("x")));
    assertEquals(0, encoder.format());
    Encoder array = TYPES.encoderFor(List.of(new Tag("a b"), new Tag("c")));
    assertEquals(HSTORE_ARRAY, array.typeOid(null));
    assertEquals(0, array.format());
    var out = io.netty.buffer.Unpooled.buffer();
    array.encode(List.of(new Tag("a b"), new Tag("c")), out, TYPES);
    assertEquals("{\"#a b\",#c}", out.toString(StandardCharsets.UTF_8));
    out.release();
  }

  @Test
  void userCodecsNeverTakeOverClassesTheDriverSendsItself() {
    assertEquals("HELLO", text(HSTORE + 10, "hello"));
    assertSame(ScalarEncoders.STRING, TYPES.encoderFor("hello"));
    assertSame(ScalarEncoders.INTEGER, TYPES.encoderFor(1));
  }

  @Test
  void failuresInUserEncodersFailTheCall() {
    var failing = TypeRegistry.builtins().withUserCodecs(Map.of(HSTORE, new TagCodec() {
      @Override
      public String encodeText(Tag value) {
        throw new IllegalStateException("boom");
      }
    }), Map.of());
    assertThrows(PgException.class, () -> failing.encoderFor(new Tag("x")));
  }

  @Test
  void everyBuiltInArrayDecodesInBinaryExactlyWhenItsElementDoes() {
    for (PgType type : PgType.values()) {
      if (type.arrayOid() != 0) {
        assertEquals(TYPES.codec(type.oid()).decodesBinary(), TYPES.codec(type.arrayOid()).decodesBinary(), type.name());
        assertTrue(TYPES.codec(type.arrayOid()) instanceof ArrayCodec, type.name());
      }
    }
    assertFalse(TYPES.codec(PgType.POINT.arrayOid()).decodesBinary());
    assertTrue(TYPES.codec(PgType.TIMESTAMPTZ.arrayOid()).decodesBinary());
  }

  @Test
  void unsupportedParameterClassesFailWithInvalidParameterValue() {
    var error = assertThrows(PgException.class, () -> TYPES.encoderFor(new Object()));
    assertEquals("22023", error.sqlState());
  }
}
