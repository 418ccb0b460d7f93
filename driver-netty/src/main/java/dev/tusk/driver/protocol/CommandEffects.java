package dev.tusk.driver.protocol;

/**
 * What a completed command did to the session, read from its command tag:
 * <ul>
 *   <li>after {@code DISCARD ALL} or any {@code DEALLOCATE} the server may no longer have our
 *       prepared statements, so the cache forgets them all (re-preparing is cheap; a missing
 *       statement is an error);
 *   <li>SET, RESET, LISTEN, temporary tables, cursors… change session state that a pool must reset
 *       before lending the connection to someone else.
 * </ul>
 */
final class CommandEffects {
  private CommandEffects() {}

  static void afterCommand(String tag, FlowContext context) {
    if (tag.equals("DISCARD ALL") || tag.startsWith("DEALLOCATE")) {
      context.statements().clear();
    }
    if (changesSession(tag)) {
      context.session().sessionChanged();
    }
  }

  private static boolean changesSession(String tag) {
    int space = tag.indexOf(' ');
    String command = space < 0 ? tag : tag.substring(0, space);
    return switch (command) {
      case "SET", "RESET", "LISTEN", "UNLISTEN", "DISCARD", "PREPARE", "DEALLOCATE", "DECLARE", "LOAD", "CREATE" -> true;
      default -> false;
    };
  }
}
