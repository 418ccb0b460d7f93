package dev.tusk.driver.protocol;

import dev.tusk.driver.ColumnDescriptor;
import dev.tusk.driver.result.RowLayout;
import dev.tusk.driver.types.TypeRegistry;
import dev.tusk.driver.wire.ProtocolConstants;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement parsed on the server under a name, and what the server said about it. Its first
 * execution asks for text results (the column types are not known when Bind is written); once the
 * description has arrived, later executions ask for binary wherever a codec can decode it.
 */
final class PreparedStatement {
  private static final short[] ALL_TEXT = new short[0];

  final String name;
  final String sql;
  final int[] parameterOids;
  private boolean described;
  private RowLayout textLayout;
  private RowLayout preferredLayout;
  private short[] preferredFormats = ALL_TEXT;

  PreparedStatement(String name, String sql, int[] parameterOids) {
    this.name = name;
    this.sql = sql;
    this.parameterOids = parameterOids;
  }

  /** Records the statement's RowDescription (or NoData: an empty list) from Describe. */
  void describe(List<ColumnDescriptor> columns, TypeRegistry types) {
    textLayout = new RowLayout(columns, types);
    var preferred = new ArrayList<ColumnDescriptor>(columns.size());
    short[] formats = new short[columns.size()];
    boolean anyBinary = false;
    for (int i = 0; i < columns.size(); i++) {
      ColumnDescriptor column = columns.get(i);
      boolean binary = types.codec(column.typeOid()).decodesBinary();
      formats[i] = binary ? ProtocolConstants.FORMAT_BINARY : ProtocolConstants.FORMAT_TEXT;
      anyBinary |= binary;
      preferred.add(column.withFormat(formats[i]));
    }
    preferredFormats = anyBinary ? formats : ALL_TEXT;
    preferredLayout = anyBinary ? new RowLayout(preferred, types) : textLayout;
    described = true;
  }

  boolean isDescribed() {
    return described;
  }

  /** {@return the layout of results requested with {@link #preferredFormats()}} */
  RowLayout preferredLayout() {
    return preferredLayout;
  }

  /** {@return the layout of results requested all in text} */
  RowLayout textLayout() {
    return textLayout;
  }

  /** {@return the result formats for Bind once described: binary where decodable} */
  short[] preferredFormats() {
    return preferredFormats;
  }

  static short[] allText() {
    return ALL_TEXT;
  }

  /** {@return roughly what the entry costs in memory, for the cache's byte bound} */
  long weight() {
    return 64L + 2L * sql.length() + 4L * parameterOids.length;
  }
}
