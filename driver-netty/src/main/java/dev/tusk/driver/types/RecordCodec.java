package dev.tusk.driver.types;

import dev.tusk.driver.PgRecord;
import java.util.ArrayList;

/**
 * Anonymous records ({@code record}, OID 2249: {@code SELECT ROW(1, 'a')}), decoded to
 * {@link PgRecord}. In binary each field carries its type OID, so fields decode to their own Java
 * types; a field of a type with no binary decoder (a user enum, an extension type) is kept as the
 * {@code byte[]} of its binary form. The text form does not say the field types: fields are then
 * Strings. Named composite types have run-time OIDs, so they arrive as text and read as Strings;
 * {@code get(i, PgRecord.class)} parses that text with {@link #parseText}.
 *
 * <p>Binary format ({@code record_send}): int32 field count, then per field int32 type OID, int32
 * length (-1 for NULL) and bytes. Text: {@code (1,"a b",)}: an empty unquoted field is NULL,
 * {@code ""} is the empty string, quotes and backslashes inside quotes are doubled or escaped.
 */
enum RecordCodec implements Codec {
  INSTANCE;

  @Override
  public Class<?> javaType() {
    return PgRecord.class;
  }

  @Override
  public boolean decodesBinary() {
    return true;
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    var in = new BinaryCursor(bytes, offset, length);
    // each field takes at least its OID and its length
    Object[] fields = new Object[in.checkCount(in.readInt(), 8)];
    for (int i = 0; i < fields.length; i++) {
      int oid = in.readInt();
      int size = in.readLength();
      if (size < 0) {
        continue;
      }
      Codec codec = types.codec(oid);
      if (codec.decodesBinary()) {
        fields[i] = codec.decodeBinary(bytes, in.position(), size, types);
      } else {
        byte[] raw = new byte[size];
        System.arraycopy(bytes, in.position(), raw, 0, size);
        fields[i] = raw;
      }
      in.skip(size);
    }
    in.expectEnd();
    return new PgRecord(java.util.Arrays.asList(fields));
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    return parseText(TextParsing.string(bytes, offset, length));
  }

  /** {@return the fields of a record literal as Strings (null for NULL)} */
  static PgRecord parseText(String text) {
    if (text.length() < 2 || text.charAt(0) != '(' || text.charAt(text.length() - 1) != ')') {
      throw new DecodingException("malformed record literal: " + text);
    }
    var fields = new ArrayList<>();
    int i = 1;
    int end = text.length() - 1;
    while (true) {
      var field = new StringBuilder();
      boolean quoted = false;
      while (i < end && text.charAt(i) != ',') {
        char c = text.charAt(i++);
        if (c == '"') {
          quoted = true;
          while (true) {
            if (i >= end) {
              throw new DecodingException("malformed record literal: " + text);
            }
            c = text.charAt(i++);
            if (c == '"') {
              if (i < end && text.charAt(i) == '"') {
                field.append('"');
                i++;
              } else {
                break;
              }
            } else if (c == '\\') {
              if (i >= end) {
                throw new DecodingException("malformed record literal: " + text);
              }
              field.append(text.charAt(i++));
            } else {
              field.append(c);
            }
          }
        } else if (c == '\\') {
          if (i >= end) {
            throw new DecodingException("malformed record literal: " + text);
          }
          field.append(text.charAt(i++));
        } else {
          field.append(c);
        }
      }
      fields.add(!quoted && field.isEmpty() ? null : field.toString());
      if (i >= end) {
        break;
      }
      i++; // the comma
    }
    return new PgRecord(fields);
  }

  /** {@return the record as {@code record_out} writes it} */
  static String format(PgRecord record) {
    var out = new StringBuilder(16 * record.size() + 2).append('(');
    for (int i = 0; i < record.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object field = record.get(i);
      if (field == null) {
        continue;
      }
      String text = TextOutput.format(field);
      boolean quote = text.isEmpty();
      for (int k = 0; k < text.length() && !quote; k++) {
        char c = text.charAt(k);
        quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || ArrayText.isSpace(c);
      }
      if (!quote) {
        out.append(text);
        continue;
      }
      out.append('"');
      for (int k = 0; k < text.length(); k++) {
        char c = text.charAt(k);
        if (c == '"' || c == '\\') {
          out.append(c);
        }
        out.append(c);
      }
      out.append('"');
    }
    return out.append(')').toString();
  }
}
