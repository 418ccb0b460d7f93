package dev.tusk.sql.ast;

/** Validation of the names nodes carry; quoting is the compiler's job. */
final class Names {
  private Names() {}

  static String requireFunctionName(String name) {
    if (name == null || name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")
        || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a function name: '" + name + "'");
    }
    return name;
  }

  static String requireIdentifier(String name, String what) {
    if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a valid " + what + ": '" + name + "'");
    }
    return name;
  }
}
