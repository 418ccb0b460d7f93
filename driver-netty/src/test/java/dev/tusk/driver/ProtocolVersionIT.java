package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.protocol.ChannelConnection;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Protocol 3.2 (PostgreSQL 18+) where the server offers it, 3.0 otherwise, and cancellation works
 * with either key: a CancelRequest carrying a truncated 3.2 key would be ignored by the server, and
 * the sleeping statement below would run its full 30 s.
 */
@ExtendWith(PostgresExtension.class)
class ProtocolVersionIT {
  private final PostgresServer server;

  ProtocolVersionIT(PostgresServer server) {
    this.server = server;
  }

  @ParameterizedTest(name = "asking for 3.{0}")
  @ValueSource(ints = {0, 2})
  void theNegotiatedVersionIsTheNewestBothSidesSpeakAndItsCancelKeyWorks(int askedMinor) throws Exception {
    PgConnection connection = TestConnections.connect(options(server).withMaxProtocolMinorVersion(askedMinor));
    try {
      int serverVersion = Integer.parseInt(await(connection.query("SHOW server_version_num")).one().getString(0));
      int expected = askedMinor == 2 && serverVersion >= 180_000 ? 2 : 0;
      assertEquals(expected, ((ChannelConnection) connection).protocolMinorVersion(), "server " + serverVersion);
      long start = System.nanoTime();
      var sleeping = connection.query("SELECT pg_sleep(30)");
      Thread.sleep(200);
      assertTrue(sleeping.cancel(true));
      assertThrows(CancellationException.class, sleeping::join);
      assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0), "usable after the cancel");
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the server honoured the CancelRequest");
      assertEquals(1, ((ChannelConnection) connection).cancelsSent());
    } finally {
      await(connection.close());
    }
  }
}
