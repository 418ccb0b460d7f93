package dev.tusk.sql.exec;

import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.sql.Column;
import dev.tusk.sql.Connection;
import dev.tusk.sql.Engine;
import dev.tusk.sql.MetaData;
import dev.tusk.sql.Table;
import dev.tusk.sql.schema.ReferentialAction;
import dev.tusk.sql.schema.TableConstraint;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Composite primary keys and the referential actions of foreign keys, created by {@code createAll}
 * and checked where PostgreSQL keeps them ({@code pg_constraint}: the key's columns in order, {@code
 * confupdtype} and {@code confdeltype}) and by what they do: a duplicate composite key is refused,
 * and updating or deleting a referenced key cascades, sets NULL, sets the default or is refused, as
 * each key says.
 */
@ExtendWith(PostgresExtension.class)
class KeyConstraintsIT {
  private static final String SCHEMA = "exec_keys";

  /** Two columns marked primaryKey(): one composite key, in declaration order. */
  static final class Regions extends Table {
    final Column<String> country = column("country", character(2)).primaryKey();
    final Column<String> code = column("code", TEXT).primaryKey();
    final Column<String> name = column("name", TEXT).notNull();

    Regions() {
      super("regions");
    }
  }

  /** A composite key declared in constraints(), columns in an order of its own; a composite foreign key. */
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

  static final class Parents extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();

    Parents() {
      super("parents");
    }
  }

  /** One column per referential action; a row sets one of them, so each parent update tests one action. */
  static final class Children extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<Long> follows = column("follows", BIGINT).references(PARENTS.id)
        .onUpdate(ReferentialAction.CASCADE).onDelete(ReferentialAction.CASCADE);
    final Column<Long> nulled = column("nulled", BIGINT).references(PARENTS.id)
        .onUpdate(ReferentialAction.SET_NULL).onDelete(ReferentialAction.SET_NULL);
    final Column<Long> defaulted = column("defaulted", BIGINT).serverDefault(value(0L)).references(PARENTS.id)
        .onUpdate(ReferentialAction.SET_DEFAULT).onDelete(ReferentialAction.SET_DEFAULT);
    final Column<Long> restricted = column("restricted", BIGINT).references(PARENTS.id)
        .onUpdate(ReferentialAction.RESTRICT);
    final Column<Long> plain = column("plain", BIGINT).references(PARENTS.id);

    Children() {
      super("children");
    }
  }

  static final MetaData METADATA = new MetaData();
  static final Regions REGIONS = METADATA.add(new Regions());
  static final Offices OFFICES = METADATA.add(new Offices());
  static final Parents PARENTS = METADATA.add(new Parents());
  static final Children CHILDREN = METADATA.add(new Children());

  private static Engine engine;

  @BeforeAll
  static void createSchema(PostgresServer server) {
    engine = TestEngines.inFreshSchema(server, SCHEMA);
  }

  @BeforeEach
  void createAndFill() {
    engine.begin(conn -> {
      METADATA.dropAll(conn);
      METADATA.createAll(conn);
      conn.execute(insert(REGIONS).columns(REGIONS.country, REGIONS.code, REGIONS.name)
          .row("fr", "idf", "Île-de-France").row("fr", "ara", "Auvergne-Rhône-Alpes").row("de", "by", "Bayern"));
      conn.execute(insert(OFFICES).columns(OFFICES.officeNo, OFFICES.country, OFFICES.regionCode)
          .row(1, "fr", "idf").row(2, "fr", "idf").row(1, "de", "by"));
      var parents = insert(PARENTS).columns(PARENTS.id);
      for (long id = 0; id <= 5; id++) {
        parents = parents.row(id);
      }
      conn.execute(parents);
      conn.execute(insert(CHILDREN).columns(CHILDREN.id, CHILDREN.follows, CHILDREN.nulled, CHILDREN.defaulted,
              CHILDREN.restricted, CHILDREN.plain)
          .row(1L, 1L, null, null, null, null)
          .row(2L, null, 2L, null, null, null)
          .row(3L, null, null, 3L, null, null)
          .row(4L, null, null, null, 4L, null)
          .row(5L, null, null, null, null, 5L));
    });
  }

  @AfterAll
  static void dropSchema() {
    TestEngines.dropSchemaAndClose(engine, SCHEMA);
  }

  /** {@return the constraints of a table of the test schema of one type (p, f…): name → definition} */
  private static Map<String, String> constraints(String table, String type) {
    var result = new TreeMap<String, String>();
    engine.connect(conn -> conn.execute("SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint "
            + "WHERE conrelid = $1::regclass AND contype = $2::\"char\"", SCHEMA + "." + table, type)
        .forEach(row -> result.put(row.get(0, String.class), row.get(1, String.class))));
    return result;
  }

  /** {@return the foreign keys of a table: referencing columns → confupdtype confdeltype} */
  private static Map<String, String> referentialActions(String table) {
    var result = new TreeMap<String, String>();
    engine.connect(conn -> conn.execute("SELECT (SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute "
                + "WHERE attrelid = conrelid AND attnum = ANY(conkey)), confupdtype::text || confdeltype::text "
                + "FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'", SCHEMA + "." + table)
        .forEach(row -> result.put(row.get(0, String.class), row.get(1, String.class))));
    return result;
  }

  private static <T> List<T> childColumn(Column<T> column) {
    return engine.withConnection(conn -> conn.all(select(CHILDREN.id, column).from(CHILDREN).orderBy(CHILDREN.id)))
        .stream().map(row -> row.get(column)).toList();
  }

  private static PgException refused(Connection.Action action) {
    return assertThrows(PgException.class, () -> engine.begin(action));
  }

  // --- composite primary keys

  @Test
  void compositePrimaryKeysAreInTheCatalogWithTheirColumnsInOrder() {
    assertEquals(Map.of("regions_pkey", "PRIMARY KEY (country, code)"), constraints("regions", "p"));
    assertEquals(Map.of("offices_pkey", "PRIMARY KEY (country, office_no)"), constraints("offices", "p"),
        "the order of primaryKey(country, officeNo), not of the columns");
    assertEquals(List.of("country", "office_no"), engine.withConnection(conn -> conn.execute(
        "SELECT a.attname::text FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, n) "
            + "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum "
            + "WHERE c.conrelid = 'exec_keys.offices'::regclass AND c.contype = 'p' ORDER BY k.n")
        .stream().map(row -> row.get(0, String.class)).toList()));
  }

  @Test
  void aCompositeKeyIsUniqueAsAPairAndNeverNull() {
    engine.begin(conn -> conn.execute(insert(REGIONS).values(REGIONS.country, "de").values(REGIONS.code, "idf")
        .values(REGIONS.name, "same code, other country")));
    var duplicate = refused(conn -> conn.execute(insert(REGIONS).values(REGIONS.country, "fr").values(REGIONS.code, "idf")
        .values(REGIONS.name, "again")));
    assertTrue(duplicate.isUniqueViolation(), duplicate::toString);
    assertEquals("regions_pkey", duplicate.constraint());
    var missing = refused(conn -> conn.execute(insert(REGIONS).values(REGIONS.country, "it").values(REGIONS.name, "x")));
    assertEquals(SqlState.NOT_NULL_VIOLATION, missing.sqlState(), "every column of a primary key is NOT NULL");
    assertEquals(4L, (long) engine.<Long>withConnection(conn -> conn.scalar(select(count()).from(REGIONS))));
  }

  // --- referential actions

  @Test
  void referentialActionsAreInTheCatalog() {
    assertEquals(Map.of("defaulted", "dd", "follows", "cc", "nulled", "nn", "plain", "aa", "restricted", "ra"),
        referentialActions("children"), "confupdtype confdeltype: c cascade, n set null, d set default, r restrict, "
            + "a no action");
    assertEquals(Map.of("country,region_code", "cr"), referentialActions("offices"));
    assertEquals(Map.of("offices_country_region_code_fkey", "FOREIGN KEY (country, region_code) REFERENCES "
        + "regions(country, code) ON UPDATE CASCADE ON DELETE RESTRICT"), constraints("offices", "f"));
  }

  @Test
  void updatingAParentKeyDoesWhatEachForeignKeySays() {
    engine.begin(conn -> {
      for (long id = 1; id <= 3; id++) {
        conn.execute(update(PARENTS).set(PARENTS.id, id + 10).where(PARENTS.id.eq(id)));
      }
    });
    assertEquals(Arrays.asList(11L, null, null, null, null), childColumn(CHILDREN.follows), "ON UPDATE CASCADE follows");
    assertEquals(Arrays.asList(null, null, null, null, null), childColumn(CHILDREN.nulled), "ON UPDATE SET NULL");
    assertEquals(Arrays.asList(null, null, 0L, null, null), childColumn(CHILDREN.defaulted), "ON UPDATE SET DEFAULT");
    var restricted = refused(conn -> conn.execute(update(PARENTS).set(PARENTS.id, 14L).where(PARENTS.id.eq(4L))));
    assertTrue(restricted.isForeignKeyViolation(), restricted::toString);
    assertEquals("children_restricted_fkey", restricted.constraint());
    var plain = refused(conn -> conn.execute(update(PARENTS).set(PARENTS.id, 15L).where(PARENTS.id.eq(5L))));
    assertTrue(plain.isForeignKeyViolation(), "NO ACTION refuses too, at the end of the statement");
    assertEquals(List.of(0L, 4L, 5L, 11L, 12L, 13L), engine.withConnection(conn -> conn.all(select(PARENTS.id)
        .from(PARENTS).orderBy(PARENTS.id))).stream().map(row -> row.get(PARENTS.id)).toList());
  }

  @Test
  void deletingAParentDoesWhatEachForeignKeySays() {
    engine.begin(conn -> conn.execute(delete(PARENTS).where(PARENTS.id.in(List.of(1L, 2L, 3L)))));
    assertEquals(List.of(2L, 3L, 4L, 5L), childColumn(CHILDREN.id), "ON DELETE CASCADE took child 1");
    assertEquals(Arrays.asList(null, null, null, null), childColumn(CHILDREN.nulled), "ON DELETE SET NULL");
    assertEquals(Arrays.asList(null, 0L, null, null), childColumn(CHILDREN.defaulted), "ON DELETE SET DEFAULT");
    var noAction = refused(conn -> conn.execute(delete(PARENTS).where(PARENTS.id.eq(4L))));
    assertTrue(noAction.isForeignKeyViolation(), "restricted has ON DELETE NO ACTION");
  }

  @Test
  void aCompositeForeignKeyFollowsAnUpdatedCompositeKeyAndRestrictsDeletes() {
    engine.begin(conn -> conn.execute(update(REGIONS).set(REGIONS.code, "paris").where(and(REGIONS.country.eq("fr"),
        REGIONS.code.eq("idf")))));
    assertEquals(List.of("by", "paris", "paris"), engine.withConnection(conn -> conn.all(select(OFFICES.regionCode)
        .from(OFFICES).orderBy(OFFICES.regionCode))).stream().map(row -> row.get(OFFICES.regionCode)).toList(),
        "both columns of the key are followed");
    var restricted = refused(conn -> conn.execute(delete(REGIONS).where(REGIONS.country.eq("de"))));
    assertTrue(restricted.isForeignKeyViolation(), restricted::toString);
    engine.begin(conn -> conn.execute(delete(REGIONS).where(REGIONS.code.eq("ara"))));
    assertEquals(2L, (long) engine.<Long>withConnection(conn -> conn.scalar(select(count()).from(REGIONS))),
        "a region without offices may go");
  }
}
