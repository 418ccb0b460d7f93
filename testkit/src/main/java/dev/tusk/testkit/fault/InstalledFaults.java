package dev.tusk.testkit.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The faults a proxy has in effect, in installation order. Writes are rare (a test changing the
 * weather), reads happen per chunk on every flow, so the list is copied on write and read without
 * locking.
 */
final class InstalledFaults {
  /** The {@code firstConnection} of a fault that applies to open connections too. */
  static final long ALL_CONNECTIONS = 0;

  /**
   * One installation of a fault. The sequence number tells a flow that a cut was set again (the
   * count restarts) even when the fault is equal to the one it replaced.
   */
  record Installed(long sequence, Fault fault, long firstConnection) {
    boolean appliesTo(long connection) {
      return connection >= firstConnection;
    }
  }

  private volatile List<Installed> installed = List.of();
  private long lastSequence;

  /**
   * Adds {@code fault} for connections numbered {@code firstConnection} and up. A fault installed
   * for all connections replaces earlier ones of its kind that it covers entirely, which keeps
   * {@link #faults()} short when a test turns one knob many times.
   */
  synchronized void install(Fault fault, long firstConnection) {
    List<Installed> next = new ArrayList<>();
    for (Installed old : installed) {
      boolean shadowed = firstConnection == ALL_CONNECTIONS
          && old.fault().getClass() == fault.getClass()
          && directionOf(fault).covers(directionOf(old.fault()));
      if (!shadowed) {
        next.add(old);
      }
    }
    next.add(new Installed(++lastSequence, fault, firstConnection));
    installed = List.copyOf(next);
  }

  synchronized boolean remove(Fault fault) {
    List<Installed> next = installed.stream().filter(entry -> !entry.fault().equals(fault)).toList();
    boolean removed = next.size() < installed.size();
    installed = next;
    return removed;
  }

  synchronized void clear() {
    installed = List.of();
  }

  List<Fault> faults() {
    return installed.stream().map(Installed::fault).toList();
  }

  /** {@return the rejection that applies to a connection about to be numbered {@code connection}} */
  Optional<Fault.Reject> rejectionFor(long connection) {
    Optional<Fault.Reject> rejection = Optional.empty();
    for (Installed entry : installed) {
      if (entry.appliesTo(connection) && entry.fault() instanceof Fault.Reject reject) {
        rejection = Optional.of(reject);
      }
    }
    return rejection;
  }

  /** {@return what the installed faults mean for bytes travelling {@code flow} on {@code connection}} */
  FlowConditions conditionsFor(long connection, Direction flow) {
    Duration latency = Duration.ZERO;
    long bytesPerSecond = FlowConditions.UNLIMITED;
    boolean blackHoled = false;
    boolean halfClosed = false;
    Optional<Installed> cutAfterBytes = Optional.empty();
    Optional<Installed> cutAtMessage = Optional.empty();
    for (Installed entry : installed) {
      if (!entry.appliesTo(connection) || !directionOf(entry.fault()).covers(flow)) {
        continue;
      }
      switch (entry.fault()) {
        case Fault.Latency fault -> latency = fault.delay();
        case Fault.Bandwidth fault -> bytesPerSecond = fault.bytesPerSecond();
        case Fault.BlackHole fault -> blackHoled = true;
        case Fault.HalfClose fault -> halfClosed = true;
        case Fault.CutAfterBytes fault -> cutAfterBytes = Optional.of(entry);
        case Fault.CutAtMessage fault -> cutAtMessage = Optional.of(entry);
        case Fault.Reject fault -> {
          // decided once, at accept time: see rejectionFor
        }
      }
    }
    return new FlowConditions(latency, bytesPerSecond, blackHoled, halfClosed, cutAfterBytes, cutAtMessage);
  }

  private static Direction directionOf(Fault fault) {
    return switch (fault) {
      case Fault.Latency latency -> latency.direction();
      case Fault.Bandwidth bandwidth -> bandwidth.direction();
      case Fault.BlackHole blackHole -> blackHole.direction();
      case Fault.HalfClose halfClose -> halfClose.direction();
      case Fault.CutAfterBytes cut -> cut.direction();
      case Fault.CutAtMessage cut -> cut.direction();
      case Fault.Reject reject -> Direction.BOTH;
    };
  }
}
