package dev.tusk.sql.exec;

import static dev.tusk.sql.Sql.insert;
import static dev.tusk.sql.types.PgTypes.*;

import dev.tusk.sql.Column;
import dev.tusk.sql.Connection;
import dev.tusk.sql.MetaData;
import dev.tusk.sql.Sql;
import dev.tusk.sql.Table;
import dev.tusk.sql.schema.Index;
import dev.tusk.sql.schema.ReferentialAction;
import dev.tusk.sql.types.ConvertedType;
import dev.tusk.sql.types.EnumType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The tables the execution tests run statements against. They name no schema: each test class
 * creates them in a schema of its own ({@link TestEngines}), so classes never share rows.
 * {@link #fill} inserts these rows:
 * <pre>
 * people  id name  nickname age  mood   email        tags   score
 *          1 alice Al        30  happy  alice@x.org  {a,b}  10.50
 *          2 bob   NULL      25  sad    NULL         {b}    20.00
 *          3 carol Caz       NULL ok    carol@x.org  {}     NULL
 *          4 dave  dave      40  happy  dave@y.org   NULL    5.25
 *          5 Eve   NULL      35  NULL   NULL         {c,a}  30.00
 * pets    (1, owner 1, Rex, dog) (2, owner 1, Tom, cat) (3, owner 2, Fido, dog) (4, owner 4, Nemo, fish)
 * staff   id manager name dept salary    docs id body
 *          1 NULL    Ada  eng  300             1 {"a": 1, "b": {"c": "x"}, "tags": ["p", "q"], "state": "idle"}
 *          2 1       Ben  eng  200             2 {"a": 2, "state": "busy"}
 *          3 1       Cid  ops  150             3 [1, 2, 3]
 *          4 2       Dan  eng  200             4 NULL
 *          5 4       Eli  eng  100
 *          6 3       Fay  ops  120
 * jobs    (1, queued) (2, queued) (3, queued)          counters, tickets: empty
 * </pre>
 */
final class ExecSchema {
  enum Mood { SAD, OK, HAPPY }

  /** A value object stored as text through a converter. */
  record Email(String address) {}

  static final EnumType<Mood> MOOD = enumType(null, "mood", Mood.class, m -> m.name().toLowerCase());
  static final ConvertedType<Email, String> EMAIL = converted(TEXT, Email.class, Email::address, Email::new);

  static final class People extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey().identity();
    final Column<String> name = column("name", TEXT).notNull().unique();
    final Column<String> nickname = column("nickname", TEXT);
    final Column<Integer> age = column("age", INTEGER);
    final Column<Mood> mood = column("mood", MOOD);
    final Column<Email> email = column("email", EMAIL);
    final Column<List<String>> tags = column("tags", array(TEXT));
    final Column<BigDecimal> score = column("score", numeric(10, 2));
    final Column<OffsetDateTime> createdAt = column("created_at", TIMESTAMPTZ)
        .serverDefault(Sql.raw("now()", TIMESTAMPTZ)).notNull();

    People() {
      super("people");
    }
  }

  static final class Pets extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey().identity();
    final Column<Long> ownerId = column("owner_id", BIGINT).references("people", "id")
        .onDelete(ReferentialAction.CASCADE);
    final Column<String> name = column("name", TEXT).notNull();
    final Column<String> species = column("species", TEXT).notNull();

    Pets() {
      super("pets");
    }
  }

  static final class Staff extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<Long> managerId = column("manager_id", BIGINT).references("staff", "id");
    final Column<String> name = column("name", TEXT).notNull();
    final Column<String> dept = column("dept", TEXT);
    final Column<BigDecimal> salary = column("salary", numeric(10, 2));

    Staff() {
      super("staff");
    }
  }

  static final class Docs extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<String> body = column("body", JSONB);

    Docs() {
      super("docs");
    }
  }

  static final class Jobs extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<String> state = column("state", TEXT).notNull();

    Jobs() {
      super("jobs");
    }
  }

  static final class Counters extends Table {
    final Column<String> key = column("key", TEXT).primaryKey();
    final Column<Integer> hits = column("hits", INTEGER).notNull();
    final Column<String> note = column("note", TEXT);

    Counters() {
      super("counters");
    }
  }

  /** Tickets: a code is unique among open tickets only (a partial unique index, for ON CONFLICT ... WHERE). */
  static final class Tickets extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey().identity();
    final Column<String> code = column("code", TEXT).notNull();
    final Column<Integer> reopened = column("reopened", INTEGER).notNull().serverDefault(Sql.value(0));
    final Column<OffsetDateTime> closedAt = column("closed_at", TIMESTAMPTZ);

    Tickets() {
      super("tickets");
    }

    @Override
    protected List<Index> indexes() {
      return List.of(Index.on(code).unique().where(closedAt.isNull()).named("tickets_open_code"));
    }
  }

  static final MetaData METADATA = new MetaData();
  static final People PEOPLE = METADATA.add(new People());
  static final Pets PETS = METADATA.add(new Pets());
  static final Staff STAFF = METADATA.add(new Staff());
  static final Docs DOCS = METADATA.add(new Docs());
  static final Jobs JOBS = METADATA.add(new Jobs());
  static final Counters COUNTERS = METADATA.add(new Counters());
  static final Tickets TICKETS = METADATA.add(new Tickets());

  /**
   * Inserts the rows above, with explicit ids, then moves the identity sequences past them so that
   * rows inserted without an id get ids from 100 on.
   */
  static void fill(Connection conn) {
    conn.executeMany(List.of(
        insert(PEOPLE).columns(PEOPLE.id, PEOPLE.name, PEOPLE.nickname, PEOPLE.age, PEOPLE.mood, PEOPLE.email,
                PEOPLE.tags, PEOPLE.score)
            .row(1L, "alice", "Al", 30, Mood.HAPPY, new Email("alice@x.org"), List.of("a", "b"), new BigDecimal("10.50"))
            .row(2L, "bob", null, 25, Mood.SAD, null, List.of("b"), new BigDecimal("20.00"))
            .row(3L, "carol", "Caz", null, Mood.OK, new Email("carol@x.org"), List.of(), null)
            .row(4L, "dave", "dave", 40, Mood.HAPPY, new Email("dave@y.org"), null, new BigDecimal("5.25"))
            .row(5L, "Eve", null, 35, null, null, List.of("c", "a"), new BigDecimal("30.00")),
        insert(PETS).columns(PETS.id, PETS.ownerId, PETS.name, PETS.species)
            .row(1L, 1L, "Rex", "dog").row(2L, 1L, "Tom", "cat").row(3L, 2L, "Fido", "dog").row(4L, 4L, "Nemo", "fish"),
        insert(STAFF).columns(STAFF.id, STAFF.managerId, STAFF.name, STAFF.dept, STAFF.salary)
            .row(1L, null, "Ada", "eng", new BigDecimal("300")).row(2L, 1L, "Ben", "eng", new BigDecimal("200"))
            .row(3L, 1L, "Cid", "ops", new BigDecimal("150")).row(4L, 2L, "Dan", "eng", new BigDecimal("200"))
            .row(5L, 4L, "Eli", "eng", new BigDecimal("100")).row(6L, 3L, "Fay", "ops", new BigDecimal("120")),
        insert(DOCS).columns(DOCS.id, DOCS.body)
            .row(1L, "{\"a\": 1, \"b\": {\"c\": \"x\"}, \"tags\": [\"p\", \"q\"], \"state\": \"idle\"}")
            .row(2L, "{\"a\": 2, \"state\": \"busy\"}")
            .row(3L, "[1, 2, 3]")
            .row(4L, null),
        insert(JOBS).columns(JOBS.id, JOBS.state).row(1L, "queued").row(2L, "queued").row(3L, "queued")));
    conn.executeScript("ALTER TABLE people ALTER COLUMN id RESTART WITH 100; "
        + "ALTER TABLE pets ALTER COLUMN id RESTART WITH 100");
  }

  /** Empties every table (identities restarted), for tests that write. */
  static void truncate(Connection conn) {
    conn.executeScript("TRUNCATE people, pets, staff, docs, jobs, counters, tickets RESTART IDENTITY");
  }

  private ExecSchema() {}
}
