package dev.tusk.driver.protocol;

/**
 * Keeps the prepared-statement cache true to the server when the user drops statements with SQL:
 * after {@code DISCARD ALL} or any {@code DEALLOCATE} the server may no longer have ours, so the
 * cache forgets them all (re-preparing is cheap; a missing statement is an error).
 */
final class StatementInvalidation {
  private StatementInvalidation() {}

  static void afterCommand(String tag, FlowContext context) {
    if (tag.equals("DISCARD ALL") || tag.startsWith("DEALLOCATE")) {
      context.statements().clear();
    }
  }
}
