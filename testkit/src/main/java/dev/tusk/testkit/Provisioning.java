package dev.tusk.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * What a provisioned test server looks like, independent of how it is started: its settings, its
 * {@code pg_hba.conf} (one role per authentication method) and the SQL that creates the roles.
 */
final class Provisioning {
  static final String DATABASE = "tusk";

  private Provisioning() {}

  /**
   * Server settings. Durability is off (the cluster is thrown away), TLS is on, and there are
   * enough connection slots for pool and cancellation-storm tests.
   */
  static List<String> settings(String certificateDirectory, String hbaFile) {
    return List.of(
        "listen_addresses = 'localhost'",
        "max_connections = 300",
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "password_encryption = 'scram-sha-256'",
        "ssl = on",
        "ssl_cert_file = '" + certificateDirectory + "/server.crt'",
        "ssl_key_file = '" + certificateDirectory + "/server.key'",
        "ssl_ca_file = '" + certificateDirectory + "/ca.crt'",
        "hba_file = '" + hbaFile + "'",
        "log_min_messages = warning",
        "log_min_error_statement = panic",
        "timezone = 'UTC'");
  }

  /** First match wins, so the TLS-only rejections come before the catch-all lines. */
  static String hba() {
    return String.join("\n",
        "# TYPE     DATABASE USER           ADDRESS METHOD",
        "local      all      all                    trust",
        "hostnossl  all      " + TestRole.SSL_ONLY.user() + "        all     reject",
        "hostnossl  all      " + TestRole.CLIENT_CERT.user() + "       all     reject",
        "hostssl    all      " + TestRole.CLIENT_CERT.user() + "       all     cert",
        "host       all      " + TestRole.SSL_ONLY.user() + "        all     scram-sha-256",
        "host       all      " + TestRole.PASSWORD.user() + "   all     password",
        "host       all      " + TestRole.MD5.user() + "        all     md5",
        "host       all      " + TestRole.SCRAM.user() + "      all     scram-sha-256",
        "host       all      all            all     trust",
        "");
  }

  /**
   * Statements that create the roles and the test database, one per line: PostgreSQL's single-user
   * mode (which runs them before the server first starts) ends a statement at a newline.
   */
  static List<String> roleStatements() {
    List<String> sql = new ArrayList<>();
    for (TestRole role : TestRole.values()) {
      if (role == TestRole.SUPERUSER) {
        continue;
      }
      // MD5 authentication needs an MD5-hashed password; every other role gets SCRAM.
      String encryption = role == TestRole.MD5 ? "md5" : "scram-sha-256";
      sql.add("SET password_encryption = '" + encryption + "'");
      String password = role.password() == null ? "" : " PASSWORD '" + role.password() + "'";
      sql.add("CREATE ROLE " + role.user() + " LOGIN" + password);
    }
    sql.add("CREATE DATABASE " + DATABASE);
    sql.add("GRANT ALL ON DATABASE " + DATABASE + " TO PUBLIC");
    return sql;
  }

  /** Run inside the test database: PostgreSQL 15+ no longer lets every role create in {@code public}. */
  static List<String> databaseStatements() {
    return List.of("GRANT ALL ON SCHEMA public TO PUBLIC");
  }
}
