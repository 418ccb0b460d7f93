package dev.tusk.sql.exec;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PoolOptions;
import dev.tusk.sql.Engine;
import dev.tusk.testkit.PostgresServer;

/**
 * Engines for the execution tests, each confined to a PostgreSQL schema of its own: the schema is
 * the connections' {@code search_path} (a startup setting, so the pool's RESET ALL keeps it), and
 * the test tables, declared without a schema, are created in it. Test classes therefore never see
 * each other's tables, even when they use the same names.
 */
final class TestEngines {
  private TestEngines() {}

  /** {@return the options of a connection to the test server whose search path is {@code schema}} */
  static PgConnectOptions options(PostgresServer server, String schema) {
    // A provisioned server has TLS on; plain TCP keeps the tests' connects cheap.
    String url = server.externalUrl() != null ? server.externalUrl() : server.url() + "?sslmode=disable";
    return PgConnectOptions.parse(url).withServerSetting("search_path", schema);
  }

  /** {@return an engine whose connections work in {@code schema}, created empty (dropped first if it exists)} */
  static Engine inFreshSchema(PostgresServer server, String schema, PoolOptions pool) {
    var engine = Engine.create(options(server, schema), pool);
    engine.connect(conn -> conn.executeScript("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema));
    return engine;
  }

  static Engine inFreshSchema(PostgresServer server, String schema) {
    return inFreshSchema(server, schema, PoolOptions.defaults().maxSize(4));
  }

  /** Drops the schema and everything in it, then closes the engine. */
  static void dropSchemaAndClose(Engine engine, String schema) {
    try {
      engine.connect(conn -> conn.executeScript("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    } finally {
      engine.close();
    }
  }
}
