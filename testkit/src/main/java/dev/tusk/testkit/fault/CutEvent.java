package dev.tusk.testkit.fault;

import java.util.Objects;
import java.util.Optional;

/**
 * One connection the proxy cut, for assertions.
 *
 * @param connection the connection's number; connections are numbered from 1 in accept order
 * @param style how it was cut
 * @param fault the cut fault that fired, or empty when {@link FaultProxy#cutAll} cut it
 * @param bytesToServer bytes forwarded to the server on this connection before the cut
 * @param bytesToClient bytes forwarded to the client on this connection before the cut
 */
public record CutEvent(long connection, CutStyle style, Optional<Fault> fault, long bytesToServer, long bytesToClient) {
  public CutEvent {
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(fault, "fault");
  }
}
