package dev.tusk.sql.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.sql.ast.TableName;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
  @Test
  void plainLowerCaseNamesAreBare() {
    assertEquals("users", Identifiers.quote("users"));
    assertEquals("_tmp2", Identifiers.quote("_tmp2"));
    assertEquals("name", Identifiers.quote("name"));
    assertEquals("time", Identifiers.quote("time"), "a column-name keyword may name a column");
  }

  @Test
  void reservedKeywordsAreQuoted() {
    for (var keyword : new String[] {"user", "order", "select", "table", "group", "left", "join", "is", "similar"}) {
      assertEquals('"' + keyword + '"', Identifiers.quote(keyword));
    }
  }

  @Test
  void upperCaseSpecialCharactersAndLeadingDigitsAreQuoted() {
    assertEquals("\"Users\"", Identifiers.quote("Users"));
    assertEquals("\"job status\"", Identifiers.quote("job status"));
    assertEquals("\"a$b\"", Identifiers.quote("a$b"));
    assertEquals("\"1st\"", Identifiers.quote("1st"));
    assertEquals("\"café\"", Identifiers.quote("café"));
    assertEquals("\"\"", Identifiers.quote(""));
  }

  @Test
  void embeddedQuotesAreDoubled() {
    assertEquals("\"say \"\"hi\"\"\"", Identifiers.quote("say \"hi\""));
    assertThrows(IllegalArgumentException.class, () -> Identifiers.quote("nul\0"));
  }

  @Test
  void qualifiedNamesQuoteEachPart() {
    assertEquals("\"App\".\"order\"", Identifiers.quote(new TableName("App", "order")));
    assertEquals("app.users", Identifiers.quote(new TableName("app", "users")));
  }

  @Test
  void functionNamesQuoteOnlyWhatIsNotAPlainIdentifier() {
    assertEquals("coalesce", Identifiers.functionName("coalesce"));
    assertEquals("left", Identifiers.functionName("left"));
    assertEquals("pg_catalog.\"Odd\"", Identifiers.functionName("pg_catalog.Odd"));
  }
}
