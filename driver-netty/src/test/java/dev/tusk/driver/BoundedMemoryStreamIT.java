package dev.tusk.driver;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Streams five million rows (about 300 MB on the wire) through a JVM whose heap is 64 MB: it can
 * only pass if memory stays bounded. Runs in its own failsafe execution with {@code -Xmx64m}.
 */
@ExtendWith(PostgresExtension.class)
class BoundedMemoryStreamIT {
  private static final long ROWS = 5_000_000;

  @Test
  void fiveMillionRowsStreamThroughA64MegabyteHeap(PostgresServer server) {
    assertTrue(Runtime.getRuntime().maxMemory() <= 80L << 20, "this test must run with -Xmx64m");
    PgConnection connection = connect(options(server));
    try {
      long count = 0;
      long sum = 0;
      try (Stream<Row> rows = connection.stream(
          "SELECT n, repeat('x', 40) || n AS padding FROM (SELECT generate_series(1, $1::bigint) AS n) s", ROWS).stream()) {
        Iterator<Row> iterator = rows.iterator();
        while (iterator.hasNext()) {
          Row row = iterator.next();
          sum += row.getLong(0);
          count++;
        }
      }
      assertEquals(ROWS, count);
      assertEquals(ROWS * (ROWS + 1) / 2, sum);

      try (Stream<Row> rows = connection.stream("SELECT generate_series(1, $1::bigint) AS n", ROWS).stream()) {
        assertEquals(100_000, rows.limit(100_000).count());
      }
      assertEquals(1, await(connection.query("SELECT 1")).one().getInt(0), "usable after a cancel mid-stream");
    } finally {
      await(connection.close());
    }
  }
}
