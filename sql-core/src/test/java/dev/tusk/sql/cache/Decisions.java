package dev.tusk.sql.cache;

import java.util.Arrays;
import java.util.Random;

/**
 * The structural choices of a generated statement, recorded on a tape so that a statement can be
 * generated again with the same structure (and other values), or with one choice changed (a near
 * miss, the pairs most likely to expose a key that misses something). Values are never drawn from
 * here, so the structure cannot depend on them.
 */
final class Decisions {
  private final Random random;
  private final int[] replay;
  private int[] tape = new int[64];
  private int length;

  private Decisions(Random random, int[] replay) {
    this.random = random;
    this.replay = replay;
  }

  /** {@return fresh decisions} */
  static Decisions fresh(long seed) {
    return new Decisions(new Random(seed), new int[0]);
  }

  /** {@return decisions replaying this tape, then fresh ones drawn from {@code seed}} */
  static Decisions replaying(int[] tape, long seed) {
    return new Decisions(new Random(seed), tape);
  }

  /** {@return a choice in [0, bound)} */
  int choose(int bound) {
    int choice = length < replay.length ? Math.floorMod(replay[length], bound) : random.nextInt(bound);
    if (length == tape.length) {
      tape = Arrays.copyOf(tape, length * 2);
    }
    tape[length++] = choice;
    return choice;
  }

  /** {@return true with probability percent/100} */
  boolean chance(int percent) {
    return choose(100) < percent;
  }

  /** {@return one of the options} */
  @SafeVarargs
  final <T> T oneOf(T... options) {
    return options[choose(options.length)];
  }

  /** {@return the choices made so far} */
  int[] tape() {
    return Arrays.copyOf(tape, length);
  }
}
