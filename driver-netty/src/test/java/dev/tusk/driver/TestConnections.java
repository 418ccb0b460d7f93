package dev.tusk.driver;

import dev.tusk.testkit.PostgresServer;
import dev.tusk.testkit.TestRole;
import dev.tusk.testkit.TlsFiles;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Options and helpers shared by the driver's integration tests. */
public final class TestConnections {
  public static final Duration WAIT = Duration.ofSeconds(30);

  private TestConnections() {}

  /** Options for {@code role} on the test server, plain TCP. */
  public static PgConnectOptions options(PostgresServer server, TestRole role) {
    return PgConnectOptions.defaults()
        .withHost(server.host(), server.port())
        .withUser(role.user())
        .withPassword(role.password())
        .withDatabase(server.database())
        .withTls(TlsOptions.defaults().withMode(SslMode.DISABLE))
        .withConnectTimeout(Duration.ofSeconds(10));
  }

  public static PgConnectOptions options(PostgresServer server) {
    return options(server, TestRole.SUPERUSER);
  }

  /** TLS options trusting the test CA. */
  public static TlsOptions tls(PostgresServer server, SslMode mode) {
    TlsFiles files = server.tls().orElseThrow();
    return new TlsOptions(mode, SslNegotiation.POSTGRES, files.caCertificate().toString(), null, null, null,
        ChannelBinding.PREFER);
  }

  public static PgConnection connect(PgConnectOptions options) {
    return await(PgConnection.connect(options));
  }

  public static PgConnection connect(PostgresServer server) {
    return connect(options(server));
  }

  /** Waits for a future, unwrapping its failure (so tests can assertThrows the driver's exception). */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + WAIT, e);
    }
  }

  /** Waits for a future that must fail, and returns its failure as the driver's exception. */
  public static PgException failure(CompletableFuture<?> future) {
    try {
      future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PgException pg) {
        return pg;
      }
      throw new AssertionError("expected a PgException, got " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + WAIT, e);
    }
    throw new AssertionError("expected the future to fail, but it succeeded");
  }
}
