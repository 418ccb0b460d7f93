package dev.tusk.sql.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.sql.ast.Statement;
import dev.tusk.sql.cache.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Golden-SQL assertions. Each checks both ways a statement is compiled: directly with its values,
 * and through its shape (the cache's path), which must give the same SQL and, once the statement's
 * own values are bound, the same parameters.
 */
public final class GoldenSql {
  private GoldenSql() {}

  /** Asserts the SQL of a statement, whatever its values. */
  public static void assertSql(Statement statement, String expected) {
    var direct = SqlCompiler.render(statement);
    assertEquals(expected, direct.sql(), "rendered directly");
    var shape = Shape.of(statement);
    var compiled = SqlCompiler.compile(shape.key().shape());
    assertEquals(expected, compiled.sql(), "compiled from the shape");
    assertEquals(direct.parameters(), compiled.bind(shape.values()), "values bound through the shape");
    assertEquals(statement.toString(), expected, "toString");
  }

  /** Asserts the SQL of a statement and its parameter values, in $n order. */
  public static void assertSql(Statement statement, String expected, Object... values) {
    assertSql(statement, expected);
    assertEquals(Arrays.asList(values), SqlCompiler.render(statement).parameters(), "parameter values");
  }

  /** {@return the type names of a statement's parameters, in $n order} */
  public static List<String> parameterTypes(Statement statement) {
    return SqlCompiler.render(statement).compiled().parameters().stream().map(ParameterSlot::typeName).toList();
  }
}
