package dev.tusk.testkit.fault;

/** Which way the bytes a {@link Fault} acts on travel through the proxy. */
public enum Direction {
  /** Client to server: what the driver sends. */
  TO_SERVER,
  /** Server to client: what the server answers. */
  TO_CLIENT,
  /** Both ways at once. */
  BOTH;

  /** {@return whether a fault in this direction acts on bytes travelling {@code flow}} */
  boolean covers(Direction flow) {
    return this == BOTH || this == flow;
  }
}
