package dev.tusk.sql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.sql.ast.TableName;
import dev.tusk.sql.types.PgTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {
  private static TableDefinition table(String name, String... references) {
    var columns = List.of(new ColumnDefinition("id", PgTypes.BIGINT, ColumnSpec.DEFAULT));
    List<TableConstraint> keys = java.util.Arrays.stream(references)
        .<TableConstraint>map(target -> TableConstraint.ForeignKey.of(List.of("id"))
            .references(TableName.of(target), List.of("id")))
        .toList();
    return TableDefinition.of(TableName.of(name), columns, keys, List.of(), null);
  }

  private static List<String> names(DependencyOrder order) {
    return order.tables().stream().map(t -> t.name().name()).toList();
  }

  @Test
  void referencedTablesComeFirstAndTiesKeepDeclarationOrder() {
    var order = DependencyOrder.of(List.of(table("c", "b"), table("b", "a"), table("a"), table("d")));
    assertEquals(List.of("a", "b", "c", "d"), names(order));
    assertEquals(List.of(), order.deferred());
  }

  @Test
  void selfReferencesAndOutsideTablesDoNotOrder() {
    var order = DependencyOrder.of(List.of(table("tree", "tree"), table("x", "elsewhere")));
    assertEquals(List.of("tree", "x"), names(order));
    assertEquals(1, order.tables().getFirst().foreignKeys().size(), "a self-reference stays in CREATE TABLE");
  }

  @Test
  void keysInsideACycleAreDeferredAndNamed() {
    var order = DependencyOrder.of(List.of(table("a", "b"), table("b", "c"), table("c", "a"), table("d", "a")));
    assertEquals(List.of("a", "b", "c", "d"), names(order));
    assertEquals(List.of("a_id_fkey", "b_id_fkey", "c_id_fkey"),
        order.deferred().stream().map(k -> k.key().name()).toList());
    assertEquals(1, order.tables().get(3).foreignKeys().size(), "d's key leaves the cycle and stays inline");
  }

  @Test
  void longChainsDoNotOverflowTheStack() {
    var tables = new java.util.ArrayList<TableDefinition>();
    tables.add(table("t0"));
    for (int i = 1; i < 20_000; i++) {
      tables.add(table("t" + i, "t" + (i - 1)));
    }
    java.util.Collections.reverse(tables);
    var order = DependencyOrder.of(tables);
    assertEquals("t0", order.tables().getFirst().name().name());
    assertEquals("t19999", order.tables().getLast().name().name());
  }
}
