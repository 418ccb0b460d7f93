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

  /** Session-changing commands by the first word of their tag (compared in place: this runs per command). */
  private static final String[] SESSION_COMMANDS =
      {"SET", "RESET", "LISTEN", "UNLISTEN", "DISCARD", "PREPARE", "DEALLOCATE", "DECLARE", "LOAD", "CREATE"};

  private static boolean changesSession(String tag) {
    for (String command : SESSION_COMMANDS) {
      if (tag.startsWith(command) && (tag.length() == command.length() || tag.charAt(command.length()) == ' ')) {
        return true;
      }
    }
    return false;
  }
}
