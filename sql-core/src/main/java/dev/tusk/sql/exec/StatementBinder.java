package dev.tusk.sql.exec;

import dev.tusk.driver.Query;
import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.cache.StatementCache;
import dev.tusk.sql.compile.BoundSql;
import dev.tusk.sql.compile.CompiledSql;
import dev.tusk.sql.compile.ParameterSlot;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a statement into what the driver runs: the SQL from the statement cache (compiled only for
 * a new shape) and the parameter values converted for the wire by their slots' types.
 */
public final class StatementBinder {
  private final StatementCache cache;

  public StatementBinder(StatementCache cache) {
    this.cache = cache;
  }

  public StatementCache cache() {
    return cache;
  }

  /** A statement ready to run. */
  public record Bound(CompiledSql compiled, Object[] parameters) {
    public String sql() {
      return compiled.sql();
    }

    Query query(Duration timeout) {
      return new Query(compiled.sql(), Arrays.asList(parameters), timeout);
    }
  }

  public Bound bind(Statement statement) {
    BoundSql bound = cache.prepare(statement);
    List<ParameterSlot> slots = bound.compiled().parameters();
    Object[] values = new Object[slots.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Values.toDatabase(bound.parameters().get(i), slots.get(i).type());
    }
    return new Bound(bound.compiled(), values);
  }
}
