package dev.tusk.driver;

import java.util.Locale;

/**
 * The Netty transport connections use. NIO works everywhere (Linux, macOS, Windows) and is the
 * default; the native ones are used only when asked for and present on the class path.
 */
public enum Transport {
  NIO,
  /** Linux epoll ({@code netty-transport-native-epoll}); falls back to NIO when absent. */
  EPOLL,
  /** Linux io_uring ({@code netty-transport-native-io_uring}); falls back to NIO when absent. */
  IO_URING;

  public static Transport fromKeyword(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "nio" -> NIO;
      case "epoll" -> EPOLL;
      case "io_uring", "iouring" -> IO_URING;
      default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid transport '" + value + "': use nio, epoll or io_uring");
    };
  }
}
