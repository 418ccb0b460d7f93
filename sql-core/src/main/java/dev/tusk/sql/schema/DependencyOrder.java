package dev.tusk.sql.schema;

import dev.tusk.sql.ast.TableName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which tables can be created so that every foreign key references a table that
 * exists: referenced tables first, ties broken by declaration order. Tables in a cycle of foreign
 * keys cannot be ordered; the keys inside each cycle are taken out of CREATE TABLE and added
 * afterwards with ALTER TABLE, under a name so that they can be dropped first again. Keys to tables
 * outside the set are left alone.
 *
 * @param tables the definitions in creation order, without their deferred keys
 * @param deferred the foreign keys to add after all tables exist, each named
 */
public record DependencyOrder(List<TableDefinition> tables, List<DeferredKey> deferred) {
  /** PostgreSQL truncates identifiers to 63 bytes; Tusk's derived names stay within that. */
  static final int MAX_IDENTIFIER_LENGTH = 63;

  public DependencyOrder {
    tables = List.copyOf(tables);
    deferred = List.copyOf(deferred);
  }

  /**
   * A foreign key created by ALTER TABLE after all tables.
   *
   * @param table the referencing table
   * @param key the key, with a name
   */
  public record DeferredKey(TableName table, TableConstraint.ForeignKey key) {}

  /** {@return the creation order of these tables} */
  public static DependencyOrder of(List<TableDefinition> definitions) {
    var index = new HashMap<TableName, Integer>();
    for (int i = 0; i < definitions.size(); i++) {
      index.put(definitions.get(i).name(), i);
    }
    var component = stronglyConnectedComponents(definitions, index);

    var deferred = new ArrayList<DeferredKey>();
    var tables = new ArrayList<TableDefinition>(definitions.size());
    for (int i = 0; i < definitions.size(); i++) {
      var definition = definitions.get(i);
      var cut = new ArrayList<TableConstraint.ForeignKey>();
      for (var key : definition.foreignKeys()) {
        Integer target = index.get(key.target());
        if (target != null && target != i && component[target] == component[i]) {
          cut.add(key);
          deferred.add(new DeferredKey(definition.name(), key.name() != null ? key
              : key.named(derivedName(definition.name().name(), key.columns()))));
        }
      }
      tables.add(definition.without(cut));
    }
    return new DependencyOrder(topologicalOrder(tables, index), deferred);
  }

  /** Kahn's algorithm, always taking the earliest declared table that is ready. */
  private static List<TableDefinition> topologicalOrder(List<TableDefinition> tables, Map<TableName, Integer> index) {
    int n = tables.size();
    var remainingDependencies = new int[n];
    var dependents = new ArrayList<List<Integer>>();
    for (int i = 0; i < n; i++) {
      dependents.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int target : targets(tables.get(i), index, i)) {
        remainingDependencies[i]++;
        dependents.get(target).add(i);
      }
    }
    var ready = new java.util.PriorityQueue<Integer>();
    for (int i = 0; i < n; i++) {
      if (remainingDependencies[i] == 0) {
        ready.add(i);
      }
    }
    var order = new ArrayList<TableDefinition>(n);
    while (!ready.isEmpty()) {
      int next = ready.poll();
      order.add(tables.get(next));
      for (int dependent : dependents.get(next)) {
        if (--remainingDependencies[dependent] == 0) {
          ready.add(dependent);
        }
      }
    }
    if (order.size() != n) {
      throw new IllegalStateException("foreign keys still form a cycle after deferring; this is a bug");
    }
    return order;
  }

  /** Tarjan's algorithm, iterative so that long chains of tables cannot overflow the stack. */
  private static int[] stronglyConnectedComponents(List<TableDefinition> definitions, Map<TableName, Integer> index) {
    int n = definitions.size();
    var edges = new ArrayList<List<Integer>>(n);
    for (int i = 0; i < n; i++) {
      edges.add(targets(definitions.get(i), index, i));
    }
    var order = new int[n];
    var low = new int[n];
    var component = new int[n];
    var onStack = new boolean[n];
    java.util.Arrays.fill(order, -1);
    var stack = new ArrayDeque<Integer>();
    int counter = 0;
    int components = 0;
    for (int root = 0; root < n; root++) {
      if (order[root] >= 0) {
        continue;
      }
      var work = new ArrayDeque<int[]>(); // {node, next edge to visit}
      work.push(new int[] {root, 0});
      order[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = true;
      while (!work.isEmpty()) {
        var frame = work.peek();
        int node = frame[0];
        if (frame[1] < edges.get(node).size()) {
          int next = edges.get(node).get(frame[1]++);
          if (order[next] < 0) {
            order[next] = low[next] = counter++;
            stack.push(next);
            onStack[next] = true;
            work.push(new int[] {next, 0});
          } else if (onStack[next]) {
            low[node] = Math.min(low[node], order[next]);
          }
        } else {
          work.pop();
          if (!work.isEmpty()) {
            int parent = work.peek()[0];
            low[parent] = Math.min(low[parent], low[node]);
          }
          if (low[node] == order[node]) {
            int member;
            do {
              member = stack.pop();
              onStack[member] = false;
              component[member] = components;
            } while (member != node);
            components++;
          }
        }
      }
    }
    return component;
  }

  private static List<Integer> targets(TableDefinition definition, Map<TableName, Integer> index, int self) {
    return definition.foreignKeys().stream()
        .map(key -> index.get(key.target()))
        .filter(target -> target != null && target != self)
        .distinct()
        .toList();
  }

  private static String derivedName(String table, List<String> columns) {
    String name = table + "_" + String.join("_", columns) + "_fkey";
    return name.length() <= MAX_IDENTIFIER_LENGTH ? name : name.substring(0, MAX_IDENTIFIER_LENGTH);
  }
}
