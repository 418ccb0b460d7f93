package dev.tusk.driver.config;

import static dev.tusk.driver.TestConnections.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.Row;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Settings in a connection string reach the server's session: {@code options} and other keywords alike. */
@ExtendWith(PostgresExtension.class)
class ConnectionStringIT {
  @Test
  void optionsAndUnknownKeywordsBecomeSessionSettings(PostgresServer server) {
    String url = server.url();
    String separator = url.contains("?") ? "&" : "?";
    PgConnection connection = await(PgConnection.connect(url + separator
        + "sslmode=disable&options=-c%20statement_timeout%3D1234%20-c%20lock_timeout%3D2s"
        + "&application_name=tusk-options-test&work_mem=5MB"));
    try {
      Row row = await(connection.query("SELECT current_setting('statement_timeout'), current_setting('lock_timeout'),"
          + " current_setting('application_name'), current_setting('work_mem')")).one();
      assertEquals("1234ms", row.getString(0));
      assertEquals("2s", row.getString(1));
      assertEquals("tusk-options-test", row.getString(2));
      assertEquals("5MB", row.getString(3));
      assertEquals("1234ms", await(connection.simpleQuery("SHOW statement_timeout")).get(0).one().getString(0));
    } finally {
      await(connection.close());
    }
  }
}
