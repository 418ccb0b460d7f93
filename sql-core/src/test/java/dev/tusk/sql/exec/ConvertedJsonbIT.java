package dev.tusk.sql.exec;

import static dev.tusk.sql.Jsonb.path;
import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.types.PgTypes.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgException;
import dev.tusk.sql.Column;
import dev.tusk.sql.Engine;
import dev.tusk.sql.Jsonb;
import dev.tusk.sql.MetaData;
import dev.tusk.sql.Table;
import dev.tusk.sql.ast.Expression;
import dev.tusk.sql.schema.Index;
import dev.tusk.sql.schema.TableConstraint;
import dev.tusk.sql.types.ConvertedType;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The issue's own example of a user type with a converter: a {@code jsonb} column read and written
 * as a Java record. Declared, created (with a server default, a CHECK and a GIN index over it),
 * inserted, read back as records (also through RETURNING and {@code row.into}), compared with a
 * bound record ({@code =}, {@code IN}, {@code IS DISTINCT FROM}), and queried and updated with jsonb
 * operators — each comparison checked in {@code pg_prepared_statements} to have sent the record as
 * jsonb. The converter is hand-written for this one record, as an application would write it with
 * its JSON library.
 */
@ExtendWith(PostgresExtension.class)
class ConvertedJsonbIT {
  private static final String SCHEMA = "exec_converted";

  /** What an application keeps in the jsonb column. */
  record Preferences(String theme, int fontSize) {}

  /** The converter: a record to JSON text and back. */
  static final class PreferencesJson {
    private static final Pattern THEME = Pattern.compile("\"theme\": \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern FONT_SIZE = Pattern.compile("\"fontSize\": (-?\\d+)");

    static String write(Preferences preferences) {
      String theme = preferences.theme().replace("\\", "\\\\").replace("\"", "\\\"");
      return "{\"theme\": \"" + theme + "\", \"fontSize\": " + preferences.fontSize() + "}";
    }

    /** Reads jsonb's own output, which puts ": " after each key. */
    static Preferences read(String json) {
      Matcher theme = THEME.matcher(json);
      Matcher fontSize = FONT_SIZE.matcher(json);
      if (!theme.find() || !fontSize.find()) {
        throw new IllegalArgumentException("not Preferences: " + json);
      }
      return new Preferences(theme.group(1).replace("\\\"", "\"").replace("\\\\", "\\"),
          Integer.parseInt(fontSize.group(1)));
    }
  }

  static final ConvertedType<Preferences, String> PREFERENCES =
      converted(JSONB, Preferences.class, PreferencesJson::write, PreferencesJson::read);

  static final Preferences DEFAULTS = new Preferences("light", 12);
  static final Preferences DARK = new Preferences("dark", 14);
  static final Preferences QUOTED = new Preferences("say \"hi\" \\ bye", 9);

  static final class Accounts extends Table {
    final Column<Long> id = column("id", BIGINT).primaryKey();
    final Column<Preferences> preferences = column("preferences", PREFERENCES)
        .serverDefault(value(DEFAULTS, PREFERENCES));
    final Column<List<Preferences>> history = column("history", array(PREFERENCES));

    Accounts() {
      super("accounts");
    }

    @Override
    protected List<TableConstraint> constraints() {
      return List.of(check("accounts_preferences_theme", Jsonb.hasKey(preferences, "theme")));
    }

    @Override
    protected List<Index> indexes() {
      return List.of(Index.on(preferences).using("gin"));
    }
  }

  static final MetaData METADATA = new MetaData();
  static final Accounts ACCOUNTS = METADATA.add(new Accounts());

  private static Engine engine;

  @BeforeAll
  static void create(PostgresServer server) {
    engine = TestEngines.inFreshSchema(server, SCHEMA);
    engine.begin(conn -> METADATA.createAll(conn));
  }

  @BeforeEach
  void fill() {
    engine.begin(conn -> {
      conn.executeScript("TRUNCATE accounts");
      conn.execute(insert(ACCOUNTS).columns(ACCOUNTS.id, ACCOUNTS.preferences)
          .row(1L, DARK)
          .row(2L, QUOTED)
          .row(3L, null));
      conn.execute(insert(ACCOUNTS).values(ACCOUNTS.id, 4L));   // the server default
    });
  }

  @AfterAll
  static void dropSchema() {
    TestEngines.dropSchemaAndClose(engine, SCHEMA);
  }

  /** The rows a condition selects, with the types the server gave its parameters. */
  private record Match(List<Long> ids, String parameterTypes) {
    static Match of(String parameterTypes, Long... ids) {
      return new Match(List.of(ids), parameterTypes);
    }
  }

  private static Match where(Expression<Boolean> condition) {
    var query = select(ACCOUNTS.id).from(ACCOUNTS).where(condition).orderBy(ACCOUNTS.id);
    return engine.withConnection(conn -> {
      var ids = conn.all(query).stream().map(row -> row.get(ACCOUNTS.id)).toList();
      String types = conn.execute("SELECT parameter_types::text FROM pg_prepared_statements WHERE statement = $1",
          query.toString()).one().get(0, String.class);
      return new Match(ids, types);
    });
  }

  private static List<Preferences> allPreferences() {
    return engine.withConnection(conn -> conn.all(select(ACCOUNTS.preferences).from(ACCOUNTS).orderBy(ACCOUNTS.id)))
        .stream().map(row -> row.get(ACCOUNTS.preferences)).toList();
  }

  @Test
  void ddlDeclaresJsonbWithTheDefaultWrittenByTheConverter() {
    assertEquals("""
        CREATE TABLE accounts (
          id bigint,
          preferences jsonb DEFAULT '{"theme": "light", "fontSize": 12}'::jsonb,
          history jsonb[],
          PRIMARY KEY (id),
          CONSTRAINT accounts_preferences_theme CHECK (preferences ? 'theme')
        )""", METADATA.createAll(false).getFirst());
    assertEquals("CREATE INDEX accounts_preferences_idx ON accounts USING gin (preferences)",
        METADATA.createAll(false).get(1));
    assertEquals("jsonb", engine.withConnection(conn -> conn.execute("SELECT format_type(atttypid, atttypmod) "
        + "FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname = 'preferences'").one().get(0, String.class)));
  }

  @Test
  void recordsReadBackAsWrittenAndTheServerStoredJsonb() {
    assertEquals(Arrays.asList(DARK, QUOTED, null, DEFAULTS), allPreferences(), "escapes survive; NULL stays null");
    assertEquals(Arrays.asList("{\"theme\": \"dark\", \"fontSize\": 14}",
            "{\"theme\": \"say \\\"hi\\\" \\\\ bye\", \"fontSize\": 9}", null, "{\"theme\": \"light\", \"fontSize\": 12}"),
        engine.withConnection(conn -> conn.all(select(ACCOUNTS.preferences.cast(TEXT).as("text")).from(ACCOUNTS)
            .orderBy(ACCOUNTS.id))).stream().map(row -> row.get("text", String.class)).toList(),
        "jsonb's own text: keys ordered by length, then bytes");
    assertEquals("object", engine.withConnection(conn -> conn.<String>scalar(select(func("jsonb_typeof", TEXT,
        ACCOUNTS.preferences)).from(ACCOUNTS).where(ACCOUNTS.id.eq(1L)))));
  }

  @Test
  void comparedWithABoundRecordSentAsJsonb() {
    assertEquals(Match.of("{jsonb}", 1L), where(ACCOUNTS.preferences.eq(DARK)));
    assertEquals(Match.of("{jsonb}", 2L), where(ACCOUNTS.preferences.eq(QUOTED)));
    assertEquals(Match.of("{jsonb}", 1L, 2L), where(ACCOUNTS.preferences.ne(DEFAULTS)), "NULL is neither");
    assertEquals(Match.of("{jsonb}", 1L, 2L, 3L), where(ACCOUNTS.preferences.isDistinctFrom(DEFAULTS)));
    assertEquals(Match.of("{jsonb[]}", 1L, 4L), where(ACCOUNTS.preferences.in(List.of(DARK, DEFAULTS))),
        "an IN list of records is one jsonb[] parameter");
    assertEquals(Match.of("{jsonb[]}"), where(ACCOUNTS.preferences.in(List.of())), "also when empty");
    assertEquals(Match.of("{jsonb[]}", 2L), where(ACCOUNTS.preferences.notIn(List.of(DARK, DEFAULTS))));
    assertEquals(Match.of("{jsonb}", 1L), where(ACCOUNTS.preferences.eq(new Preferences("dark", 14))),
        "equal records are equal documents, whatever the key order of the text");
  }

  @Test
  void jsonbOperatorsWorkOnTheConvertedColumn() {
    assertEquals(Match.of("{text,text}", 1L), where(Jsonb.getText(ACCOUNTS.preferences, "theme").eq("dark")));
    assertEquals(Match.of("{jsonb,jsonb}", 1L, 4L), where(or(Jsonb.contains(ACCOUNTS.preferences, Map.of("fontSize", 12)),
        Jsonb.contains(ACCOUNTS.preferences, Map.of("theme", "dark")))));
    assertEquals(List.of(1L, 2L, 4L), where(Jsonb.hasKey(ACCOUNTS.preferences, "fontSize")).ids());
    assertEquals(List.of(2L), where(Jsonb.getText(ACCOUNTS.preferences, "theme").like("%\"hi\"%")).ids());
    assertEquals(List.of(4L), where(Jsonb.containedBy(ACCOUNTS.preferences,
        Map.of("theme", "light", "fontSize", 12, "extra", true))).ids());
    assertEquals("9", engine.withConnection(conn -> conn.<String>scalar(select(Jsonb.get(ACCOUNTS.preferences, "fontSize"))
        .from(ACCOUNTS).where(ACCOUNTS.id.eq(2L)))), "-> gives the value as jsonb text");
  }

  @Test
  void mergedInPlaceAndReturnedAsARecord() {
    var bigger = update(ACCOUNTS)
        .set(ACCOUNTS.preferences, Jsonb.merge(ACCOUNTS.preferences, path(), Map.of("fontSize", 20)))
        .where(ACCOUNTS.preferences.in(List.of(DARK, DEFAULTS)))
        .returning(ACCOUNTS.id, ACCOUNTS.preferences);
    record Changed(long id, Preferences preferences) {}
    List<Changed> changed = engine.inTransaction(conn -> conn.execute(bigger).into(Changed.class));
    assertEquals(List.of(new Changed(1L, new Preferences("dark", 20)), new Changed(4L, new Preferences("light", 20))),
        changed.stream().sorted(Comparator.comparingLong(Changed::id)).toList(),
        "RETURNING and row.into convert the column too");
    assertEquals(Arrays.asList(new Preferences("dark", 20), QUOTED, null, new Preferences("light", 20)), allPreferences());

    engine.begin(conn -> conn.execute(update(ACCOUNTS).set(ACCOUNTS.preferences, DARK).where(ACCOUNTS.id.eq(3L))));
    assertEquals(DARK, engine.withConnection(conn -> conn.one(select(ACCOUNTS.preferences).from(ACCOUNTS)
        .where(ACCOUNTS.id.eq(3L))).get(ACCOUNTS.preferences)), "set to a record");
  }

  @Test
  void aValuesListOfRecordsComparesWithAndUpdatesTheColumn() {
    var wanted = values(ACCOUNTS.id, ACCOUNTS.preferences).row(1L, DARK).row(2L, DEFAULTS).as("v");
    assertEquals(List.of(1L), engine.withConnection(conn -> conn.all(select(ACCOUNTS.id).from(ACCOUNTS).join(wanted,
            and(ACCOUNTS.id.eq(wanted.get(ACCOUNTS.id)), ACCOUNTS.preferences.eq(wanted.get(ACCOUNTS.preferences)))))
        .stream().map(row -> row.get(ACCOUNTS.id)).toList()), "a VALUES column of records is jsonb, not text");
    engine.begin(conn -> conn.execute(update(ACCOUNTS).set(ACCOUNTS.preferences, wanted.get(ACCOUNTS.preferences))
        .from(wanted).where(ACCOUNTS.id.eq(wanted.get(ACCOUNTS.id)))));
    assertEquals(Arrays.asList(DARK, DEFAULTS, null, DEFAULTS), allPreferences(), "UPDATE ... FROM (VALUES ...)");
    assertEquals(DARK, engine.withConnection(conn -> conn.one(select(value(DARK, PREFERENCES).as("p")))
        .get(value(DARK, PREFERENCES).as("p"))), "a record selected as a value, with no column to type it");
  }

  @Test
  void anArrayOfRecordsIsAJsonbArray() {
    engine.begin(conn -> conn.execute(update(ACCOUNTS).set(ACCOUNTS.history, Arrays.asList(DEFAULTS, null, QUOTED))
        .where(ACCOUNTS.id.eq(1L))));
    assertEquals(Arrays.asList(DEFAULTS, null, QUOTED), engine.withConnection(conn -> conn.one(
        select(ACCOUNTS.history).from(ACCOUNTS).where(ACCOUNTS.id.eq(1L))).get(ACCOUNTS.history)));
    assertEquals(Match.of("{jsonb[]}", 1L), where(ACCOUNTS.history.eq(Arrays.asList(DEFAULTS, null, QUOTED))));
  }

  @Test
  void theCheckOverTheConvertedColumnHolds() {
    var refused = assertThrows(PgException.class, () -> engine.begin(conn -> conn.execute(
        text("INSERT INTO accounts (id, preferences) VALUES (9, '{\"fontSize\": 1}')"))));
    assertTrue(refused.isCheckViolation(), refused::toString);
  }
}
