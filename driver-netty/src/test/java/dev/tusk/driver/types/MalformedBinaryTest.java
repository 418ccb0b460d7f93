package dev.tusk.driver.types;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tusk.driver.PgInet;
import dev.tusk.driver.PgInterval;
import dev.tusk.driver.PgRange;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A server (or a man in the middle) can send any bytes: every binary decoder must fail with a
 * DecodingException, never with another exception or by allocating what a lying header claims.
 */
class MalformedBinaryTest {
  private static final TypeRegistry TYPES = TypeRegistry.builtins();

  /** Every built-in OID whose codec decodes binary. */
  private static List<Integer> binaryOids() {
    var oids = new ArrayList<Integer>();
    for (int oid = 1; oid < 8192; oid++) {
      if (TYPES.codec(oid) != UnknownTypeCodec.INSTANCE && TYPES.codec(oid).decodesBinary()) {
        oids.add(oid);
      }
    }
    return oids;
  }

  private static void decode(int oid, byte[] bytes, int offset, int length) {
    try {
      TYPES.codec(oid).decodeBinary(bytes, offset, length, TYPES);
    } catch (DecodingException expected) {
      // the only acceptable failure
    } catch (Throwable e) {
      fail("type " + oid + " threw " + e + " for " + Bytes.hex(Arrays.copyOfRange(bytes, offset, offset + length)), e);
    }
  }

  @Test
  void randomBytesOfEveryLengthFailOnlyWithDecodingException() {
    var random = new Random(7);
    List<Integer> oids = binaryOids();
    assertFalse(oids.isEmpty());
    for (int oid : oids) {
      for (int round = 0; round < 400; round++) {
        byte[] bytes = new byte[random.nextInt(48) + 8];
        random.nextBytes(bytes);
        if (round % 2 == 0) {
          // small counts and lengths, so that decoders get past their headers more often
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(3));
          }
        }
        int offset = random.nextInt(4);
        decode(oid, bytes, offset, random.nextInt(bytes.length - offset + 1));
      }
    }
  }

  @Test
  void everyTruncationOfValidValuesFailsOnlyWithDecodingException() throws Exception {
    Object[] samples = {
        new BigDecimal("-12345678901234567890.123456789"), UUID.randomUUID(), LocalDate.of(2024, 2, 29),
        LocalTime.NOON, OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHours(5)), LocalDateTime.MAX,
        OffsetDateTime.now(ZoneOffset.UTC), new PgInterval(1, 2, 3), InetAddress.getByName("::1"),
        new PgInet(InetAddress.getByName("10.0.0.0"), 8), List.of(List.of(1, 2), List.of(3, 4)),
        Arrays.asList("a", null, "ccc"), List.of(new BigDecimal("1.5")), PgRange.closedOpen(1, 10),
        PgRange.of(null, LocalDate.of(2024, 1, 1), false, true), List.of(PgRange.closedOpen(1L, 2L)),
        List.of(new PgInterval(0, 0, 1)), true, 1.5, (short) 1, new byte[] {1, 2},
    };
    for (Object sample : samples) {
      Encoder encoder = TYPES.encoderFor(sample);
      int oid = encoder.typeOid(sample);
      if (oid == PgType.INET.oid() && sample instanceof PgInet) {
        oid = PgType.CIDR.oid();
      }
      byte[] bytes = Bytes.encode(sample);
      for (int length = 0; length < bytes.length; length++) {
        decode(oid, bytes, 0, length);
        // and with garbage in one byte
        byte[] garbled = bytes.clone();
        garbled[length] = (byte) (garbled[length] ^ 0xA5);
        decode(oid, garbled, 0, garbled.length);
      }
    }
  }

  @Test
  void headersClaimingHugeCountsAreRejectedWithoutAllocating() {
    String[][] cases = {
        {"1007", "00000001 00000000 00000017 7fffffff 00000001"},   // int4[] of 2^31-1 elements
        {"1007", "00000003 00000000 00000017 00010000 00000001 00010000 00000001 00010000 00000001"},
        {"2249", "7fffffff 00000017 00000004"},                       // record of 2^31-1 fields
        {"4451", "7fffffff 00000001"},                                // multirange of 2^31-1 ranges
        {"1700", "7fff 0000 0000 0000"},                              // numeric of 32767 digits
        {"1700", "0001 7fff 0000 3fff 0001"},                         // 1e131068 with dscale 16383: bounded, valid
        {"1009", "00000001 00000000 00000019 00000001 00000001 7ffffff0"}, // text[] element longer than the value
    };
    for (String[] c : cases) {
      byte[] bytes = Bytes.hex(c[1]);
      decode(Integer.parseInt(c[0]), bytes, 0, bytes.length);
    }
  }
}
