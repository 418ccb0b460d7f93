package dev.tusk.sql.exec;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.sql.Column;
import dev.tusk.sql.Engine;
import dev.tusk.sql.MetaData;
import dev.tusk.sql.Table;
import dev.tusk.sql.schema.Index;
import dev.tusk.sql.schema.ReferentialAction;
import dev.tusk.sql.schema.TableConstraint;
import dev.tusk.sql.types.EnumType;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code createAll}/{@code dropAll} against the server, checked in the system catalogs ({@code
 * pg_class}, {@code pg_constraint}, {@code pg_indexes}, {@code pg_type}, {@code pg_enum}) and by
 * the behaviour of what they created: an enum type whose name needs quoting, two tables referencing
 * each other (a foreign-key cycle, closed by ALTER TABLE), indexes that are unique, partial, on an
 * expression and GIN, a table in another schema, comments, and {@code checkFirst} (running
 * createAll twice is fine).
 */
@ExtendWith(PostgresExtension.class)
class DdlExecutionIT {
  private static final String SCHEMA = "exec_ddl";
  private static final String OTHER_SCHEMA = "exec_ddl_audit";

  enum Priority { LOW, HIGH }

  static final EnumType<Priority> PRIORITY = enumType(null, "priority level", Priority.class,
      p -> p.name().toLowerCase());

  /** Teams have a lead among the members; members belong to a team: a cycle. */
  static final class Teams extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey().identityAlways();
    final Column<Long> leadId = column("lead_id", BIGINT).references("members", "id").onDelete(ReferentialAction.SET_NULL);
    final Column<String> name = column("name", varchar(50)).notNull().unique().comment("shown in the UI");

    Teams() {
      super("teams");
    }

    @Override
    protected String comment() {
      return "who's in charge";
    }
  }

  static final class Members extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<Long> teamId = column("team_id", BIGINT).references("teams", "id").onDelete(ReferentialAction.CASCADE);
    final Column<String> email = column("email", TEXT).notNull();
    final Column<Priority> priority = column("priority", PRIORITY).notNull().serverDefault(value(Priority.LOW, PRIORITY));
    final Column<String> profile = column("profile", JSONB);
    final Column<List<String>> skills = column("skills", array(TEXT));

    Members() {
      super("members");
    }

    @Override
    protected List<TableConstraint> constraints() {
      return List.of(check("members_email_has_at", email.like("%@%")));
    }

    @Override
    protected List<Index> indexes() {
      return List.of(
          Index.on(func("lower", TEXT, email)).unique().named("members_email_lower_key"),
          Index.on(teamId).where(priority.eq(Priority.HIGH)).named("members_urgent_idx"),
          Index.on(profile).using("gin"),
          Index.on(Index.Element.of(skills, "array_ops")).using("gin").named("members_skills_idx"));
    }
  }

  /** A table in a schema named explicitly (not the search path's), referencing one in the search path. */
  static final class Events extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey().identity();
    final Column<Long> memberId = column("member_id", BIGINT).notNull().references("members", "id");
    final Column<String> kind = column("kind", TEXT).notNull();

    Events() {
      super(OTHER_SCHEMA, "events");
    }
  }

  static final MetaData METADATA = new MetaData();
  static final Events EVENTS = METADATA.add(new Events());
  static final Teams TEAMS = METADATA.add(new Teams());
  static final Members MEMBERS = METADATA.add(new Members());

  private static Engine engine;

  @BeforeAll
  static void createSchemas(PostgresServer server) {
    engine = TestEngines.inFreshSchema(server, SCHEMA);
    engine.connect(conn -> conn.executeScript("DROP SCHEMA IF EXISTS " + OTHER_SCHEMA + " CASCADE; CREATE SCHEMA "
        + OTHER_SCHEMA));
  }

  @BeforeEach
  void createEverything() {
    engine.begin(conn -> {
      METADATA.dropAll(conn);
      METADATA.createAll(conn);
    });
  }

  @AfterAll
  static void dropSchemas() {
    engine.connect(conn -> conn.executeScript("DROP SCHEMA IF EXISTS " + OTHER_SCHEMA + " CASCADE"));
    TestEngines.dropSchemaAndClose(engine, SCHEMA);
  }

  private static List<String> strings(String sql, Object... parameters) {
    return engine.withConnection(conn -> conn.execute(sql, parameters).stream().map(r -> r.get(0, String.class)).toList());
  }

  /**
   * {@return the constraints of a table: name → type (p, f, u, c)} NOT NULL is left out: PostgreSQL 18
   * records it in pg_constraint (type n), earlier versions only in pg_attribute.
   */
  private static Map<String, String> constraints(String table) {
    var result = new TreeMap<String, String>();
    engine.connect(conn -> conn.execute("SELECT conname::text, contype::text FROM pg_constraint WHERE conrelid = $1::regclass AND contype <> 'n'",
        table).forEach(row -> result.put(row.get(0, String.class), row.get(1, String.class))));
    return result;
  }

  private static Map<String, String> indexes(String schema) {
    var result = new TreeMap<String, String>();
    engine.connect(conn -> conn.execute("SELECT indexname::text, indexdef FROM pg_indexes WHERE schemaname = $1", schema)
        .forEach(row -> result.put(row.get(0, String.class), row.get(1, String.class))));
    return result;
  }

  @Test
  void tablesAndTheEnumTypeAreInTheCatalog() {
    assertEquals(List.of("members", "teams"), strings("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n "
        + "ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 1", SCHEMA));
    assertEquals(List.of("events"), strings("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n "
        + "ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'", OTHER_SCHEMA));
    assertEquals(List.of("e"), strings("SELECT t.typtype::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
        + "WHERE n.nspname = $1 AND t.typname = 'priority level'", SCHEMA));
    assertEquals(List.of("low", "high"), strings("SELECT enumlabel::text FROM pg_enum "
        + "WHERE enumtypid = 'exec_ddl.\"priority level\"'::regtype ORDER BY enumsortorder"));
    assertEquals(List.of("who's in charge", "shown in the UI"), strings("SELECT obj_description('exec_ddl.teams'::regclass, "
        + "'pg_class') UNION ALL SELECT col_description('exec_ddl.teams'::regclass, 3)"));
  }

  @Test
  void constraintsIncludingBothDirectionsOfTheForeignKeyCycle() {
    assertEquals(Map.of("members_email_has_at", "c", "members_pkey", "p", "members_team_id_fkey", "f"),
        constraints("exec_ddl.members"));
    assertEquals(Map.of("teams_lead_id_fkey", "f", "teams_name_key", "u", "teams_pkey", "p"), constraints("exec_ddl.teams"));
    assertEquals(Map.of("events_member_id_fkey", "f", "events_pkey", "p"), constraints("exec_ddl_audit.events"));
    assertEquals(List.of("members>teams|c", "teams>members|n"), strings("SELECT conrelid::regclass::text || '>' "
        + "|| confrelid::regclass::text || '|' || confdeltype::text FROM pg_constraint WHERE contype = 'f' AND connamespace = $1::regnamespace ORDER BY 1", SCHEMA),
        "teams → members ON DELETE SET NULL, members → teams ON DELETE CASCADE");
  }

  @Test
  void indexesUniquePartialExpressionAndGin() {
    Map<String, String> defs = indexes(SCHEMA);
    assertEquals(List.of("members_email_lower_key", "members_pkey", "members_profile_idx", "members_skills_idx",
        "members_urgent_idx", "teams_name_key", "teams_pkey"), List.copyOf(defs.keySet()));
    assertTrue(defs.get("members_email_lower_key").matches("CREATE UNIQUE INDEX .* USING btree \\(lower\\(email\\)\\)"),
        defs.get("members_email_lower_key"));
    assertTrue(defs.get("members_urgent_idx").matches(
        "CREATE INDEX .* USING btree \\(team_id\\) WHERE \\(priority = 'high'::.*\\)"), defs.get("members_urgent_idx"));
    assertTrue(defs.get("members_profile_idx").endsWith("USING gin (profile)"), defs.get("members_profile_idx"));
    assertTrue(defs.get("members_skills_idx").endsWith("USING gin (skills)"), defs.get("members_skills_idx"));
  }

  @Test
  void whatWasCreatedBehavesAsDeclared() {
    engine.begin(conn -> {
      long team = conn.scalar(insert(TEAMS).values(TEAMS.name, "core").returning(TEAMS.id));
      conn.execute(insert(MEMBERS).values(MEMBERS.id, 1L).values(MEMBERS.teamId, team).values(MEMBERS.email, "Ann@x.org"));
      conn.execute(update(TEAMS).set(TEAMS.leadId, 1L).where(TEAMS.id.eq(team)));
      assertEquals(Priority.LOW, conn.scalar(select(MEMBERS.priority).from(MEMBERS)), "the enum default");
      assertThrows(PgException.class, () -> conn.inTransaction(sp -> sp.execute(insert(MEMBERS).values(MEMBERS.id, 2L)
          .values(MEMBERS.email, "ann@X.org"))), "the unique expression index compares lower(email)");
      var check = assertThrows(PgException.class, () -> conn.inTransaction(sp -> sp.execute(insert(MEMBERS)
          .values(MEMBERS.id, 3L).values(MEMBERS.email, "no-at-sign"))));
      assertTrue(check.isCheckViolation());
      var always = assertThrows(PgException.class, () -> conn.inTransaction(sp -> sp.execute(insert(TEAMS)
          .values(TEAMS.id, 99L).values(TEAMS.name, "x"))));
      assertEquals("428C9", always.sqlState(), "GENERATED ALWAYS refuses an explicit id");
      conn.execute(insert(EVENTS).values(EVENTS.memberId, 1L).values(EVENTS.kind, "joined"));
      assertEquals(1L, (long) conn.<Long>scalar(select(count()).from(EVENTS)));
      var referenced = assertThrows(PgException.class, () -> conn.inTransaction(sp -> sp.execute(delete(MEMBERS))));
      assertTrue(referenced.isForeignKeyViolation(), "an event still references the member");
      conn.execute(delete(EVENTS));
      conn.execute(delete(TEAMS).where(TEAMS.id.eq(team)));
      assertEquals(0L, (long) conn.<Long>scalar(select(count()).from(MEMBERS)), "ON DELETE CASCADE from teams to members");
    });
  }

  @Test
  void createAllTwiceIsFineWithCheckFirstAndFailsWithout() {
    engine.begin(conn -> METADATA.createAll(conn));
    engine.begin(conn -> METADATA.createAll(conn));
    assertEquals(7, indexes(SCHEMA).size(), "nothing was created twice");
    assertEquals(3, constraints("exec_ddl.members").size());
    var duplicate = assertThrows(PgException.class,
        () -> engine.begin(conn -> METADATA.createAll(false).forEach(conn::executeScript)));
    assertEquals(SqlState.DUPLICATE_OBJECT, duplicate.sqlState(), "the enum type, first of the statements, exists");
  }

  @Test
  void dropAllRemovesEverythingAndIsSafeToRepeat() {
    engine.begin(conn -> {
      long team = conn.scalar(insert(TEAMS).values(TEAMS.name, "core").returning(TEAMS.id));
      conn.execute(insert(MEMBERS).values(MEMBERS.id, 1L).values(MEMBERS.teamId, team).values(MEMBERS.email, "a@x.org"));
      conn.execute(update(TEAMS).set(TEAMS.leadId, 1L));
    });
    engine.begin(conn -> METADATA.dropAll(conn));
    engine.begin(conn -> METADATA.dropAll(conn));
    assertEquals(List.of(), strings("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE n.nspname = ANY($1)", List.of(SCHEMA, OTHER_SCHEMA)));
    assertEquals(List.of(), strings("SELECT t.typname::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
        + "WHERE n.nspname = $1", SCHEMA));
    engine.begin(conn -> METADATA.createAll(conn));
    assertEquals(2, strings("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE n.nspname = $1 AND c.relkind = 'r'", SCHEMA).size(), "and created again from nothing");
  }

  @Test
  void aFailedCreateAllLeavesNothingBehindInATransaction() {
    engine.begin(conn -> METADATA.dropAll(conn));
    assertThrows(PgException.class, () -> engine.begin(conn -> {
      METADATA.createAll(conn);
      conn.executeScript("SELECT 1/0");
    }));
    assertEquals(List.of(), strings("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE n.nspname = $1", SCHEMA), "PostgreSQL's DDL is transactional");
  }
}
