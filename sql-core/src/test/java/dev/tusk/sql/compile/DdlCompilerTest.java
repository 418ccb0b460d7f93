package dev.tusk.sql.compile;

import static dev.tusk.sql.Sql.raw;
import static dev.tusk.sql.Sql.value;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.sql.Column;
import dev.tusk.sql.Jsonb;
import dev.tusk.sql.MetaData;
import dev.tusk.sql.Table;
import dev.tusk.sql.TestSchema;
import dev.tusk.sql.schema.Index;
import dev.tusk.sql.schema.ReferentialAction;
import dev.tusk.sql.schema.TableConstraint;
import dev.tusk.sql.types.EnumType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlCompilerTest {
  enum Status { NEW, DONE }

  static final EnumType<Status> STATUS = enumType(null, "job status", Status.class, s -> s.name().toLowerCase());

  /** Departments and employees reference each other: a cycle. */
  static final class Departments extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey().identityAlways();
    final Column<Long> headId = column("head_id", BIGINT).references("staff", "id").onDelete(ReferentialAction.SET_NULL);
    final Column<String> name = column("name", varchar(100)).notNull().unique().comment("the department's name");

    Departments() {
      super("departments");
    }

    @Override
    protected String comment() {
      return "who's who";
    }
  }

  static final class Staff extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<Long> departmentId = column("department_id", BIGINT).references("departments", "id")
        .onUpdate(ReferentialAction.CASCADE);
    final Column<Long> mentorId = column("mentor_id", BIGINT).references("staff", "id");

    Staff() {
      super("staff");
    }
  }

  static final class Jobs extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey().identity();
    final Column<Long> staffId = column("staff_id", BIGINT);
    final Column<Status> status = column("status", STATUS).notNull().serverDefault(value(Status.NEW, STATUS));
    final Column<List<Status>> history = column("history", array(STATUS)).serverDefault(value(List.of(), array(STATUS)));
    final Column<String> payload = column("payload", JSONB);
    final Column<BigDecimal> cost = column("cost", numeric(10, 2)).serverDefault(value(new BigDecimal("-1.50")))
        .check(raw("cost <> 0", BOOLEAN));
    final Column<OffsetDateTime> createdAt = column("created_at", TIMESTAMPTZ).serverDefault(raw("now()", TIMESTAMPTZ));
    final Column<String> note = column("note", TEXT).serverDefault(value("it's \\ here"));

    Jobs() {
      super("ops", "jobs");
    }

    @Override
    protected List<TableConstraint> constraints() {
      return List.of(foreignKey(staffId).references(STAFF.id).onDelete(ReferentialAction.CASCADE).named("jobs_staff"),
          check("jobs_cost_limit", cost.lt(new BigDecimal("1000"))), unique(staffId, createdAt));
    }

    @Override
    protected List<Index> indexes() {
      return List.of(
          Index.on(payload).using("gin"),
          Index.on(Index.Element.of(payload, "jsonb_path_ops")).using("gin").named("jobs_payload_path_idx"),
          Index.on(staffId).unique().where(status.eq(Status.NEW)),
          Index.on(Jsonb.getText(payload, "kind")).named("jobs_kind_idx"));
    }
  }

  /** Boolean, date and timestamp columns with server defaults at the edges of what the literals must spell. */
  static final class Calendar extends Table {
    final Column<Boolean> open = column("open", BOOLEAN).notNull().serverDefault(value(true));
    final Column<Boolean> archived = column("archived", BOOLEAN).serverDefault(value(false));
    final Column<LocalDate> startsOn = column("starts_on", DATE).serverDefault(value(LocalDate.of(2024, 2, 29)));
    final Column<LocalDate> foundedOn = column("founded_on", DATE).serverDefault(value(LocalDate.of(-43, 3, 15)));
    final Column<LocalDate> endsOn = column("ends_on", DATE).serverDefault(value(LocalDate.MAX));
    final Column<LocalDateTime> startsAt = column("starts_at", TIMESTAMP)
        .serverDefault(value(LocalDateTime.of(12_345, 6, 7, 8, 9, 10, 999_999_500)));
    final Column<LocalDateTime> foundedAt = column("founded_at", TIMESTAMP)
        .serverDefault(value(LocalDateTime.of(0, 12, 31, 23, 59, 59, 1_000)));
    final Column<LocalDateTime> endsAt = column("ends_at", TIMESTAMP).serverDefault(value(LocalDateTime.MIN));
    final Column<OffsetDateTime> seenAt = column("seen_at", TIMESTAMPTZ)
        .serverDefault(value(OffsetDateTime.of(2024, 2, 29, 10, 15, 30, 0, ZoneOffset.ofHoursMinutesSeconds(-3, -30, -15))));

    Calendar() {
      super("calendar");
    }
  }

  /** A composite key from two columns marked primaryKey(): in declaration order. */
  static final class Regions extends Table {
    final Column<String> country = column("country", character(2)).primaryKey();
    final Column<String> code = column("code", TEXT).primaryKey();
    final Column<String> name = column("name", TEXT).notNull();

    Regions() {
      super("regions");
    }
  }

  /** A composite key declared in constraints(), in an order of its own, and a composite foreign key. */
  static final class Offices extends Table {
    final Column<Integer> officeNo = column("office_no", INTEGER);
    final Column<String> country = column("country", character(2));
    final Column<String> regionCode = column("region_code", TEXT);

    Offices() {
      super("offices");
    }

    @Override
    protected List<TableConstraint> constraints() {
      return List.of(primaryKey(country, officeNo),
          foreignKey(country, regionCode).references(REGIONS.country, REGIONS.code)
              .onUpdate(ReferentialAction.CASCADE).onDelete(ReferentialAction.RESTRICT));
    }
  }

  static final Regions REGIONS = new Regions();

  static final MetaData METADATA = new MetaData();
  static final Jobs JOBS = METADATA.add(new Jobs());
  static final Departments DEPARTMENTS = METADATA.add(new Departments());
  static final Staff STAFF = METADATA.add(new Staff());

  @Test
  void createAllOrdersTablesByForeignKeysAndBreaksCyclesWithAlterTable() {
    assertEquals(List.of(
        "CREATE TYPE \"job status\" AS ENUM ('new', 'done')",
        """
        CREATE TABLE departments (
          id bigint GENERATED ALWAYS AS IDENTITY,
          head_id bigint,
          name varchar(100) NOT NULL,
          PRIMARY KEY (id),
          UNIQUE (name)
        )""",
        "COMMENT ON TABLE departments IS 'who''s who'",
        "COMMENT ON COLUMN departments.name IS 'the department''s name'",
        """
        CREATE TABLE staff (
          id bigint,
          department_id bigint,
          mentor_id bigint,
          PRIMARY KEY (id),
          FOREIGN KEY (mentor_id) REFERENCES staff (id)
        )""",
        """
        CREATE TABLE ops.jobs (
          id bigint GENERATED BY DEFAULT AS IDENTITY,
          staff_id bigint,
          status "job status" DEFAULT 'new'::"job status" NOT NULL,
          history "job status"[] DEFAULT '{}'::"job status"[],
          payload jsonb,
          cost numeric(10,2) DEFAULT (-1.50),
          created_at timestamptz DEFAULT now(),
          note text DEFAULT E'it''s \\\\ here',
          PRIMARY KEY (id),
          CHECK (cost <> 0),
          CONSTRAINT jobs_staff FOREIGN KEY (staff_id) REFERENCES staff (id) ON DELETE CASCADE,
          CONSTRAINT jobs_cost_limit CHECK (cost < 1000),
          UNIQUE (staff_id, created_at)
        )""",
        "CREATE INDEX jobs_payload_idx ON ops.jobs USING gin (payload)",
        "CREATE INDEX jobs_payload_path_idx ON ops.jobs USING gin (payload jsonb_path_ops)",
        "CREATE UNIQUE INDEX jobs_staff_id_key ON ops.jobs (staff_id) WHERE status = 'new'::\"job status\"",
        "CREATE INDEX jobs_kind_idx ON ops.jobs ((payload ->> 'kind'))",
        "ALTER TABLE departments ADD CONSTRAINT departments_head_id_fkey FOREIGN KEY (head_id) REFERENCES staff (id) "
            + "ON DELETE SET NULL",
        "ALTER TABLE staff ADD CONSTRAINT staff_department_id_fkey FOREIGN KEY (department_id) "
            + "REFERENCES departments (id) ON UPDATE CASCADE"),
        METADATA.createAll(false));
  }

  @Test
  void booleanDateAndTimestampColumnsWithDefaultsPostgresReadsInAnyDateStyle() {
    var metadata = new MetaData();
    metadata.add(new Calendar());
    assertEquals(List.of("""
        CREATE TABLE calendar (
          open boolean DEFAULT TRUE NOT NULL,
          archived boolean DEFAULT FALSE,
          starts_on date DEFAULT '2024-02-29'::date,
          founded_on date DEFAULT '0044-03-15 BC'::date,
          ends_on date DEFAULT 'infinity'::date,
          starts_at timestamp DEFAULT '12345-06-07 08:09:11'::timestamp,
          founded_at timestamp DEFAULT '0001-12-31 23:59:59.000001 BC'::timestamp,
          ends_at timestamp DEFAULT '-infinity'::timestamp,
          seen_at timestamptz DEFAULT '2024-02-29 10:15:30-03:30:15'::timestamptz
        )"""), metadata.createAll(false));
  }

  @Test
  void compositePrimaryKeysAndAForeignKeyOverThem() {
    var metadata = new MetaData();
    metadata.add(new Offices());
    metadata.add(REGIONS);
    assertEquals(List.of("""
        CREATE TABLE regions (
          country character(2),
          code text,
          name text NOT NULL,
          PRIMARY KEY (country, code)
        )""", """
        CREATE TABLE offices (
          office_no integer,
          country character(2),
          region_code text,
          PRIMARY KEY (country, office_no),
          FOREIGN KEY (country, region_code) REFERENCES regions (country, code) ON DELETE RESTRICT ON UPDATE CASCADE
        )"""), metadata.createAll(false), "referenced table first");
  }

  @Test
  void aPrimaryKeyDeclaredBothWaysIsRefused() {
    final class Twice extends Table {
      final Column<Long> a = column("a", BIGINT).primaryKey();
      final Column<Long> b = column("b", BIGINT);

      Twice() {
        super("twice");
      }

      @Override
      protected List<TableConstraint> constraints() {
        return List.of(primaryKey(a, b));
      }
    }
    var metadata = new MetaData();
    var refused = assertThrows(IllegalArgumentException.class, () -> metadata.add(new Twice()).definition());
    assertTrue(refused.getMessage().contains("primary key twice"), refused::getMessage);
  }

  @Test
  void checkFirstUsesIfNotExistsOrADoBlock() {
    var statements = METADATA.createAll(true);
    assertEquals("DO $tusk$ BEGIN CREATE TYPE \"job status\" AS ENUM ('new', 'done'); "
        + "EXCEPTION WHEN duplicate_object THEN NULL; END $tusk$", statements.get(0));
    assertEquals("CREATE TABLE IF NOT EXISTS departments (", statements.get(1).lines().findFirst().orElseThrow());
    assertEquals("CREATE INDEX IF NOT EXISTS jobs_payload_idx ON ops.jobs USING gin (payload)", statements.get(6));
    assertEquals("DO $tusk$ BEGIN ALTER TABLE departments ADD CONSTRAINT departments_head_id_fkey FOREIGN KEY "
        + "(head_id) REFERENCES staff (id) ON DELETE SET NULL; EXCEPTION WHEN duplicate_object THEN NULL; END $tusk$",
        statements.get(10));
  }

  @Test
  void dropAllReversesCreateAll() {
    assertEquals(List.of(
        "ALTER TABLE departments DROP CONSTRAINT departments_head_id_fkey",
        "ALTER TABLE staff DROP CONSTRAINT staff_department_id_fkey",
        "DROP TABLE ops.jobs",
        "DROP TABLE staff",
        "DROP TABLE departments",
        "DROP TYPE \"job status\""), METADATA.dropAll(false));
    assertEquals(List.of(
        "ALTER TABLE IF EXISTS departments DROP CONSTRAINT IF EXISTS departments_head_id_fkey",
        "ALTER TABLE IF EXISTS staff DROP CONSTRAINT IF EXISTS staff_department_id_fkey",
        "DROP TABLE IF EXISTS ops.jobs",
        "DROP TABLE IF EXISTS staff",
        "DROP TABLE IF EXISTS departments",
        "DROP TYPE IF EXISTS \"job status\""), METADATA.dropAll(true));
  }

  @Test
  void sortedTablesPutReferencedTablesFirst() {
    assertEquals(List.of("departments", "staff", "jobs"),
        METADATA.sortedTables().stream().map(t -> t.tableName().name()).toList());
    assertEquals(List.of("users", "addresses", "orders", "kernels", "employees"),
        TestSchema.METADATA.sortedTables().stream().map(t -> t.tableName().name()).toList());
  }

  @Test
  void aDollarQuoteTagNeverOccursInsideTheBlock() {
    enum Odd { A }
    var odd = enumType(null, "odd", Odd.class, o -> "$tusk$");
    assertEquals("DO $tusk1$ BEGIN CREATE TYPE odd AS ENUM ('$tusk$'); EXCEPTION WHEN duplicate_object THEN NULL; "
        + "END $tusk1$", DdlCompiler.createEnum(odd, true));
  }
}
