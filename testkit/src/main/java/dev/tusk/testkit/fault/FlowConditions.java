package dev.tusk.testkit.fault;

import java.time.Duration;
import java.util.Optional;

/**
 * What the installed faults mean for one direction of one connection right now.
 *
 * @param latency how long each chunk waits before it is written
 * @param bytesPerSecond the pacing rate, or {@link #UNLIMITED}
 * @param blackHoled whether chunks are held instead of written
 * @param halfClosed whether the receiving peer gets a FIN and nothing more
 * @param cutAfterBytes the installed {@link Fault.CutAfterBytes} in effect, if any
 * @param cutAtMessage the installed {@link Fault.CutAtMessage} in effect, if any
 */
record FlowConditions(
    Duration latency,
    long bytesPerSecond,
    boolean blackHoled,
    boolean halfClosed,
    Optional<InstalledFaults.Installed> cutAfterBytes,
    Optional<InstalledFaults.Installed> cutAtMessage) {

  static final long UNLIMITED = 0;

  boolean paced() {
    return bytesPerSecond != UNLIMITED;
  }
}
