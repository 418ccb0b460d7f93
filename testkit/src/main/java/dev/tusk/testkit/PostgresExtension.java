package dev.tusk.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the JVM's shared {@link PostgresServer}: declare a parameter of that type (in a
 * constructor, a lifecycle method or a test) and annotate the class with
 * {@code @ExtendWith(PostgresExtension.class)}. Role URLs come from {@link PostgresServer#url(TestRole)};
 * tests of a role an external server lacks use {@code assumeTrue(server.supports(role))}.
 */
public final class PostgresExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return TestPostgres.shared();
  }
}
