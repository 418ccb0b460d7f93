package dev.tusk.driver.transport;

import static dev.tusk.driver.TestConnections.await;
import static dev.tusk.driver.TestConnections.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.Transport;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Asking for a native transport never stops a connection: without its jars it runs on NIO. */
@ExtendWith(PostgresExtension.class)
class TransportFallbackIT {
  @ParameterizedTest
  @EnumSource(Transport.class)
  void everyTransportConnectsAndQueries(Transport transport, PostgresServer server) {
    PgConnection connection = await(PgConnection.connect(options(server).withTransport(transport)));
    try {
      assertEquals(42, await(connection.query("SELECT $1::int", 42)).one().getInt(0));
    } finally {
      await(connection.close());
    }
    assertFalse(connection.isOpen());
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"EPOLL", "IO_URING"})
  void theTransportKeywordOfAConnectionStringIsHonouredTheSameWay(Transport transport, PostgresServer server) {
    String url = server.url();
    String keyword = transport == Transport.EPOLL ? "epoll" : "io_uring";
    PgConnection connection = await(PgConnection.connect(url + (url.contains("?") ? "&" : "?") + "sslmode=disable&transport=" + keyword));
    try {
      assertEquals(1, await(connection.simpleQuery("SELECT 1")).get(0).one().getInt(0));
    } finally {
      await(connection.close());
    }
  }
}
