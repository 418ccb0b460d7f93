package dev.tusk.driver.protocol;

/** What a flow says after handling a message. */
public enum Outcome {
  /** More messages belong to this flow. */
  CONTINUE,
  /** The flow has completed (normally at its ReadyForQuery); the next message belongs to the next flow. */
  DONE
}
