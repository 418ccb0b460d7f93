package dev.tusk.sql.ast;

import java.util.List;
import java.util.Objects;

/**
 * A row-locking clause: {@code FOR strength [OF t, ...] [NOWAIT | SKIP LOCKED]}.
 *
 * @param strength the lock strength
 * @param of the relations locked (unqualified names or aliases, as PostgreSQL requires), or empty
 *     for all of them
 * @param waitPolicy what to do when a row is locked already
 */
public record Lock(Strength strength, List<String> of, Wait waitPolicy) {
  public Lock {
    Objects.requireNonNull(strength, "strength");
    of = List.copyOf(of);
    Objects.requireNonNull(waitPolicy, "waitPolicy");
  }

  /** Lock strengths, with their keywords. */
  public enum Strength {
    UPDATE("FOR UPDATE"), NO_KEY_UPDATE("FOR NO KEY UPDATE"), SHARE("FOR SHARE"), KEY_SHARE("FOR KEY SHARE");

    private final String keywords;

    Strength(String keywords) {
      this.keywords = keywords;
    }

    /** {@return the SQL keywords} */
    public String keywords() {
      return keywords;
    }
  }

  /** Waiting policies. */
  public enum Wait {
    WAIT, NOWAIT, SKIP_LOCKED
  }
}
