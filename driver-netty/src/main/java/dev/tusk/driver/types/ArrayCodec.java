package dev.tusk.driver.types;

import java.util.List;

/**
 * Arrays of any element type, one instance per array type, decoding elements with the element
 * type's codec. A one-dimensional array decodes to a {@code List} (NULL elements are {@code null}),
 * a multi-dimensional one to nested Lists, an empty one to an empty List. Lower bounds other than 1
 * ({@code '[0:1]={a,b}'}) are not part of the Java value: element {@code i} of a List is subscript
 * {@code lowerBound + i}. {@code get(i, int[].class)}, {@code String[].class} and other array classes
 * convert the List (see {@link Conversions}).
 *
 * <p>Binary format ({@code array_send}): int32 ndim, int32 has-null flag, int32 element OID, then per
 * dimension int32 length and int32 lower bound, then each element as int32 length (-1 for NULL) and
 * bytes. Arrays are requested in binary only if their elements are.
 */
final class ArrayCodec implements Codec {
  private final int elementOid;
  private final Codec element;
  private final byte delimiter;

  ArrayCodec(int elementOid, Codec element, char delimiter) {
    this.elementOid = elementOid;
    this.element = element;
    this.delimiter = (byte) delimiter;
  }

  @Override
  public Class<?> javaType() {
    return List.class;
  }

  @Override
  public boolean decodesBinary() {
    return element.decodesBinary();
  }

  /** The array literal with each element in its own codec's text form (a user type's, too). */
  @Override
  public String formatText(Object value) {
    return value instanceof List<?> list ? ArrayText.format(list, element::formatText) : TextOutput.format(value);
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    var in = new BinaryCursor(bytes, offset, length);
    int dimensions = in.readInt();
    in.readInt(); // has-null flag: nulls are seen element by element
    int oid = in.readInt();
    if (dimensions < 0 || dimensions > ArrayText.MAX_DIMENSIONS) {
      throw new DecodingException("array with " + dimensions + " dimensions");
    }
    if (dimensions == 0) {
      in.expectEnd();
      return ValueList.of(new Object[0]);
    }
    int[] lengths = new int[dimensions];
    int[] lowerBounds = new int[dimensions];
    boolean allOne = true;
    long total = 1;
    for (int d = 0; d < dimensions; d++) {
      lengths[d] = in.readInt();
      lowerBounds[d] = in.readInt();
      allOne &= lowerBounds[d] == 1;
      if (lengths[d] < 0) {
        throw new DecodingException("array dimension of length " + lengths[d]);
      }
      total *= lengths[d];
      // every element takes at least its 4-byte length: check before allocating for a claimed count
      if (total * 4 > in.remaining()) {
        throw new DecodingException("array claims more elements than its " + length + " bytes can hold");
      }
    }
    if (total == 0) {
      in.expectEnd();
      return ValueList.of(new Object[0]);
    }
    Codec codec = oid == elementOid ? element : types.codec(oid);
    if (!codec.decodesBinary()) {
      throw new DecodingException("array of type " + oid + " has no binary element decoder");
    }
    Object[] flat = new Object[(int) total];
    for (int i = 0; i < flat.length; i++) {
      int size = in.readLength();
      if (size >= 0) {
        flat[i] = codec.decodeBinary(bytes, in.position(), size, types);
        in.skip(size);
      }
    }
    in.expectEnd();
    var list = nest(flat, lengths, 0, 0);
    return allOne ? list : new ValueList(toArray(list), lowerBounds, false);
  }

  private static Object[] toArray(ValueList list) {
    Object[] elements = new Object[list.size()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = list.get(i);
    }
    return elements;
  }

  /** {@return dimension {@code d} of the row-major {@code flat} elements from {@code start}} */
  private static ValueList nest(Object[] flat, int[] lengths, int d, int start) {
    if (d == lengths.length - 1) {
      if (start == 0 && lengths[d] == flat.length) {
        return ValueList.of(flat);
      }
      Object[] row = new Object[lengths[d]];
      System.arraycopy(flat, start, row, 0, row.length);
      return ValueList.of(row);
    }
    int stride = 1;
    for (int k = d + 1; k < lengths.length; k++) {
      stride *= lengths[k];
    }
    Object[] rows = new Object[lengths[d]];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = nest(flat, lengths, d + 1, start + i * stride);
    }
    return ValueList.of(rows);
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    return ArrayText.parse(bytes, offset, length, delimiter, (b, o, l) -> element.decodeText(b, o, l, types));
  }
}
