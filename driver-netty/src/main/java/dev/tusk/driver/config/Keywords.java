package dev.tusk.driver.config;

/**
 * The checks both connection-string forms apply to what they store: the shape of a keyword, and
 * the port numbers (the one value libpq parses rather than passes on, so that a typo is reported
 * with its position instead of as a failure to connect).
 */
final class Keywords {
  private Keywords() {}

  /** Shown in errors: libpq keywords and server setting names (custom ones have a dot) fit it. */
  static final String KEY_SHAPE = "[a-z_][a-z0-9_.]*";

  /** {@return the index of the first character of {@code key} outside {@link #KEY_SHAPE}, or -1} */
  static int firstIllegalCharacter(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean legal = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && ((c >= '0' && c <= '9') || c == '.'));
      if (!legal) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@return what is wrong with one entry of a port list, or null when it is valid}: empty (the
   * default port, as in libpq's lists) or a decimal number from 1 to 65535
   */
  static String portProblem(String port) {
    if (port.isEmpty()) {
      return null;
    }
    for (int i = 0; i < port.length(); i++) {
      if (port.charAt(i) < '0' || port.charAt(i) > '9') {
        return "port is not a number";
      }
    }
    int significant = port.length();
    for (int i = 0; i < port.length() - 1 && port.charAt(i) == '0'; i++) {
      significant--;
    }
    if (significant > 5 || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535) {
      return "port is out of range 1-65535";
    }
    return null;
  }

  /** {@return what is wrong with a comma-separated port list, or null when every entry is valid} */
  static String portListProblem(String ports) {
    for (String port : ports.split(",", -1)) {
      String problem = portProblem(port);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }
}
