package dev.tusk.driver.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.Row;
import dev.tusk.driver.SslMode;
import dev.tusk.driver.TlsOptions;
import dev.tusk.testkit.PostgresServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one value three ways, as the driver receives it: through the simple protocol (text), the
 * first extended execution of a statement (text: the column types are not known when Bind is
 * written) and a later one (binary wherever a codec decodes it).
 */
final class RoundTrip implements AutoCloseable {
  private static final AtomicInteger UNIQUE = new AtomicInteger();

  final PgConnection conn;

  private RoundTrip(PgConnection conn) {
    this.conn = conn;
  }

  static RoundTrip connect(PostgresServer server) throws Exception {
    var options = PgConnectOptions.defaults().withHost(server.host(), server.port()).withUser("postgres")
        .withDatabase(server.database()).withTls(TlsOptions.defaults().withMode(SslMode.DISABLE));
    return new RoundTrip(PgConnection.connect(options).get());
  }

  /** The three rows of {@code sql}: simple, first extended (text), second extended (binary if decodable). */
  record Reads(Row simple, Row text, Row binary) {
    List<Row> all() {
      return List.of(simple, text, binary);
    }
  }

  Reads read(String sql, Object... parameters) throws Exception {
    // a statement text of its own, so that its first extended execution really is its first
    String unique = sql + " -- " + UNIQUE.incrementAndGet();
    Row simple = parameters.length == 0 ? conn.simpleQuery(unique).get().get(0).one() : null;
    Row text = conn.query(unique, parameters).get().one();
    Row binary = conn.query(unique, parameters).get().one();
    assertEquals(0, text.columns().get(0).format(), "first execution arrives in text");
    return new Reads(simple == null ? text : simple, text, binary);
  }

  /**
   * Asserts that column 0 of {@code sql} decodes to {@code expected} in text and in binary, arrives
   * in binary on the second execution when {@code binary}, and that {@code getString} of the binary
   * value equals the server's text.
   */
  Reads assertReads(String sql, Object expected, boolean binary) throws Exception {
    Reads reads = read(sql);
    assertEquals(binary ? 1 : 0, reads.binary().columns().get(0).format(), "format of the second execution of " + sql);
    for (Row row : reads.all()) {
      assertEquals(expected, row.get(0), sql + " in format " + row.columns().get(0).format());
    }
    assertEquals(reads.simple().getString(0), reads.binary().getString(0), "getString of binary equals the text of " + sql);
    assertEquals(reads.simple().getString(0), reads.text().getString(0));
    return reads;
  }

  Reads assertReads(String sql, Object expected) throws Exception {
    return assertReads(sql, expected, true);
  }

  /** Asserts that getString of column 0 is the same in text and binary, and returns it. */
  String assertSameText(String sql) throws Exception {
    Reads reads = read(sql);
    assertEquals(1, reads.binary().columns().get(0).format(), "binary second execution of " + sql);
    assertEquals(reads.simple().getString(0), reads.binary().getString(0), "getString of binary equals the text of " + sql);
    return reads.simple().getString(0);
  }

  /**
   * Sends {@code value} as {@code $1} and asserts that the server sees the same value as
   * {@code literal} ({@code $1 IS NOT DISTINCT FROM literal}), twice (Bind in text-result and
   * binary-result statements).
   */
  void assertSends(Object value, String literal) throws Exception {
    String sql = "SELECT $1 IS NOT DISTINCT FROM (" + literal + "), $1::text, (" + literal + ")::text";
    Reads reads = read(sql, value);
    for (Row row : List.of(reads.text(), reads.binary())) {
      assertTrue(row.getBoolean(0), () -> value + " sent as $1 reads on the server as " + row.getString(1)
          + ", expected " + row.getString(2));
    }
  }

  /** {@return the server's major version} */
  int majorVersion() {
    return Integer.parseInt(conn.serverParameters().get("server_version").split("[.\\s]")[0]);
  }

  void execute(String sql) throws Exception {
    conn.simpleQuery(sql).get();
  }

  @Override
  public void close() throws Exception {
    conn.close().get();
  }
}
