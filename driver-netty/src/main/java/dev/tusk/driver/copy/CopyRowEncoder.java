package dev.tusk.driver.copy;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.types.Encoder;
import dev.tusk.driver.types.TypeRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes rows of Java values in one of COPY's three formats
 * (<a href="https://www.postgresql.org/docs/current/sql-copy.html">COPY, File Formats</a>). One
 * per COPY: it reuses a buffer, so it is not for concurrent use.
 */
public final class CopyRowEncoder {
  /** The COPY format. */
  public enum Format { TEXT, CSV, BINARY }

  private static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

  private final Format format;
  private final TypeRegistry types = TypeRegistry.builtins();
  /** Where a binary row is assembled; a heap buffer, so the garbage collector owns it (no release). */
  private final ByteBuf scratch = Unpooled.buffer(256);

  public CopyRowEncoder(Format format) {
    this.format = format;
  }

  /** Writes what precedes the first row (the binary signature and header). */
  public void header(ByteArrayOutputStream out) {
    if (format == Format.BINARY) {
      out.writeBytes(BINARY_SIGNATURE);
      writeInt(out, 0);
      writeInt(out, 0);
    }
  }

  /** Writes what follows the last row (the binary trailer). */
  public void trailer(ByteArrayOutputStream out) {
    if (format == Format.BINARY) {
      out.write(0xff);
      out.write(0xff);
    }
  }

  public void row(List<?> values, ByteArrayOutputStream out) {
    switch (format) {
      case TEXT -> {
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.write('\t');
          }
          Object value = values.get(i);
          writeUtf8(out, value == null ? "\\N" : escapeText(render(value)));
        }
        out.write('\n');
      }
      case CSV -> {
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            out.write(',');
          }
          Object value = values.get(i);
          if (value != null) {
            writeUtf8(out, quoteCsv(render(value)));
          }
        }
        out.write('\n');
      }
      case BINARY -> {
        if (values.size() > Short.MAX_VALUE) {
          throw new PgException(SqlState.PROGRAM_LIMIT_EXCEEDED, "a COPY row can have at most 32767 columns");
        }
        // the row is built in one reused buffer, each length prefix filled in after its value,
        // and handed to the stream in one write: no buffer per value, no lock per byte
        ByteBuf row = scratch.clear();
        row.writeShort(values.size());
        for (Object value : values) {
          if (value == null) {
            row.writeInt(-1);
          } else {
            Encoder encoder = types.encoderFor(value);
            int lengthAt = row.writerIndex();
            row.writeInt(0);
            encoder.encode(value, row, types);
            row.setInt(lengthAt, row.writerIndex() - lengthAt - 4);
          }
        }
        out.write(row.array(), row.arrayOffset() + row.readerIndex(), row.readableBytes());
      }
    }
  }

  /** The value as PostgreSQL's input functions read it. */
  static String render(Object value) {
    return switch (value) {
      case String text -> text;
      case Boolean bool -> bool ? "t" : "f";
      case BigDecimal decimal -> decimal.toPlainString();
      case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
      case Enum<?> constant -> constant.name();
      case List<?> list -> arrayLiteral(list.toArray());
      case Object array when array.getClass().isArray() -> {
        Object[] elements = new Object[Array.getLength(array)];
        for (int i = 0; i < elements.length; i++) {
          elements[i] = Array.get(array, i);
        }
        yield arrayLiteral(elements);
      }
      default -> value.toString();
    };
  }

  private static String arrayLiteral(Object[] elements) {
    var literal = new StringBuilder("{");
    for (int i = 0; i < elements.length; i++) {
      if (i > 0) {
        literal.append(',');
      }
      Object element = elements[i];
      if (element == null) {
        literal.append("NULL");
      } else if (element instanceof List<?> || element.getClass().isArray() && !(element instanceof byte[])) {
        literal.append(render(element));
      } else {
        literal.append('"').append(render(element).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
    }
    return literal.append('}').toString();
  }

  private static String escapeText(String text) {
    var escaped = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> escaped.append("\\\\");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static String quoteCsv(String text) {
    boolean quote = text.isEmpty() || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0 || text.equals("\\.");
    return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  private static void writeUtf8(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }
}
