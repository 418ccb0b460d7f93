package dev.tusk.testkit.fault;

import java.util.List;

/**
 * A snapshot of what a {@link FaultProxy} has done, for assertions.
 *
 * @param accepted connections accepted since the proxy started, including rejected ones
 * @param rejected connections closed right after accept by a {@link Fault.Reject}
 * @param open connections forwarding now (a half-closed or silenced connection is still open; a cut
 *     or finished one is not)
 * @param bytesToServer bytes forwarded to the server, over all connections
 * @param bytesToClient bytes forwarded to clients, over all connections
 * @param cuts the cuts so far, in the order they happened
 */
public record ProxyStats(long accepted, long rejected, int open, long bytesToServer, long bytesToClient, List<CutEvent> cuts) {
  public ProxyStats {
    cuts = List.copyOf(cuts);
  }
}
