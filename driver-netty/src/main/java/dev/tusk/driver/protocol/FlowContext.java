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

  /** {@return the session's state that flows record (server parameters, backend key, TLS)} */
  SessionState session();
}
