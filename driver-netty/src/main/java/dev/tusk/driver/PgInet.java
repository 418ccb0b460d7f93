package dev.tusk.driver;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An {@code inet} network or a {@code cidr} value: an address with a prefix length. An {@code inet}
 * column holding a single host (prefix 32 or 128) reads as a plain {@link InetAddress}; a {@code cidr}
 * column always reads as a {@code PgInet}. As a parameter it is sent as {@code inet} (assignable to a
 * {@code cidr} column).
 *
 * @param address the address (no name lookups are ever made)
 * @param prefixLength the number of network bits: 0–32 for IPv4, 0–128 for IPv6
 */
public record PgInet(InetAddress address, int prefixLength) {
  public PgInet {
    int max = address instanceof Inet4Address ? 32 : 128;
    if (prefixLength < 0 || prefixLength > max) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0.." + max);
    }
  }

  /** {@return whether the value is a single host address (the prefix covers every bit)} */
  public boolean isHost() {
    return prefixLength == (address instanceof Inet4Address ? 32 : 128);
  }

  /** {@return the value as PostgreSQL prints an inet, for example {@code 10.0.0.0/8}} */
  @Override
  public String toString() {
    return dev.tusk.driver.types.TextOutput.format(this);
  }
}
