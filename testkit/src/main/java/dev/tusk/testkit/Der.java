package dev.tusk.testkit;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The few DER encodings an X.509 certificate needs. The JDK can sign but has no public API to build
 * a certificate, and a test kit should not pull in a crypto library or fork {@code keytool} (about a
 * second per call) for three certificates.
 */
final class Der {
  static final int TAG_BOOLEAN = 0x01;
  static final int TAG_INTEGER = 0x02;
  static final int TAG_BIT_STRING = 0x03;
  static final int TAG_OCTET_STRING = 0x04;
  static final int TAG_OID = 0x06;
  static final int TAG_UTF8_STRING = 0x0c;
  static final int TAG_GENERALIZED_TIME = 0x18;
  static final int TAG_SEQUENCE = 0x30;
  static final int TAG_SET = 0x31;

  private Der() {}

  static byte[] tlv(int tag, byte[] value) {
    var out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    int length = value.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
        out.write(length >>> shift);
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    var out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... elements) {
    return tlv(TAG_SEQUENCE, concat(elements));
  }

  static byte[] set(byte[]... elements) {
    return tlv(TAG_SET, concat(elements));
  }

  static byte[] integer(BigInteger value) {
    return tlv(TAG_INTEGER, value.toByteArray());
  }

  static byte[] bool(boolean value) {
    return tlv(TAG_BOOLEAN, new byte[] {(byte) (value ? 0xff : 0x00)});
  }

  static byte[] octetString(byte[] value) {
    return tlv(TAG_OCTET_STRING, value);
  }

  /** A BIT STRING whose bits fill whole bytes (signatures). */
  static byte[] bitString(byte[] value) {
    return tlv(TAG_BIT_STRING, concat(new byte[] {0}, value));
  }

  static byte[] utf8String(String value) {
    return tlv(TAG_UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
  }

  /** GeneralizedTime {@code YYYYMMDDHHMMSSZ}; valid for any year, unlike UTCTime. */
  static byte[] generalizedTime(String yyyyMMddHHmmssZ) {
    return tlv(TAG_GENERALIZED_TIME, yyyyMMddHHmmssZ.getBytes(StandardCharsets.US_ASCII));
  }

  /** Context-specific, constructed, explicitly tagged: {@code [n] EXPLICIT}. */
  static byte[] explicit(int tagNumber, byte[] inner) {
    return tlv(0xa0 | tagNumber, inner);
  }

  /** Context-specific, primitive, implicitly tagged: {@code [n] IMPLICIT} over raw content bytes. */
  static byte[] implicitPrimitive(int tagNumber, byte[] content) {
    return tlv(0x80 | tagNumber, content);
  }

  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    var out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      long arc = Long.parseLong(arcs[i]);
      int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
      for (int g = groups - 1; g >= 0; g--) {
        int sevenBits = (int) ((arc >>> (7 * g)) & 0x7f);
        out.write(g == 0 ? sevenBits : sevenBits | 0x80);
      }
    }
    return tlv(TAG_OID, out.toByteArray());
  }
}
