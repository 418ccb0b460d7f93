package dev.tusk.sql.compile;

import static dev.tusk.sql.Sql.text;
import static dev.tusk.sql.TestSchema.USERS;
import static dev.tusk.sql.compile.GoldenSql.assertSql;
import static dev.tusk.sql.compile.GoldenSql.parameterTypes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.sql.types.PgTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextStatementCompileTest {
  @Test
  void namedParametersBecomeNumberedOnes() {
    assertSql(text("SELECT * FROM users WHERE id = :id AND name = :name").bind("id", 5L).bind("name", "jack"),
        "SELECT * FROM users WHERE id = $1 AND name = $2", 5L, "jack");
  }

  @Test
  void eachOccurrenceOfANameIsItsOwnParameter() {
    assertSql(text("SELECT :x, :x + 1").bind("x", 2), "SELECT $1, $2 + 1", 2, 2);
  }

  @Test
  void castsAreLeftAlone() {
    assertSql(text("SELECT :v::int, '{}'::jsonb, a::text[] FROM t").bind("v", "1"),
        "SELECT $1::int, '{}'::jsonb, a::text[] FROM t", "1");
  }

  @Test
  void stringsQuotedIdentifiersAndCommentsAreLeftAlone() {
    String sql = "SELECT ':not', E'it\\'s :no', \"col:umn\", 'a''b :c' -- :comment\n"
        + "/* :block /* :nested */ :still */ FROM t WHERE x = :yes";
    String expected = "SELECT ':not', E'it\\'s :no', \"col:umn\", 'a''b :c' -- :comment\n"
        + "/* :block /* :nested */ :still */ FROM t WHERE x = $1";
    assertSql(text(sql).bind("yes", 1), expected, 1);
  }

  @Test
  void dollarQuotedStringsAreLeftAlone() {
    assertSql(text("SELECT $$ :a $$, $fn$ :b $x$ $fn$, :c").bind("c", 3), "SELECT $$ :a $$, $fn$ :b $x$ $fn$, $1", 3);
  }

  @Test
  void escapedColonsAndAssignmentsStayColons() {
    assertSql(text("SELECT a[1\\:n], f(x := 1), :p").bind("p", 1), "SELECT a[1:n], f(x := 1), $1", 1);
  }

  @Test
  void positionalParametersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> text("SELECT $1"));
  }

  @Test
  void unterminatedQuotesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> text("SELECT 'abc"));
    assertThrows(IllegalArgumentException.class, () -> text("SELECT /* abc"));
    assertThrows(IllegalArgumentException.class, () -> text("SELECT $q$ abc"));
  }

  @Test
  void unboundParametersFailAtCompilation() {
    var statement = text("SELECT :a, :b").bind("a", 1);
    assertThrows(IllegalStateException.class, () -> SqlCompiler.render(statement));
    assertEquals("SELECT $1, :b".replace("$1", ":a"), statement.toString());
    assertThrows(IllegalArgumentException.class, () -> statement.bind("zzz", 1));
  }

  @Test
  void explicitTypesAndDeclaredColumns() {
    var statement = text("SELECT id, name FROM users WHERE id = ANY(:ids)")
        .bind("ids", List.of(1L, 2L), PgTypes.array(PgTypes.BIGINT))
        .columns(USERS.id, USERS.name);
    assertEquals(List.of("bigint[]"), parameterTypes(statement));
    var compiled = SqlCompiler.render(statement).compiled();
    assertEquals(0, compiled.indexOf(USERS.id));
    assertEquals(1, compiled.indexOf(USERS.name));
  }
}
