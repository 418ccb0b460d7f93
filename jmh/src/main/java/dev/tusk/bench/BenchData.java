package dev.tusk.bench;

import dev.tusk.driver.PgConnection;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tables every client reads and writes, loaded once per run by the runner before JMH starts:
 * <ul>
 *   <li>{@code bench (id int primary key, val text)}: {@value #POINT_ROWS} rows for point selects;
 *   <li>{@code wide}: {@value #WIDE_ROWS} rows of int, bigint, text, timestamptz, numeric and jsonb;
 *   <li>{@code insert_target (id int, amount bigint, label text)}: empty, filled by the insert
 *       benchmarks and truncated before each of their iterations.
 * </ul>
 * The tables are dropped and created again on every run, so an external server ({@code TUSK_URL})
 * loses tables of these names.
 */
public final class BenchData {
  public static final int POINT_ROWS = 10_000;
  public static final int WIDE_ROWS = 100_000;
  public static final int INSERT_ROWS = 1_000;

  /** The point select in PostgreSQL's own placeholder syntax ({@code $1}). */
  public static final String POINT_SELECT = "SELECT val FROM bench WHERE id = $1";
  /** The same for pgjdbc, which takes JDBC's {@code ?}. */
  public static final String POINT_SELECT_JDBC = "SELECT val FROM bench WHERE id = ?";
  public static final String WIDE_SELECT = "SELECT i, b, t, ts, n, j FROM wide";
  public static final String TRUNCATE_INSERT_TARGET = "TRUNCATE insert_target";

  private static final String SCHEMA = """
      DROP TABLE IF EXISTS bench, wide, insert_target;
      CREATE TABLE bench (id int PRIMARY KEY, val text NOT NULL);
      INSERT INTO bench SELECT g, md5(g::text) FROM generate_series(1, %d) g;
      CREATE TABLE wide (i int NOT NULL, b bigint NOT NULL, t text NOT NULL, ts timestamptz NOT NULL,
                         n numeric(14, 4) NOT NULL, j jsonb NOT NULL);
      INSERT INTO wide
        SELECT g, g * 1000003::bigint, md5(g::text) || repeat('x', g %% 20),
               timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute', (g * 3.14159)::numeric(14, 4),
               jsonb_build_object('id', g, 'name', 'item ' || g, 'active', g %% 2 = 0, 'tags', jsonb_build_array('a', 'b'))
        FROM generate_series(1, %d) g;
      -- autovacuum off: a vacuum starting during a timed iteration would only add noise
      CREATE TABLE insert_target (id int NOT NULL, amount bigint NOT NULL, label text NOT NULL)
        WITH (autovacuum_enabled = off);
      """.formatted(POINT_ROWS, WIDE_ROWS);

  private BenchData() {}

  /** Creates and fills the tables, then vacuums them so every client reads the same settled pages. */
  public static void load(PgConnection connection) {
    connection.simpleQuery(SCHEMA).join();
    // VACUUM cannot run inside the implicit transaction of a multi-statement simple query.
    connection.simpleQuery("VACUUM (ANALYZE) bench").join();
    connection.simpleQuery("VACUUM (ANALYZE) wide").join();
  }

  /** {@return a random id of a {@code bench} row} Safe on any thread, event loops included. */
  public static int randomId() {
    return ThreadLocalRandom.current().nextInt(1, POINT_ROWS + 1);
  }

  /**
   * One row for {@code insert_target}. The insert benchmarks build their rows once; each client then
   * turns them into its own parameter form on every operation, as an application would.
   */
  public record InsertRow(int id, long amount, String label) {}

  /** {@return {@value #INSERT_ROWS} rows to insert} */
  public static java.util.List<InsertRow> insertRows() {
    var rows = new java.util.ArrayList<InsertRow>(INSERT_ROWS);
    for (int i = 0; i < INSERT_ROWS; i++) {
      rows.add(new InsertRow(i, i * 1_000L + 7, "label-" + i));
    }
    return java.util.List.copyOf(rows);
  }
}
