package dev.tusk.driver.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/** Encoders for Java's scalar types: numbers and booleans in binary, strings in text. */
enum ScalarEncoders implements Encoder {
  SHORT(PgType.INT2, 1) {
    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      out.writeShort((Short) value);
    }
  },
  INTEGER(PgType.INT4, 1) {
    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      out.writeInt((Integer) value);
    }
  },
  LONG(PgType.INT8, 1) {
    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      out.writeLong((Long) value);
    }
  },
  FLOAT(PgType.FLOAT4, 1) {
    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      out.writeFloat((Float) value);
    }
  },
  DOUBLE(PgType.FLOAT8, 1) {
    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      out.writeDouble((Double) value);
    }
  },
  BOOLEAN(PgType.BOOL, 1) {
    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      out.writeByte((Boolean) value ? 1 : 0);
    }
  },
  /**
   * Strings are sent as text with an unspecified type (OID 0), so the server infers the type from
   * the context: the same String binds to a text, uuid, date, jsonb or enum column without a cast.
   */
  STRING(PgType.UNKNOWN, 0) {
    @Override
    public int typeOid(Object value) {
      return 0;
    }

    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      ByteBufUtil.writeUtf8(out, (CharSequence) value);
    }
  },
  /** Java enums bind by name, as text of unspecified type: the server resolves the enum type. */
  ENUM(PgType.UNKNOWN, 0) {
    @Override
    public int typeOid(Object value) {
      return 0;
    }

    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      ByteBufUtil.writeUtf8(out, ((Enum<?>) value).name());
    }
  },
  CHARACTER(PgType.UNKNOWN, 0) {
    @Override
    public int typeOid(Object value) {
      return 0;
    }

    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      ByteBufUtil.writeUtf8(out, String.valueOf((Character) value));
    }
  },
  BYTES(PgType.BYTEA, 1) {
    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      out.writeBytes((byte[]) value);
    }
  },
  /** A ByteBuffer's remaining bytes as bytea; its position is left as it was. */
  BYTE_BUFFER(PgType.BYTEA, 1) {
    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      out.writeBytes(((java.nio.ByteBuffer) value).duplicate());
    }
  };

  private final int oid;
  private final short format;

  ScalarEncoders(PgType type, int format) {
    this.oid = type.oid();
    this.format = (short) format;
  }

  @Override
  public int typeOid(Object value) {
    return oid;
  }

  @Override
  public short format() {
    return format;
  }
}
