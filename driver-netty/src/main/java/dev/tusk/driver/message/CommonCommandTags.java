package dev.tusk.driver.message;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The CommandComplete messages a busy application sees all the time (a one-row SELECT, INSERT,
 * UPDATE or DELETE, and transaction control), decoded once and shared: a point select then
 * allocates no tag string. Anything else is decoded as usual.
 */
final class CommonCommandTags {
  private static final String[] TAGS = {
      "SELECT 1", "SELECT 0", "INSERT 0 1", "UPDATE 1", "DELETE 1", "UPDATE 0", "DELETE 0",
      "BEGIN", "COMMIT", "ROLLBACK", "SET", "SAVEPOINT", "RELEASE"};
  private static final byte[][] BYTES = new byte[TAGS.length][];
  private static final BackendMessage.CommandComplete[] MESSAGES = new BackendMessage.CommandComplete[TAGS.length];

  static {
    for (int i = 0; i < TAGS.length; i++) {
      BYTES[i] = TAGS[i].getBytes(StandardCharsets.US_ASCII);
      MESSAGES[i] = new BackendMessage.CommandComplete(TAGS[i]);
    }
  }

  private CommonCommandTags() {}

  /** {@return the shared message whose tag is the {@code length} bytes at {@code index}, or {@code null}} */
  static BackendMessage.CommandComplete find(ByteBuf buffer, int index, int length) {
    for (int i = 0; i < BYTES.length; i++) {
      byte[] tag = BYTES[i];
      if (tag.length == length && sameBytes(buffer, index, tag)) {
        return MESSAGES[i];
      }
    }
    return null;
  }

  private static boolean sameBytes(ByteBuf buffer, int index, byte[] tag) {
    for (int i = 0; i < tag.length; i++) {
      if (buffer.getByte(index + i) != tag[i]) {
        return false;
      }
    }
    return true;
  }
}
