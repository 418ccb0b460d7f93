package dev.tusk.driver.reliability;

import static dev.tusk.driver.TestConnections.*;
import static dev.tusk.driver.reliability.Outcomes.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.Row;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.SslMode;
import dev.tusk.driver.TestConnections;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import dev.tusk.testkit.TestRole;
import dev.tusk.testkit.fault.Direction;
import dev.tusk.testkit.fault.CutStyle;
import dev.tusk.testkit.fault.Fault;
import dev.tusk.testkit.fault.FaultProxy;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection loss at the worst moments — mid-DataRow stream, mid-COPY in both directions,
 * mid-TLS-handshake, mid-authentication, mid-pipeline — through the fault proxy. Every pending
 * future must end with a typed error (class 08) by its deadline; the source of a COPY must be
 * closed; and nothing may be left behind: no buffer (the leak detector, paranoid), no event-loop or
 * proxy thread, no server backend.
 */
@ExtendWith(PostgresExtension.class)
class ConnectionLossIT {
  private static final String APPLICATION = "connection-loss";
  /** How long a caller may wait, at most, for the failure after a cut: generous, never a timing test. */
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private static int eventLoopThreadsBefore;
  private final PostgresServer server;
  private FaultProxy proxy;
  private PgConnection observer;

  ConnectionLossIT(PostgresServer server) {
    this.server = server;
  }

  @BeforeAll
  static void countThreads() {
    eventLoopThreadsBefore = threadsNamed("tusk-nio").size();
  }

  @BeforeEach
  void startProxy() {
    proxy = FaultProxy.start(server.host(), server.port());
    observer = TestConnections.connect(server);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
    assertTrue(threadsNamed(FaultProxy.THREAD_NAME_PREFIX).isEmpty(), "the proxy's threads ended");
    serverConnectionsSettleAt(observer, APPLICATION, 0);
    await(observer.close());
  }

  @AfterAll
  static void noEventLoopThreadsLeft() {
    noThreadsLeft("tusk-nio", eventLoopThreadsBefore);
  }

  private PgConnectOptions viaProxy(TestRole role) {
    return options(server, role).withHost(proxy.host(), proxy.port())
        .withServerSetting("application_name", APPLICATION)
        .withConnectTimeout(CONNECT_TIMEOUT);
  }

  private PgConnection connectViaProxy() {
    return TestConnections.connect(viaProxy(TestRole.SUPERUSER));
  }

  /** After the fault is gone, the same route works again with a fresh connection. */
  private void routeWorksAgain() {
    proxy.restore();
    PgConnection fresh = connectViaProxy();
    try {
      assertEquals(1, await(fresh.query("SELECT 1")).one().getInt(0));
    } finally {
      await(fresh.close());
    }
  }

  @Test
  void aCutMidDataRowStreamFailsTheQueryAndEveryCommandPipelinedBehindIt() {
    proxy.set(Fault.cutAtServerMessage('D', 500));
    PgConnection connection = connectViaProxy();
    long start = System.nanoTime();
    var big = connection.query("SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g");
    List<CompletableFuture<?>> behind = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      behind.add(connection.query("SELECT $1::int", i));
    }
    connectionFailureBy(big, start, DEADLINE, "the query cut mid-stream");
    for (var command : behind) {
      connectionFailureBy(command, start, DEADLINE, "a command pipelined behind it");
    }
    System.out.printf("cut mid-DataRow: 11 commands failed within %d ms%n", millisSince(start));
    assertFalse(connection.isOpen());
    PgException later = failure(connection.query("SELECT 1"));
    assertTrue(later.isConnectionFailure(), later.getMessage());
    assertEquals(1, proxy.stats().cuts().size());
    routeWorksAgain();
  }

  @Test
  void aCutMidRowStreamEndsTheSubscriberWithATypedError() {
    proxy.set(Fault.cutAtServerMessage('D', 3000));
    PgConnection connection = connectViaProxy();
    var rows = new AtomicLong();
    var ended = new CompletableFuture<Void>();
    long start = System.nanoTime();
    connection.stream("SELECT g FROM generate_series(1, 1000000) g").subscribe(new Flow.Subscriber<Row>() {
      private Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        subscription.request(100);
      }

      @Override
      public void onNext(Row row) {
        if (rows.incrementAndGet() % 100 == 0) {
          subscription.request(100);
        }
      }

      @Override
      public void onError(Throwable failure) {
        ended.completeExceptionally(failure);
      }

      @Override
      public void onComplete() {
        ended.complete(null);
      }
    });
    connectionFailureBy(ended, start, DEADLINE, "the stream cut mid-result");
    assertTrue(rows.get() < 3000, "the rows before the cut arrived, and no more: " + rows.get());
    routeWorksAgain();
  }

  @Test
  void aCutMidCopyInFailsTheCopyAndClosesItsSource() throws Exception {
    PgConnection connection = connectViaProxy();
    await(connection.simpleQuery("CREATE TEMP TABLE copied (n int, s text)"));
    var source = new EndlessRows();
    proxy.set(Fault.cutAfterBytes(Direction.TO_SERVER, 256 * 1024));
    long start = System.nanoTime();
    var copy = connection.copyIn("COPY copied FROM STDIN", source);
    connectionFailureBy(copy, start, DEADLINE, "the COPY FROM STDIN cut midway");
    assertTrue(eventually(DEADLINE, source.closed::get), "the source stream is closed once the copy failed");
    assertTrue(source.bytes.get() >= 256 * 1024, "the copy was under way: " + source.bytes.get() + " bytes read");
    routeWorksAgain();
  }

  @Test
  void aCutMidCopyOutFailsTheCopy() {
    proxy.set(Fault.cutAtServerMessage('d', 5000));
    PgConnection connection = connectViaProxy();
    var written = new AtomicLong();
    long start = System.nanoTime();
    var copy = connection.copyOut("COPY (SELECT g, md5(g::text) FROM generate_series(1, 1000000) g) TO STDOUT", new OutputStream() {
      @Override
      public void write(int b) {
        written.incrementAndGet();
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        written.addAndGet(length);
      }
    });
    connectionFailureBy(copy, start, DEADLINE, "the COPY TO STDOUT cut midway");
    assertTrue(written.get() > 0, "the data before the cut arrived");
    routeWorksAgain();
  }

  @Test
  void aCutWhileCommandsArePipelinedEndsEachOneWithItsResultOrATypedError() {
    // an orderly cut: with a reset, the kernel may drop answers already delivered but not yet read
    proxy.set(Fault.cutAtServerMessage('C', 25).with(CutStyle.FIN));
    PgConnection connection = connectViaProxy();
    long start = System.nanoTime();
    List<CompletableFuture<Integer>> commands = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      commands.add(connection.query("SELECT $1::int", i).thenApply(rows -> rows.one().getInt(0)));
    }
    int succeeded = 0;
    for (int i = 0; i < commands.size(); i++) {
      try {
        assertEquals(i, commands.get(i).get(DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        succeeded++;
      } catch (java.util.concurrent.ExecutionException e) {
        PgException failure = assertInstanceOf(PgException.class, e.getCause());
        assertTrue(failure.isConnectionFailure(), failure.getMessage());
      } catch (Exception e) {
        throw new AssertionError("command " + i + " did not end within " + DEADLINE, e);
      }
    }
    assertEquals(24, succeeded, "the commands answered before the cut keep their results");
    System.out.printf("cut mid-pipeline: 100 commands ended within %d ms%n", millisSince(start));
    routeWorksAgain();
  }

  /** Byte counts at which the server's side of the TLS handshake is cut: right after 'S', inside ServerHello, later. */
  @ParameterizedTest
  @ValueSource(ints = {1, 20, 120, 600})
  void aCutMidTlsHandshakeFailsTheConnectWithATypedError(int serverBytes) {
    assumeTrue(server.tls().isPresent());
    proxy.set(Fault.cutAfterBytes(Direction.TO_CLIENT, serverBytes));
    long start = System.nanoTime();
    var connecting = PgConnection.connect(viaProxy(TestRole.SUPERUSER).withTls(tls(server, SslMode.REQUIRE)));
    connectionFailureBy(connecting, start, DEADLINE, "a connect cut after " + serverBytes + " TLS bytes");
    routeWorksAgain();
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 60})
  void aCutWhileTheClientSendsItsTlsHelloFailsTheConnect(int clientBytes) {
    assumeTrue(server.tls().isPresent());
    proxy.set(Fault.cutAfterBytes(Direction.TO_SERVER, clientBytes));
    long start = System.nanoTime();
    var connecting = PgConnection.connect(viaProxy(TestRole.SUPERUSER).withTls(tls(server, SslMode.REQUIRE)));
    connectionFailureBy(connecting, start, DEADLINE, "a connect cut after " + clientBytes + " client bytes");
    routeWorksAgain();
  }

  @Test
  void aSilentServerMidTlsHandshakeFailsAtTheConnectTimeout() {
    assumeTrue(server.tls().isPresent());
    proxy.set(Fault.blackHole(Direction.TO_CLIENT));
    long start = System.nanoTime();
    var connecting = PgConnection.connect(viaProxy(TestRole.SUPERUSER).withTls(tls(server, SslMode.REQUIRE)));
    PgException failure = connectionFailureBy(connecting, start, CONNECT_TIMEOUT.plus(DEADLINE), "a connect to a silent server");
    assertInstanceOf(dev.tusk.driver.PgTimeoutException.class, failure);
    assertTrue(millisSince(start) >= CONNECT_TIMEOUT.toMillis() - 50, "it waited for the connect timeout");
    routeWorksAgain();
  }

  /** Cuts during SCRAM: before AuthenticationSASL, SASLContinue, SASLFinal, and the client's two responses. */
  @ParameterizedTest
  @ValueSource(strings = {"server R 1", "server R 2", "server R 3", "client p 1", "client p 2", "server K 1"})
  void aCutMidAuthenticationFailsTheConnectWithATypedError(String where) {
    assumeTrue(server.supports(TestRole.SCRAM));
    String[] parts = where.split(" ");
    char tag = parts[1].charAt(0);
    int occurrence = Integer.parseInt(parts[2]);
    proxy.set(parts[0].equals("server") ? Fault.cutAtServerMessage(tag, occurrence) : Fault.cutAtClientMessage(tag, occurrence));
    long start = System.nanoTime();
    var connecting = PgConnection.connect(viaProxy(TestRole.SCRAM));
    PgException failure = connectionFailureBy(connecting, start, DEADLINE, "a connect cut at the " + where);
    assertFalse(failure.getMessage().contains(TestRole.SCRAM.password()), "the password is never in an error");
    assertEquals(1, proxy.stats().cuts().size(), "the cut happened where intended");
    routeWorksAgain();
  }

  @Test
  void aSilentServerMidAuthenticationFailsAtTheConnectTimeout() {
    assumeTrue(server.supports(TestRole.SCRAM));
    // the startup message reaches the server; its authentication request never comes back
    proxy.set(Fault.blackHole(Direction.TO_CLIENT));
    long start = System.nanoTime();
    var connecting = PgConnection.connect(viaProxy(TestRole.SCRAM));
    PgException failure = connectionFailureBy(connecting, start, CONNECT_TIMEOUT.plus(DEADLINE), "a connect to a server gone silent");
    assertTrue(failure instanceof dev.tusk.driver.PgTimeoutException || failure.sqlState().equals(SqlState.CONNECTION_FAILURE),
        failure.getMessage());
    routeWorksAgain();
  }
}
