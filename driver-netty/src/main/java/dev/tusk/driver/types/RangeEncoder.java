package dev.tusk.driver.types;

import dev.tusk.driver.PgException;
import dev.tusk.driver.PgRange;
import dev.tusk.driver.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * Sends a {@link PgRange} as the range type its bound class implies (see PgRange), in binary; one
 * instance per parameter value, chosen on the caller's thread. A range with no bound (empty, or
 * {@code (,)}) goes as text of unspecified type and the server infers the range type.
 */
final class RangeEncoder implements Encoder {
  private static final RangeEncoder UNTYPED = new RangeEncoder(0, null);

  private final int rangeOid;
  private final Encoder bound;

  private RangeEncoder(int rangeOid, Encoder bound) {
    this.rangeOid = rangeOid;
    this.bound = bound;
  }

  static Encoder forValue(Object value, TypeRegistry types) {
    PgRange<?> range = (PgRange<?>) value;
    Object sample = range.lower() != null ? range.lower() : range.upper();
    if (sample == null) {
      return UNTYPED;
    }
    if (range.lower() != null && range.upper() != null && rangeOid(range.lower()) != rangeOid(range.upper())) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "range bounds of different types: "
          + range.lower().getClass().getName() + " and " + range.upper().getClass().getName());
    }
    int oid = rangeOid(sample);
    if (oid == 0) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "no built-in range type has bounds of "
          + sample.getClass().getName() + "; use Integer, Long, BigDecimal, LocalDate, LocalDateTime, OffsetDateTime or Instant");
    }
    Encoder bound = types.encoderFor(sample);
    bound.typeOid(range.lower() != null ? range.lower() : sample);
    if (range.upper() != null) {
      bound.typeOid(range.upper());
    }
    return new RangeEncoder(oid, bound);
  }

  private static int rangeOid(Object bound) {
    PgType type = switch (bound) {
      case Integer i -> PgType.INT4RANGE;
      case Long l -> PgType.INT8RANGE;
      case BigDecimal d -> PgType.NUMRANGE;
      case BigInteger i -> PgType.NUMRANGE;
      case LocalDateTime t -> PgType.TSRANGE;
      case OffsetDateTime t -> PgType.TSTZRANGE;
      case Instant t -> PgType.TSTZRANGE;
      case ZonedDateTime t -> PgType.TSTZRANGE;
      case LocalDate d -> PgType.DATERANGE;
      default -> null;
    };
    return type == null ? 0 : type.oid();
  }

  @Override
  public int typeOid(Object value) {
    return rangeOid;
  }

  @Override
  public short format() {
    return (short) (bound == null ? 0 : 1);
  }

  @Override
  public void encode(Object value, ByteBuf out, TypeRegistry types) {
    PgRange<?> range = (PgRange<?>) value;
    if (bound == null) {
      ByteBufUtil.writeUtf8(out, RangeCodec.format(range));
      return;
    }
    int flags = (range.lowerInclusive() ? RangeCodec.LOWER_INCLUSIVE : 0)
        | (range.upperInclusive() ? RangeCodec.UPPER_INCLUSIVE : 0)
        | (range.lower() == null ? RangeCodec.LOWER_INFINITE : 0)
        | (range.upper() == null ? RangeCodec.UPPER_INFINITE : 0);
    out.writeByte(flags);
    writeBound(range.lower(), out, types);
    writeBound(range.upper(), out, types);
  }

  private void writeBound(Object value, ByteBuf out, TypeRegistry types) {
    if (value == null) {
      return;
    }
    int at = out.writerIndex();
    out.writeInt(0);
    bound.encode(value, out, types);
    out.setInt(at, out.writerIndex() - at - 4);
  }
}
