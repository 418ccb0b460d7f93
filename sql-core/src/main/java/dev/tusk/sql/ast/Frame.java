package dev.tusk.sql.ast;

import java.util.Objects;

/**
 * A window frame: {@code unit BETWEEN start AND end}, or {@code unit start} when {@code end} is
 * null (the frame then ends at the current row).
 *
 * @param unit ROWS, RANGE or GROUPS
 * @param start where the frame starts
 * @param end where it ends, or null
 */
public record Frame(Unit unit, FrameBound start, FrameBound end) {
  public Frame {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(start, "start");
  }

  /** What a frame counts in. */
  public enum Unit {
    ROWS, RANGE, GROUPS
  }
}
