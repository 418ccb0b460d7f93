package dev.tusk.driver.protocol;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.types.TypeRegistry;

/** What a flow may use of its connection; all of it confined to the event loop. */
interface FlowContext {
  PgConnectOptions options();

  TypeRegistry types();

  PreparedStatementCache statements();

  /** Sends messages now, in one flush: for flows that answer the server mid-exchange (authentication, COPY). */
  void send(FrontendMessage... messages);

  /** {@return whether the socket can take more data now without queueing it in memory} */
  boolean isWritable();

  /** Runs {@code action} on the connection's event loop (now if already there). */
  void onEventLoop(Runnable action);

  /** Starts reading again after the head flow said it was not ready; safe to call from any thread. */
  void resumeReading();

  /** Queues {@code flow} ahead of every waiting command: a transparent retry. */
  void resubmitFirst(CommandFlow flow);

  /** {@return the session's state that flows record (server parameters, backend key, TLS)} */
  SessionState session();
}
