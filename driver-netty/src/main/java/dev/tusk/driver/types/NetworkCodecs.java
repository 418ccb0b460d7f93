package dev.tusk.driver.types;

import dev.tusk.driver.PgInet;
import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * inet, cidr, macaddr and macaddr8. An inet holding a single host decodes to {@link InetAddress};
 * an inet network and every cidr decode to {@link PgInet}. MAC addresses decode to their text
 * ({@code 08:00:2b:01:02:03}). Addresses are built from their bytes: no name lookup ever happens.
 * InetAddress and PgInet parameters are sent as inet in binary.
 *
 * <p>Binary inet/cidr ({@code inet_send}): family (2 IPv4, 3 IPv6), prefix bits, is-cidr flag,
 * address length, address bytes.
 */
enum NetworkCodecs implements Codec {
  INET(InetAddress.class),
  CIDR(PgInet.class),
  MACADDR(String.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      IntCodecs.checkLength(length, 6);
      return mac(bytes, offset, length);
    }
  },
  MACADDR8(String.class) {
    @Override
    public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
      IntCodecs.checkLength(length, 8);
      return mac(bytes, offset, length);
    }
  };

  private static final int FAMILY_INET = 2;
  private static final int FAMILY_INET6 = 3;

  private final Class<?> javaType;

  NetworkCodecs(Class<?> javaType) {
    this.javaType = javaType;
  }

  @Override
  public Class<?> javaType() {
    return javaType;
  }

  @Override
  public boolean decodesBinary() {
    return true;
  }

  @Override
  public Object decodeBinary(byte[] bytes, int offset, int length, TypeRegistry types) {
    var in = new BinaryCursor(bytes, offset, length);
    int family = in.readUnsignedByte();
    int bits = in.readUnsignedByte();
    in.readUnsignedByte(); // is_cidr: the column type says it already
    int size = in.readUnsignedByte();
    int expected = family == FAMILY_INET ? 4 : family == FAMILY_INET6 ? 16 : -1;
    if (size != expected || bits > size * 8) {
      throw new DecodingException("inet of family " + family + " with " + size + " address bytes and " + bits + " bits");
    }
    byte[] address = new byte[size];
    System.arraycopy(bytes, in.position(), address, 0, size);
    in.skip(size);
    in.expectEnd();
    return value(address(address), bits);
  }

  @Override
  public Object decodeText(byte[] bytes, int offset, int length, TypeRegistry types) {
    String text = TextParsing.string(bytes, offset, length);
    if (this == MACADDR || this == MACADDR8) {
      return text;
    }
    int slash = text.indexOf('/');
    byte[] address = parseAddress(slash < 0 ? text : text.substring(0, slash), text);
    int bits = address.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new DecodingException("not an inet: " + text);
      }
      if (bits < 0 || bits > address.length * 8) {
        throw new DecodingException("not an inet: " + text);
      }
    }
    return value(address(address), bits);
  }

  private Object value(InetAddress address, int bits) {
    boolean host = bits == (address instanceof Inet4Address ? 32 : 128);
    return this == INET && host ? address : new PgInet(address, bits);
  }

  private static String mac(byte[] bytes, int offset, int length) {
    var out = new StringBuilder(length * 3);
    for (int i = 0; i < length; i++) {
      if (i > 0) {
        out.append(':');
      }
      out.append(Character.forDigit((bytes[offset + i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[offset + i] & 0xF, 16));
    }
    return out.toString();
  }

  /** An IPv6 address stays an Inet6Address even when it maps an IPv4 one ({@code ::ffff:1.2.3.4}). */
  private static InetAddress address(byte[] address) {
    try {
      return address.length == 4 ? InetAddress.getByAddress(address) : Inet6Address.getByAddress(null, address, -1);
    } catch (UnknownHostException e) {
      throw new DecodingException("invalid address of " + address.length + " bytes", e);
    }
  }

  /** Parses a numeric IPv4 or IPv6 address by hand: {@link InetAddress#getByName} could resolve a name. */
  private static byte[] parseAddress(String text, String value) {
    try {
      if (text.indexOf(':') < 0) {
        byte[] address = new byte[4];
        parseIpv4(text, address, 0);
        return address;
      }
      return parseIpv6(text);
    } catch (RuntimeException e) {
      throw new DecodingException("not an inet: " + value);
    }
  }

  private static void parseIpv4(String text, byte[] into, int at) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(text);
    }
    for (int i = 0; i < 4; i++) {
      int octet = Integer.parseInt(parts[i]);
      if (octet < 0 || octet > 255 || parts[i].startsWith("+")) {
        throw new IllegalArgumentException(text);
      }
      into[at + i] = (byte) octet;
    }
  }

  private static byte[] parseIpv6(String text) {
    byte[] address = new byte[16];
    int gap = text.indexOf("::");
    String head = gap < 0 ? text : text.substring(0, gap);
    String tail = gap < 0 ? "" : text.substring(gap + 2);
    byte[] front = groups(head);
    byte[] back = groups(tail);
    if (front.length + back.length > 16 || (gap < 0 && front.length != 16) || (gap >= 0 && front.length + back.length == 16)) {
      throw new IllegalArgumentException(text);
    }
    System.arraycopy(front, 0, address, 0, front.length);
    System.arraycopy(back, 0, address, 16 - back.length, back.length);
    return address;
  }

  /** The bytes of colon-separated hex groups, the last of which may be a dotted IPv4 address. */
  private static byte[] groups(String text) {
    if (text.isEmpty()) {
      return new byte[0];
    }
    String[] parts = text.split(":", -1);
    boolean ipv4 = parts[parts.length - 1].indexOf('.') >= 0;
    byte[] out = new byte[parts.length * 2 + (ipv4 ? 2 : 0)];
    for (int i = 0; i < parts.length; i++) {
      if (ipv4 && i == parts.length - 1) {
        parseIpv4(parts[i], out, 2 * i);
      } else {
        if (parts[i].isEmpty() || parts[i].length() > 4) {
          throw new IllegalArgumentException(text);
        }
        int group = Integer.parseInt(parts[i], 16);
        out[2 * i] = (byte) (group >> 8);
        out[2 * i + 1] = (byte) group;
      }
    }
    return out;
  }

  // --- output and parameters

  /** {@return the address as PostgreSQL prints it}: IPv6 with the longest zero run as {@code ::} */
  static String format(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + "." + (bytes[3] & 0xFF);
    }
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
    }
    int bestBase = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      if (words[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && words[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestBase = start;
        bestLength = i - start;
      }
    }
    if (bestLength < 2) {
      bestBase = -1;
    }
    var out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLength) {
        if (i == bestBase) {
          out.append(':');
        }
        continue;
      }
      if (i != 0) {
        out.append(':');
      }
      // an IPv4-compatible or IPv4-mapped address ends in dotted form, as inet_net_ntop writes it
      if (i == 6 && bestBase == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xFFFF))) {
        out.append(bytes[12] & 0xFF).append('.').append(bytes[13] & 0xFF).append('.')
            .append(bytes[14] & 0xFF).append('.').append(bytes[15] & 0xFF);
        return out.toString();
      }
      out.append(Integer.toHexString(words[i]));
    }
    if (bestBase >= 0 && bestBase + bestLength == 8) {
      out.append(':');
    }
    return out.toString();
  }

  static String format(PgInet inet) {
    return format(inet.address()) + "/" + inet.prefixLength();
  }

  /** Sends InetAddress (a host) and PgInet (a network) as inet. */
  enum InetEncoder implements Encoder {
    INSTANCE;

    @Override
    public int typeOid(Object value) {
      return PgType.INET.oid();
    }

    @Override
    public short format() {
      return 1;
    }

    @Override
    public void encode(Object value, ByteBuf out, TypeRegistry types) {
      InetAddress address = value instanceof PgInet inet ? inet.address() : (InetAddress) value;
      byte[] bytes = address.getAddress();
      int bits = value instanceof PgInet inet ? inet.prefixLength() : bytes.length * 8;
      out.writeByte(bytes.length == 4 ? FAMILY_INET : FAMILY_INET6);
      out.writeByte(bits);
      out.writeByte(0);
      out.writeByte(bytes.length);
      out.writeBytes(bytes);
    }
  }
}
