package dev.tusk.driver.result;

/** Reads the row count at the end of a CommandComplete tag. */
public final class CommandTags {
  private CommandTags() {}

  /** {@return the count in {@code INSERT 0 5}, {@code UPDATE 5}, {@code SELECT 5} … or 0 when the tag has none} */
  public static long rowsAffected(String tag) {
    if (tag == null) {
      return 0;
    }
    int space = tag.lastIndexOf(' ');
    if (space < 0 || space == tag.length() - 1) {
      return 0;
    }
    String command = tag.substring(0, tag.indexOf(' '));
    switch (command) {
      case "INSERT", "UPDATE", "DELETE", "MERGE", "SELECT", "MOVE", "FETCH", "COPY" -> {
        long count = 0;
        for (int i = space + 1; i < tag.length(); i++) {
          char c = tag.charAt(i);
          if (c < '0' || c > '9') {
            return 0;
          }
          count = count * 10 + (c - '0');
        }
        return count;
      }
      default -> {
        return 0;
      }
    }
  }
}
