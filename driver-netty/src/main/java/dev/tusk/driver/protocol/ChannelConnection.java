package dev.tusk.driver.protocol;

import dev.tusk.driver.BlockingConnection;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgTransaction;
import dev.tusk.driver.TxOptions;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgNotification;
import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.Query;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.RowStream;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.driver.transport.EventLoops;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import dev.tusk.driver.copy.PullPublisher;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link PgConnection} over one Netty channel. Calls from any thread turn into flows handed to the
 * channel's event loop; everything after that happens there.
 */
public final class ChannelConnection implements PgConnection {
  private static final Function<RowSet, RowSet> AS_ROWS = Function.identity();
  private static final Function<RowSet, Long> AS_COUNT = RowSet::rowsAffected;
  /** The inbox grows in chunks of this many slots: small, since most connections hold a few commands at a time. */
  private static final int INBOX_CHUNK = 64;
  /** The largest capacity the chunked queue takes (a power of two); the queue bound limits what waits long before. */
  private static final int INBOX_MAX = 1 << 30;

  private final Channel channel;
  private final EventLoop eventLoop;
  private final ConnectionContext context;
  private final CommandQueue queue;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile boolean closing;
  /** The event-loop group reference this connection holds once handed to the caller; released on close. */
  private volatile EventLoops.Lease lease;
  /** Commands submitted from other threads that the event loop has not queued yet (see {@link #whenIdle}). */
  private final AtomicInteger submissionsInTransit = new AtomicInteger();
  /**
   * Commands and actions (cancels, closing) posted from other threads, in order, waiting for the
   * event loop: one task drains all that arrived meanwhile, so a caller issuing many queries in a
   * row costs one task and one wake-up of the loop, not one per query. One queue for both keeps
   * their order: a cancel posted after a command finds it queued.
   */
  private final Queue<Object> inbox = PlatformDependent.newMpscQueue(INBOX_CHUNK, INBOX_MAX);
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Runnable drainInbox = this::drainInbox;
  /** What a cancelled future does: the queue cancels its command (no object per command for that). */
  private final Consumer<CommandFlow> cancelOnEventLoop = this::cancelOnEventLoop;
  private final Notifications notifications = new Notifications();
  private final Transactions.Depth transactionDepth = new Transactions.Depth();

  ChannelConnection(Channel channel, ConnectionContext context, CommandQueue queue) {
    this.channel = channel;
    this.eventLoop = channel.eventLoop();
    this.context = context;
    this.queue = queue;
    context.notificationListener(notifications::received);
    context.session().started();
    context.onClose(() -> {
      closing = true;
      notifications.close();
      EventLoops.Lease owned = lease;
      if (owned != null) {
        lease = null;
        EventLoops.release(owned);
      }
      closed.complete(null);
    });
  }

  /**
   * Takes over the connect's hold on the event-loop group: from now on closing the connection
   * releases it. Until then a failed connect releases it itself.
   */
  void adoptLease(EventLoops.Lease eventLoops) {
    lease = eventLoops;
    if (!channel.isActive()) {
      context.closed();
    }
  }

  @Override
  public CompletableFuture<RowSet> query(String sql, Object... parameters) {
    return extended(sql, parameters, AS_ROWS, null);
  }

  @Override
  public CompletableFuture<RowSet> query(Query query) {
    return extended(query.sql(), query.parameters().toArray(), AS_ROWS, query.timeout());
  }

  /**
   * Runs one statement that must leave no transaction open: a pool's shared statements, pipelined
   * with other callers' on this connection. One that opens a transaction fails and is rolled back.
   */
  public <T> CompletableFuture<T> autocommitStatement(String sql, Object[] parameters, Duration timeout,
      Function<RowSet, T> mapper) {
    Parameters bound;
    try {
      bound = Parameters.of(parameters, context.types());
    } catch (PgException e) {
      return CompletableFuture.failedFuture(e);
    }
    return run(new ExtendedQueryFlow<>(sql, bound, context.bufferedRows(), mapper, true), timeout);
  }

  /** {@return whether the calling thread is this connection's event loop} */
  public boolean isOnEventLoop() {
    return eventLoop.inEventLoop();
  }

  /** {@return whether session state changed since the last call (SET, LISTEN…)} and forgets it */
  public boolean takeSessionChanged() {
    return context.session().takeSessionChanged();
  }

  /** Closes the socket at once, failing whatever is pending: for a pool that gives up waiting. */
  public void closeNow() {
    closing = true;
    onEventLoop(() -> queue.abort(new PgException(SqlState.CONNECTION_DOES_NOT_EXIST, "the connection was closed by its pool")));
  }

  @Override
  public CompletableFuture<Long> execute(String sql, Object... parameters) {
    return extended(sql, parameters, AS_COUNT, null);
  }

  private <T> CompletableFuture<T> extended(String sql, Object[] parameters, Function<RowSet, T> mapper, Duration timeout) {
    Parameters bound;
    try {
      bound = Parameters.of(parameters, context.types());
    } catch (PgException e) {
      return CompletableFuture.failedFuture(e);
    }
    return run(new ExtendedQueryFlow<>(sql, bound, context.bufferedRows(), mapper), timeout);
  }

  @Override
  public CompletableFuture<List<RowSet>> batch(List<Query> statements) {
    List<StatementExecution> executions = new ArrayList<>(statements.size());
    // one unit, one deadline: each statement's own timeout adds to the batch's budget
    Duration timeout = null;
    try {
      for (Query statement : statements) {
        if (statement.timeout() != null) {
          timeout = timeout == null ? statement.timeout() : timeout.plus(statement.timeout());
        }
        executions.add(new StatementExecution(statement.sql(), Parameters.of(statement.parameters().toArray(), context.types()),
            context.bufferedRows(), null));
      }
    } catch (PgException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (executions.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return run(new BatchFlow(executions), timeout);
  }

  @Override
  public CompletableFuture<Long> executeMany(String sql, List<? extends List<?>> parameterSets) {
    List<Query> statements = new ArrayList<>(parameterSets.size());
    for (List<?> parameters : parameterSets) {
      statements.add(new Query(sql, new ArrayList<>(parameters), null));
    }
    return batch(statements).thenApply(results -> results.stream().mapToLong(RowSet::rowsAffected).sum());
  }

  @Override
  public RowStream stream(String sql, Object... parameters) {
    return new RowStreamPublisher(this, sql, () -> Parameters.of(parameters, context.types()));
  }

  @Override
  public CompletableFuture<Void> listen(String channel) {
    String quoted;
    try {
      quoted = Identifiers.quote(channel);
    } catch (PgException e) {
      return CompletableFuture.failedFuture(e);
    }
    context.session().sessionChanged();
    return simpleQuery("LISTEN " + quoted).thenApply(results -> null);
  }

  @Override
  public CompletableFuture<Void> unlisten(String channel) {
    String quoted;
    try {
      quoted = Identifiers.quote(channel);
    } catch (PgException e) {
      return CompletableFuture.failedFuture(e);
    }
    return simpleQuery("UNLISTEN " + quoted).thenApply(results -> null);
  }

  @Override
  public Flow.Publisher<PgNotification> notifications() {
    return notifications.publisher();
  }

  @Override
  public CompletableFuture<Long> copyIn(String sql, Flow.Publisher<byte[]> data) {
    return run(new CopyInFlow(sql, data), null);
  }

  @Override
  public CompletableFuture<Long> copyIn(String sql, InputStream data) {
    return copyIn(sql, new PullPublisher(new PullPublisher.Source() {
      @Override
      public byte[] next() throws java.io.IOException {
        byte[] chunk = data.readNBytes(64 * 1024);
        return chunk.length == 0 ? null : chunk;
      }

      @Override
      public void close() throws java.io.IOException {
        data.close();
      }
    }));
  }

  @Override
  public Flow.Publisher<byte[]> copyOut(String sql) {
    return new CopyOutPublisher(this, sql);
  }

  @Override
  public CompletableFuture<Long> copyOut(String sql, OutputStream out) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    var bytes = new java.util.concurrent.atomic.AtomicLong();
    copyOut(sql).subscribe(new Flow.Subscriber<>() {
      private Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(byte[] chunk) {
        try {
          out.write(chunk);
          bytes.addAndGet(chunk.length);
        } catch (java.io.IOException | RuntimeException | OutOfMemoryError e) {
          // fail first: once cancelled, the publisher sends nothing more, and the caller would wait forever
          done.completeExceptionally(new PgException(SqlState.CONNECTION_EXCEPTION, "writing COPY output failed: " + e, e));
          subscription.cancel();
        }
      }

      @Override
      public void onError(Throwable failure) {
        done.completeExceptionally(failure);
      }

      @Override
      public void onComplete() {
        done.complete(bytes.get());
      }
    });
    return done;
  }

  @Override
  public <T> CompletableFuture<T> withTransaction(TxOptions options, Function<PgConnection, CompletableFuture<T>> body) {
    return Transactions.run(this, this, options, body);
  }

  @Override
  public CompletableFuture<PgTransaction> begin(TxOptions options) {
    return Transactions.begin(this, this, options);
  }

  @Override
  public BlockingConnection blocking() {
    return new BlockingSession(this, this);
  }

  Transactions.Depth transactionDepth() {
    return transactionDepth;
  }

  /**
   * Cancels the newest command, pending or in flight (what a cancelled unit of work is waiting
   * for), unless {@code spare} is true when the event loop gets to it: the decision and the cancel
   * happen together there, so a command submitted after {@code spare} turned true (the COMMIT,
   * ROLLBACK or unlock that ends the work) is never the one cancelled.
   */
  public void cancelNewestUnless(java.util.function.BooleanSupplier spare) {
    onEventLoop(() -> {
      if (!spare.getAsBoolean()) {
        queue.cancelNewest();
      }
    });
  }

  /**
   * {@return the protocol 3.x minor version in use: 2 when the server speaks 3.2 (PostgreSQL 18+:
   * longer cancel keys), else 0}
   */
  public int protocolMinorVersion() {
    return context.session().protocolMinorVersion();
  }

  /**
   * {@return whether a cancelled statement is still draining: until the server has finished it, new
   * statements wait} Any thread; a hint, as it may change at once.
   */
  public boolean isCancelUnderWay() {
    return queue.isCancelUnderWay();
  }

  /** {@return how many CancelRequests this connection has sent} */
  public long cancelsSent() {
    return queue.cancelsSent();
  }

  /**
   * {@return completes once the connection has closed, whoever closed it (the server, the network,
   * or a call to close)} Does not close it: for a pool that must notice an idle connection dying.
   */
  public CompletableFuture<Void> closeFuture() {
    return closed.copy();
  }

  /** Completes when no command is pending or in flight (and no cancel is under way). */
  public CompletableFuture<Void> whenIdle() {
    // the common case, a loan whose work is over: nothing on its way to the loop, nothing queued
    if (submissionsInTransit.get() == 0 && queue.isQuiescent()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> idle = new CompletableFuture<>();
    onEventLoop(() -> queue.whenIdle(() -> idle.complete(null)));
    return idle;
  }

  void resumeReading() {
    context.resumeReading();
  }

  @Override
  public CompletableFuture<List<RowSet>> simpleQuery(String sql) {
    return run(new SimpleQueryFlow(sql), null);
  }

  /**
   * Submits a flow whose future the caller may cancel, under the given timeout or the connection's
   * default. Both end the same way: the future fails at once, and the queue cancels the command.
   */
  <T> CompletableFuture<T> run(ResultFlow<T> flow, Duration timeout) {
    PgFuture<T> future = flow.future();
    future.onCancel(cancelOnEventLoop, flow);
    submit(flow);
    Duration limit = timeout != null ? timeout : context.options().queryTimeout();
    if (limit != null && !future.isDone()) {
      var timer = eventLoop.schedule(() -> {
        if (future.completeExceptionally(new PgTimeoutException(SqlState.QUERY_CANCELED,
            "the statement did not complete within " + limit + " and was cancelled", limit))) {
          queue.cancel(flow);
        }
      }, limit.toNanos(), TimeUnit.NANOSECONDS);
      future.whenComplete((result, failure) -> timer.cancel(false));
    }
    return future;
  }

  private void cancelOnEventLoop(CommandFlow flow) {
    onEventLoop(() -> queue.cancel(flow));
  }

  /** Runs {@code action} on the event loop: now if this is it, else after what this connection posted before. */
  private void onEventLoop(Runnable action) {
    if (eventLoop.inEventLoop()) {
      action.run();
    } else {
      post(action);
    }
  }

  private void submit(CommandFlow flow) {
    if (closing) {
      flow.fail(new PgException(SqlState.CONNECTION_DOES_NOT_EXIST, "the connection is closed"));
      return;
    }
    if (eventLoop.inEventLoop()) {
      queue.submit(flow);
      return;
    }
    submissionsInTransit.incrementAndGet();
    post(flow);
  }

  /** Hands a command or an action to the event loop, behind everything posted before it. */
  private void post(Object commandOrAction) {
    inbox.offer(commandOrAction);
    if (!drainScheduled.compareAndSet(false, true)) {
      return;
    }
    if (eventLoop.isShuttingDown()) {
      // The group shuts down only once no connection uses it, so this one is closed and its queue
      // failed: the inbox is drained here. A task handed to a loop that is terminating can be
      // dropped without a rejection, and the caller waiting on it (a pool taking the connection
      // back) would wait forever.
      drainInbox();
      return;
    }
    try {
      eventLoop.execute(drainInbox);
    } catch (java.util.concurrent.RejectedExecutionException loopGone) {
      // The connection closed and its event-loop group shut down (it was the last user): the queue
      // is closed, so draining here fails each command at once instead of losing it.
      drainInbox();
    }
  }

  /**
   * Runs what other threads posted, oldest first: commands join the queue, actions run. On the
   * event loop, or on a posting thread once the loop is gone (hence the lock: the inbox has one
   * consumer at a time; on the loop it is never contended).
   */
  private void drainInbox() {
    synchronized (inbox) {
      // cleared before polling: a post that finds it set after this is drained by this pass or
      // schedules a new one, never neither
      drainScheduled.set(false);
      Object next;
      while ((next = inbox.poll()) != null) {
        if (next instanceof CommandFlow flow) {
          try {
            queue.submit(flow);
          } finally {
            submissionsInTransit.decrementAndGet();
          }
        } else {
          ((Runnable) next).run();
        }
      }
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
      onEventLoop(() -> queue.submit(terminate));
    }
    return closed;
  }

  @Override
  public String toString() {
    return "PgConnection[" + channel.remoteAddress() + ", pid " + processId() + ", " + transactionStatus() + "]";
  }
}
