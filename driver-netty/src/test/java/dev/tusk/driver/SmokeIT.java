package dev.tusk.driver;

import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SmokeIT {
  @Test
  void connectsAndQueries(PostgresServer server) throws Exception {
    var options = PgConnectOptions.defaults().withHost(server.host(), server.port()).withUser("postgres").withDatabase(server.database())
        .withTls(TlsOptions.defaults().withMode(SslMode.DISABLE));
    PgConnection conn = PgConnection.connect(options).get();
    List<RowSet> results = conn.simpleQuery("SELECT 1 AS one, 'x' AS two; SELECT version()").get();
    System.out.println(results + " " + results.get(0).get(0));
    RowSet rows = conn.query("SELECT $1::int + 1 AS n, $2 AS s", 41, "hello").get();
    System.out.println(rows.one());
    assertEquals(42, rows.one().getInt("n"));
    RowSet again = conn.query("SELECT $1::int + 1 AS n, $2 AS s", 1, "x").get();
    assertEquals(2, again.one().getInt(0));
    assertEquals("x", again.one().getString("s"));
    System.out.println(conn.serverParameters());
    conn.close().get();
  }
}
