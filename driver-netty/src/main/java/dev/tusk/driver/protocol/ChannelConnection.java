package dev.tusk.driver.protocol;

import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.driver.transport.EventLoops;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@link PgConnection} over one Netty channel. Calls from any thread turn into flows handed to the
 * channel's event loop; everything after that happens there.
 */
final class ChannelConnection implements PgConnection {
  private static final Function<RowSet, RowSet> AS_ROWS = Function.identity();
  private static final Function<RowSet, Long> AS_COUNT = RowSet::rowsAffected;

  private final Channel channel;
  private final EventLoop eventLoop;
  private final ConnectionContext context;
  private final CommandQueue queue;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile boolean closing;

  ChannelConnection(Channel channel, ConnectionContext context, CommandQueue queue, EventLoops.Lease lease) {
    this.channel = channel;
    this.eventLoop = channel.eventLoop();
    this.context = context;
    this.queue = queue;
    context.onClose(() -> {
      closing = true;
      EventLoops.release(lease);
      closed.complete(null);
    });
  }

  @Override
  public CompletableFuture<RowSet> query(String sql, Object... parameters) {
    return extended(sql, parameters, AS_ROWS);
  }

  @Override
  public CompletableFuture<Long> execute(String sql, Object... parameters) {
    return extended(sql, parameters, AS_COUNT);
  }

  private <T> CompletableFuture<T> extended(String sql, Object[] parameters, Function<RowSet, T> mapper) {
    Parameters bound;
    try {
      bound = Parameters.of(parameters, context.types());
    } catch (PgException e) {
      return CompletableFuture.failedFuture(e);
    }
    var flow = new ExtendedQueryFlow<>(sql, bound, mapper);
    submit(flow);
    return flow.future();
  }

  @Override
  public CompletableFuture<List<RowSet>> simpleQuery(String sql) {
    var flow = new SimpleQueryFlow(sql);
    submit(flow);
    return flow.future();
  }

  private void submit(CommandFlow flow) {
    if (closing) {
      flow.fail(new PgException(SqlState.CONNECTION_DOES_NOT_EXIST, "the connection is closed"));
      return;
    }
    if (eventLoop.inEventLoop()) {
      queue.submit(flow);
    } else {
      eventLoop.execute(() -> queue.submit(flow));
    }
  }

  @Override
  public Map<String, String> serverParameters() {
    return context.session().parameters();
  }

  @Override
  public TransactionStatus transactionStatus() {
    return context.session().transactionStatus();
  }

  @Override
  public int processId() {
    return context.session().processId();
  }

  @Override
  public boolean isOpen() {
    return !closing && channel.isActive();
  }

  @Override
  public CompletableFuture<Void> close() {
    if (!closing) {
      closing = true;
      var terminate = new TerminateFlow(closed);
      if (eventLoop.inEventLoop()) {
        queue.submit(terminate);
      } else {
        eventLoop.execute(() -> queue.submit(terminate));
      }
    }
    return closed;
  }

  @Override
  public String toString() {
    return "PgConnection[" + channel.remoteAddress() + ", pid " + processId() + ", " + transactionStatus() + "]";
  }
}
