package dev.tusk.driver.types;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a Java array ({@code Integer[]}, {@code int[]}, {@code String[]}, {@code UUID[]} …) or a
 * {@code List} as a PostgreSQL array; nested arrays or Lists become dimensions and must be
 * rectangular. One instance is made per parameter value, on the caller's thread, where the shape and
 * the element type are checked.
 *
 * <ul>
 *   <li>Elements with a binary encoder and a known array type (numbers, booleans, UUID, java.time,
 *       numeric …) go as that array type in binary: {@code List<Integer>} is int4[]. Strings go as
 *       text[].
 *   <li>Elements sent untyped (enums, Characters) go as an array literal in text of unspecified
 *       type, so the server infers it: a {@code Mood[]} binds to a {@code mood[]} column.
 *   <li>An empty List, or one with only NULLs, has no element to tell its type: it goes as text
 *       ({@code {}}, {@code {NULL}}) of unspecified type too. An empty Java array of a known
 *       component ({@code new Integer[0]}) goes as that array type.
 * </ul>
 */
final class ArrayEncoder implements Encoder {
  private final int arrayOid;
  private final int elementOid;
  private final int[] lengths;
  private final Object[] leaves;
  /** Per leaf: some encoders are made for one value (ranges, user codecs). */
  private final Encoder[] encoders;
  private final boolean binary;

  private ArrayEncoder(int arrayOid, int elementOid, int[] lengths, Object[] leaves, Encoder[] encoders, boolean binary) {
    this.arrayOid = arrayOid;
    this.elementOid = elementOid;
    this.lengths = lengths;
    this.leaves = leaves;
    this.encoders = encoders;
    this.binary = binary;
  }

  /** {@return the encoder for one array or List value} @throws PgException (22023) when it cannot be sent */
  static Encoder forValue(Object value, TypeRegistry types) {
    // The shape follows the first element down; flatten() then checks that every row matches it.
    var lengths = new ArrayList<Integer>();
    Class<?> component = null;
    Object level = value;
    while (isArray(level)) {
      if (lengths.size() == ArrayText.MAX_DIMENSIONS) {
        throw invalid("an array parameter has more than " + ArrayText.MAX_DIMENSIONS + " dimensions");
      }
      int length = length(level);
      lengths.add(length);
      component = level.getClass().isArray() ? level.getClass().getComponentType() : null;
      level = length > 0 ? element(level, 0) : null;
    }
    // byte[] is a bytea value, not a dimension: an empty or all-NULL byte[][] is still bytea[]
    while (component != null && component.isArray() && component != byte[].class) {
      component = component.getComponentType();
    }
    int[] shape = lengths.stream().mapToInt(Integer::intValue).toArray();
    var leaves = new ArrayList<>();
    flatten(value, shape, 0, leaves);
    Object[] flat = leaves.toArray();
    Object first = null;
    for (Object leaf : flat) {
      if (leaf != null) {
        first = leaf;
        break;
      }
    }
    // Without a non-null element, a Java array's declared component still tells the type.
    Encoder element = first != null ? types.encoderFor(first)
        : component != null && component != Object.class ? types.encoderForType(boxed(component)) : null;
    var encoders = new Encoder[flat.length];
    if (element == null) {
      return new ArrayEncoder(0, 0, shape, flat, encoders, false);
    }
    int elementOid = oid(element, first);
    for (int i = 0; i < flat.length; i++) {
      Object leaf = flat[i];
      if (leaf != null) {
        encoders[i] = types.encoderFor(leaf);
        if (oid(encoders[i], leaf) != elementOid || encoders[i].format() != element.format()) {
          throw invalid("an array parameter mixes elements of " + first.getClass().getName() + " and " + leaf.getClass().getName());
        }
      }
    }
    int arrayOid = elementOid == 0 ? 0 : types.arrayOidOf(elementOid);
    boolean binaryElements = element.format() == 1 || element == ScalarEncoders.STRING;
    if (binaryElements && arrayOid == 0) {
      throw invalid("no array type is known for elements of type " + elementOid);
    }
    return new ArrayEncoder(arrayOid, elementOid, shape, flat, encoders, binaryElements);
  }

  /** Strings are untyped as scalars but text inside arrays: an array literal needs one element type. */
  private static int oid(Encoder encoder, Object value) {
    return encoder == ScalarEncoders.STRING ? PgType.TEXT.oid() : encoder.typeOid(value);
  }

  @Override
  public int typeOid(Object value) {
    return arrayOid;
  }

  @Override
  public short format() {
    return (short) (binary ? 1 : 0);
  }

  @Override
  public void encode(Object value, ByteBuf out, TypeRegistry types) {
    if (binary) {
      encodeBinary(out, types);
    } else {
      ByteBufUtil.writeUtf8(out, literal(types));
    }
  }

  private void encodeBinary(ByteBuf out, TypeRegistry types) {
    boolean empty = leaves.length == 0;
    boolean hasNull = false;
    for (Object leaf : leaves) {
      hasNull |= leaf == null;
    }
    out.writeInt(empty ? 0 : lengths.length);
    out.writeInt(hasNull ? 1 : 0);
    out.writeInt(elementOid);
    if (!empty) {
      for (int length : lengths) {
        out.writeInt(length);
        out.writeInt(1);
      }
    }
    for (int i = 0; i < leaves.length; i++) {
      Object leaf = leaves[i];
      if (leaf == null) {
        out.writeInt(-1);
        continue;
      }
      int at = out.writerIndex();
      out.writeInt(0);
      encoders[i].encode(leaf, out, types);
      out.setInt(at, out.writerIndex() - at - 4);
    }
  }

  /** The array literal, each element in the text its encoder writes, quoted as needed. */
  private String literal(TypeRegistry types) {
    var out = new StringBuilder();
    if (lengths.length == 0) {
      return "{}";
    }
    appendLevel(out, 0, new int[] {0}, types);
    return out.toString();
  }

  private void appendLevel(StringBuilder out, int dimension, int[] next, TypeRegistry types) {
    out.append('{');
    int count = lengths[dimension];
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.append(',');
      }
      if (dimension < lengths.length - 1) {
        appendLevel(out, dimension + 1, next, types);
        continue;
      }
      int index = next[0]++;
      Object leaf = leaves[index];
      if (leaf == null) {
        out.append("NULL");
      } else {
        ByteBuf text = Unpooled.buffer();
        try {
          encoders[index].encode(leaf, text, types);
          ArrayText.appendQuoted(out, text.toString(StandardCharsets.UTF_8));
        } finally {
          text.release();
        }
      }
    }
    out.append('}');
  }

  private static void flatten(Object level, int[] shape, int dimension, List<Object> leaves) {
    int length = length(level);
    if (length != shape[dimension]) {
      throw invalid("a multi-dimensional array parameter must be rectangular");
    }
    for (int i = 0; i < length; i++) {
      Object item = element(level, i);
      if (dimension < shape.length - 1) {
        if (!isArray(item)) {
          throw invalid("a multi-dimensional array parameter must be rectangular");
        }
        flatten(item, shape, dimension + 1, leaves);
      } else if (isArray(item)) {
        throw invalid("a multi-dimensional array parameter must be rectangular");
      } else {
        leaves.add(item);
      }
    }
  }

  /** Arrays and Lists are dimensions; byte[] is a bytea value, not an array. */
  static boolean isArray(Object value) {
    return value instanceof List<?> || (value != null && value.getClass().isArray() && !(value instanceof byte[]));
  }

  private static int length(Object level) {
    return level instanceof List<?> list ? list.size() : Array.getLength(level);
  }

  private static Object element(Object level, int index) {
    return level instanceof List<?> list ? list.get(index) : Array.get(level, index);
  }

  private static Class<?> boxed(Class<?> type) {
    return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0).getClass() : type;
  }

  private static PgException invalid(String message) {
    return new PgException(SqlState.INVALID_PARAMETER_VALUE, message);
  }
}
