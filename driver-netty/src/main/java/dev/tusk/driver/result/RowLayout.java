package dev.tusk.driver.result;

import dev.tusk.driver.ColumnDescriptor;
import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.types.Codec;
import dev.tusk.driver.types.TypeRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a result: its columns in the formats they arrive in, the codec of each, and a
 * label index. Built once per prepared statement and result-format choice, and shared by every
 * row and every execution with that shape.
 */
public final class RowLayout {
  public static final RowLayout EMPTY = new RowLayout(List.of(), TypeRegistry.builtins());

  private final List<ColumnDescriptor> columns;
  private final Codec[] codecs;
  private final boolean[] binary;
  private final int[] typeOids;
  private final TypeRegistry types;
  private volatile Map<String, Integer> indexByLabel;

  public RowLayout(List<ColumnDescriptor> columns, TypeRegistry types) {
    this.columns = List.copyOf(columns);
    this.types = types;
    int count = columns.size();
    this.codecs = new Codec[count];
    this.binary = new boolean[count];
    this.typeOids = new int[count];
    for (int i = 0; i < count; i++) {
      ColumnDescriptor column = columns.get(i);
      codecs[i] = types.codec(column.typeOid());
      binary[i] = column.isBinary();
      typeOids[i] = column.typeOid();
    }
  }

  public int size() {
    return codecs.length;
  }

  public List<ColumnDescriptor> columns() {
    return columns;
  }

  Codec codec(int index) {
    return codecs[index];
  }

  boolean isBinary(int index) {
    return binary[index];
  }

  int typeOid(int index) {
    return typeOids[index];
  }

  TypeRegistry types() {
    return types;
  }

  int indexOf(String label) {
    Map<String, Integer> index = indexByLabel;
    if (index == null) {
      index = new HashMap<>();
      // The first column wins when labels repeat (SELECT a.id, b.id), as in every driver.
      for (int i = columns.size() - 1; i >= 0; i--) {
        index.put(columns.get(i).name(), i);
      }
      for (int i = columns.size() - 1; i >= 0; i--) {
        index.putIfAbsent(columns.get(i).name().toLowerCase(Locale.ROOT), i);
      }
      indexByLabel = index;
    }
    Integer found = index.get(label);
    if (found == null) {
      found = index.get(label.toLowerCase(Locale.ROOT));
    }
    if (found == null) {
      throw new PgException(SqlState.UNDEFINED_COLUMN, "no column labelled \"" + label + "\" in " + labels());
    }
    return found;
  }

  private List<String> labels() {
    return columns.stream().map(ColumnDescriptor::name).toList();
  }
}
