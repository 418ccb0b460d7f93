package dev.tusk.sql;

import static dev.tusk.sql.Jsonb.path;
import static dev.tusk.sql.Sql.*;
import static dev.tusk.sql.TestSchema.*;
import static dev.tusk.sql.compile.GoldenSql.assertSql;
import static dev.tusk.sql.compile.GoldenSql.parameterTypes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonbTest {
  private static final String DOC = "app.kernels.status_data";

  private static String objectOrEmpty(String json) {
    return "CASE jsonb_typeof(" + json + ") WHEN 'object' THEN " + json + " ELSE '{}'::jsonb END";
  }

  @Test
  void mergeAtOneLevelUpdatesThePathInOneStatement() {
    var status = new LinkedHashMap<String, Object>();
    status.put("last_try", "2026-11-26T10:00Z");
    status.put("passed", List.of("concurrency"));
    var statement = update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path("scheduler"), status));
    assertSql(statement,
        "UPDATE app.kernels SET status_data = jsonb_set(" + objectOrEmpty(DOC) + ", $1, "
            + objectOrEmpty(DOC + " #> $2").replace("#> $2 ELSE", "#> $3 ELSE") + " || $4, TRUE)",
        List.of("scheduler"), List.of("scheduler"), List.of("scheduler"),
        "{\"last_try\":\"2026-11-26T10:00Z\",\"passed\":[\"concurrency\"]}");
    assertEquals(List.of("text[]", "text[]", "text[]", "jsonb"), parameterTypes(statement));
  }

  @Test
  void mergeAtANestedPathCreatesEachMissingLevel() {
    var statement = update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path("a", "b"),
        Map.of("k", true)));
    String levelA = "CASE jsonb_typeof(" + DOC + " #> $2) WHEN 'object' THEN " + DOC + " #> $3 ELSE '{}'::jsonb END";
    String levelB = "CASE jsonb_typeof(" + DOC + " #> $5) WHEN 'object' THEN " + DOC + " #> $6 ELSE '{}'::jsonb END";
    assertSql(statement,
        "UPDATE app.kernels SET status_data = jsonb_set(jsonb_set(" + objectOrEmpty(DOC) + ", $1, " + levelA
            + ", TRUE), $4, " + levelB + " || $7, TRUE)",
        List.of("a"), List.of("a"), List.of("a"), List.of("a", "b"), List.of("a", "b"), List.of("a", "b"),
        "{\"k\":true}");
  }

  @Test
  void mergeSqlDependsOnThePathLengthOnly() {
    var one = update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path("x", "y"), Map.of()));
    var two = update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path("p", "q"),
        Map.of("z", List.of(1, 2))));
    assertEquals(one.toString(), two.toString());
  }

  @Test
  void mergeAtTheRootConcatenates() {
    assertSql(update(KERNELS).set(KERNELS.statusData, Jsonb.merge(KERNELS.statusData, path(), Map.of("a", 1))),
        "UPDATE app.kernels SET status_data = " + objectOrEmpty(DOC) + " || $1", "{\"a\":1}");
  }

  @Test
  void setReplacesTheValueAtAPath() {
    assertSql(update(KERNELS).set(KERNELS.statusData, Jsonb.set(KERNELS.statusData, path("a"), 5)),
        "UPDATE app.kernels SET status_data = jsonb_set(" + objectOrEmpty(DOC) + ", $1, $2, TRUE)", List.of("a"), "5");
  }

  @Test
  void mergeRefusesNonJsonbTargets() {
    assertThrows(IllegalArgumentException.class, () -> Jsonb.merge(USERS.name, path("a"), Map.of()));
  }

  @Test
  void operatorsBindKeysPathsAndDocuments() {
    assertSql(select(Jsonb.get(KERNELS.statusData, "a"), Jsonb.getText(KERNELS.statusData, "b"),
            Jsonb.get(KERNELS.statusData, 0), Jsonb.get(KERNELS.statusData, path("c", "d")),
            Jsonb.getText(KERNELS.statusData, path("e"))).from(KERNELS),
        "SELECT " + DOC + " -> $1, " + DOC + " ->> $2, " + DOC + " -> $3, " + DOC + " #> $4, " + DOC + " #>> $5 "
            + "FROM app.kernels", "a", "b", 0, List.of("c", "d"), List.of("e"));
    assertSql(select(KERNELS.id).from(KERNELS).where(and(
            Jsonb.contains(KERNELS.statusData, Map.of("state", "idle")),
            Jsonb.containedBy(KERNELS.statusData, Jsonb.value(Map.of())),
            Jsonb.hasKey(KERNELS.statusData, "a"),
            Jsonb.hasAnyKey(KERNELS.statusData, "b", "c"),
            Jsonb.hasAllKeys(KERNELS.statusData, "d"))),
        "SELECT app.kernels.id FROM app.kernels WHERE " + DOC + " @> $1 AND " + DOC + " <@ $2 AND " + DOC
            + " ? $3 AND " + DOC + " ?| $4 AND " + DOC + " ?& $5",
        "{\"state\":\"idle\"}", "{}", "a", List.of("b", "c"), List.of("d"));
    assertSql(select(Jsonb.concat(Jsonb.deleteKey(KERNELS.statusData, "a"), List.of(1)),
            Jsonb.deletePath(KERNELS.statusData, path("x", "y"))).from(KERNELS),
        "SELECT " + DOC + " - $1 || $2, " + DOC + " #- $3 FROM app.kernels", "a", "[1]", List.of("x", "y"));
  }

  @Test
  void jsonPathLookupsBindTighterThanComparisons() {
    assertSql(select(KERNELS.id).from(KERNELS).where(Jsonb.getText(KERNELS.statusData, "state").eq("idle")),
        "SELECT app.kernels.id FROM app.kernels WHERE " + DOC + " ->> $1 = $2", "state", "idle");
  }
}
