package dev.tusk.driver.result;

import dev.tusk.driver.ColumnDescriptor;
import dev.tusk.driver.Row;
import dev.tusk.driver.types.Binary;
import dev.tusk.driver.types.Conversions;
import dev.tusk.driver.types.DecodingException;
import dev.tusk.driver.types.PgType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A view of one row inside a {@link BufferedRowSet}'s byte array. Integer and text getters read the
 * bytes directly; everything else goes through the column's codec.
 */
final class BufferedRow implements Row {
  private final RowLayout layout;
  private final byte[] data;
  private final int[] cells;
  private final int firstCell;

  BufferedRow(RowLayout layout, byte[] data, int[] cells, int firstCell) {
    this.layout = layout;
    this.data = data;
    this.cells = cells;
    this.firstCell = firstCell;
  }

  @Override
  public int size() {
    return layout.size();
  }

  @Override
  public List<ColumnDescriptor> columns() {
    return layout.columns();
  }

  @Override
  public int indexOf(String name) {
    return layout.indexOf(name);
  }

  private int cell(int index) {
    if (index < 0 || index >= layout.size()) {
      throw new IndexOutOfBoundsException("column " + index + " of " + layout.size());
    }
    return cells[firstCell + index];
  }

  @Override
  public boolean isNull(int index) {
    return Binary.readInt(data, cell(index)) == -1;
  }

  @Override
  public Object get(int index) {
    int cell = cell(index);
    int length = Binary.readInt(data, cell);
    if (length == -1) {
      return null;
    }
    try {
      return layout.isBinary(index)
          ? layout.codec(index).decodeBinary(data, cell + 4, length, layout.types())
          : layout.codec(index).decodeText(data, cell + 4, length, layout.types());
    } catch (DecodingException e) {
      throw e;
    } catch (RuntimeException e) {
      // A codec that trusts the server's text (Double.parseDouble, HexFormat …) throws whatever its
      // parser throws on damaged bytes; callers are promised a PgException, never a parser's crash.
      throw new DecodingException("column \"" + name(index) + "\": cannot decode its " + length + "-byte "
          + (layout.isBinary(index) ? "binary" : "text") + " value of type OID " + layout.typeOid(index) + ": " + e, e);
    }
  }

  @Override
  public <T> T get(int index, Class<T> type) {
    Object value = get(index);
    if (value == null) {
      return null;
    }
    try {
      return Conversions.convert(value, type);
    } catch (DecodingException e) {
      throw new DecodingException("column \"" + layout.columns().get(index).name() + "\": " + e.getMessage(), e);
    }
  }

  @Override
  public String getString(int index) {
    int cell = cell(index);
    int length = Binary.readInt(data, cell);
    if (length == -1) {
      return null;
    }
    // Text-format values are already what PostgreSQL prints; binary text types are the same bytes.
    if (!layout.isBinary(index) || layout.codec(index).binaryIsText()) {
      return new String(data, cell + 4, length, StandardCharsets.UTF_8);
    }
    // the column's codec, not the value's class, knows the text form (a user codec's type)
    return layout.codec(index).formatText(get(index));
  }

  @Override
  public int getInt(int index) {
    long value = getLong(index);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new DecodingException("column \"" + name(index) + "\": " + value + " does not fit in an int");
    }
    return (int) value;
  }

  @Override
  public long getLong(int index) {
    int cell = nonNullCell(index);
    int length = Binary.readInt(data, cell);
    if (layout.isBinary(index)) {
      int oid = layout.typeOid(index);
      if (oid == PgType.INT4.oid() && length == 4) {
        return Binary.readInt(data, cell + 4);
      }
      if (oid == PgType.INT8.oid() && length == 8) {
        return Binary.readLong(data, cell + 4);
      }
      if (oid == PgType.INT2.oid() && length == 2) {
        return Binary.readShort(data, cell + 4);
      }
    }
    return get(index, Long.class);
  }

  @Override
  public double getDouble(int index) {
    nonNullCell(index);
    return get(index, Double.class);
  }

  @Override
  public boolean getBoolean(int index) {
    nonNullCell(index);
    return get(index, Boolean.class);
  }

  @Override
  public byte[] getRawBytes(int index) {
    int cell = cell(index);
    int length = Binary.readInt(data, cell);
    return length == -1 ? null : Arrays.copyOfRange(data, cell + 4, cell + 4 + length);
  }

  private int nonNullCell(int index) {
    int cell = cell(index);
    if (Binary.readInt(data, cell) == -1) {
      throw new DecodingException("column \"" + name(index) + "\" is NULL; read it with get(index, Type.class) or test isNull first");
    }
    return cell;
  }

  private String name(int index) {
    return layout.columns().get(index).name();
  }

  @Override
  public String toString() {
    var text = new StringBuilder("Row[");
    for (int i = 0; i < size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(name(i)).append('=').append(getString(i));
    }
    return text.append(']').toString();
  }
}
