package dev.tusk.driver;

/**
 * One server address to try.
 *
 * @param host a host name or an IP literal (IPv6 without brackets)
 * @param port the TCP port
 */
public record HostAndPort(String host, int port) {
  public static final int DEFAULT_PORT = 5432;

  public HostAndPort {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
    }
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
