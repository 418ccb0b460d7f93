package dev.tusk.driver.pool;

import dev.tusk.driver.BlockingConnection;
import dev.tusk.driver.PgConnectOptions;
import dev.tusk.driver.PgConnection;
import dev.tusk.driver.PgException;
import dev.tusk.driver.PgPool;
import dev.tusk.driver.PgTimeoutException;
import dev.tusk.driver.PoolOptions;
import dev.tusk.driver.PoolStats;
import dev.tusk.driver.PooledConnection;
import dev.tusk.driver.Query;
import dev.tusk.driver.RetryPolicy;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.TransactionStatus;
import dev.tusk.driver.TxOptions;
import dev.tusk.driver.protocol.Blocking;
import dev.tusk.driver.protocol.ChannelConnection;
import dev.tusk.driver.protocol.PgFuture;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * {@link PgPool}. The state — idle connections (most recently returned first), all connections,
 * waiting callers — is guarded by one lock held only for bookkeeping, never across I/O or user
 * code. A connection returns to the idle set only after it drained its commands to a
 * ReadyForQuery with status idle, any open transaction was rolled back and changed session state
 * was reset; one that fails any of that is discarded and replaced.
 */
public final class ConnectionPool implements PgPool {
  private static final System.Logger LOG = System.getLogger(ConnectionPool.class.getName());
  private static final String RESET_SESSION =
      "CLOSE ALL; UNLISTEN *; RESET ALL; SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES";
  private static final Function<RowSet, RowSet> AS_ROWS = Function.identity();
  private static final Function<RowSet, Long> AS_COUNT = RowSet::rowsAffected;

  private final PgConnectOptions connectOptions;
  private final PoolOptions options;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Slot> idle = new ArrayDeque<>();
  private final Set<Slot> all = new HashSet<>();
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
  private final ScheduledFuture<?> housekeeping;
  private int connecting;
  private boolean closed;

  private final LongAdder created = new LongAdder();
  private final LongAdder closedCount = new LongAdder();
  private final LongAdder discarded = new LongAdder();
  private final LongAdder acquireTimeouts = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder cancelsOfClosedConnections = new LongAdder();
  private final AcquireTimes acquireTimes = new AcquireTimes();
  /** Set while a refill to minIdle is scheduled, so that a burst of failures schedules one, not one each. */
  private final AtomicBoolean refillScheduled = new AtomicBoolean();
  /** How soon to try again when opening a connection failed while the pool is below minIdle. */
  private static final long REFILL_RETRY_MILLIS = 500;
  /** Counts a draining connection as this many statements behind, so that it is chosen last. */
  private static final int CANCEL_DRAIN_PENALTY = 1 << 20;

  /** A caller waiting for a connection. */
  private static final class Waiter {
    final PgFuture<PooledConnection> future;
    final long startNanos;
    ScheduledFuture<?> timeout;

    Waiter(PgFuture<PooledConnection> future, long startNanos) {
      this.future = future;
      this.startNanos = startNanos;
    }
  }

  public ConnectionPool(PgConnectOptions connectOptions, PoolOptions options) {
    this.connectOptions = connectOptions;
    this.options = options;
    long period = Math.clamp(Math.min(options.idleTimeout().toMillis(), options.maxLifetime().toMillis()) / 4, 250, 30_000);
    this.housekeeping = PoolTimer.SCHEDULER.scheduleWithFixedDelay(this::houseKeep, period, period, TimeUnit.MILLISECONDS);
    if (options.minIdle() > 0) {
      PoolTimer.SCHEDULER.execute(this::houseKeep);
    }
  }

  // ---------------------------------------------------------------- acquire and return

  @Override
  public CompletableFuture<PooledConnection> acquire() {
    PgFuture<PooledConnection> result = new PgFuture<>();
    acquireInto(result, System.nanoTime());
    return result;
  }

  private void acquireInto(PgFuture<PooledConnection> result, long startNanos) {
    Slot slot;
    boolean open = false;
    lock.lock();
    try {
      if (closed) {
        result.completeExceptionally(poolClosed());
        return;
      }
      slot = takeIdle();
      if (slot != null) {
        slot.borrowed = true;
      } else {
        if (waiters.size() >= options.maxWaiting()) {
          rejected.increment();
          result.completeExceptionally(new PgException(SqlState.TOO_MANY_CONNECTIONS, "the pool's wait queue is full ("
              + options.maxWaiting() + " callers already wait for one of " + options.maxSize() + " connections)"));
          return;
        }
        var waiter = new Waiter(result, startNanos);
        waiters.addLast(waiter);
        result.onCancel(() -> withdraw(waiter));
        waiter.timeout = PoolTimer.SCHEDULER.schedule(() -> timeOut(waiter), options.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS);
        if (all.size() + connecting < options.maxSize()) {
          connecting++;
          open = true;
        }
      }
    } finally {
      lock.unlock();
    }
    if (slot != null) {
      handOut(slot, result, startNanos, true);
    }
    if (open) {
      openConnection();
    }
  }

  /** {@return the most recently used idle slot with no shared statement in flight, else the most recent one} Holds the lock. */
  private Slot takeIdle() {
    for (var it = idle.iterator(); it.hasNext(); ) {
      Slot slot = it.next();
      if (slot.sharedInFlight.get() == 0) {
        it.remove();
        return slot;
      }
    }
    return idle.pollFirst();
  }

  /** Gives a borrowed slot to a caller; checks it first when it was idle long. */
  private void handOut(Slot slot, PgFuture<PooledConnection> result, long startNanos, boolean mayNeedValidation) {
    if (slot.sharedInFlight.get() > 0) {
      // A shared statement picked this connection while it was idle and may not even be queued on
      // it yet: lending it now could put that statement after the borrower's BEGIN, inside the
      // borrower's transaction. The slot is borrowed, so no new shared statement comes.
      lock.lock();
      try {
        if (slot.sharedInFlight.get() > 0) {
          slot.afterShared = () -> handOut(slot, result, startNanos, mayNeedValidation);
          return;
        }
      } finally {
        lock.unlock();
      }
    }
    long idleNanos = System.nanoTime() - slot.idleSinceNanos;
    if (mayNeedValidation && idleNanos > options.validationThreshold().toNanos()) {
      slot.connection.simpleQuery("").whenComplete((ignored, failure) -> {
        if (failure != null || !slot.connection.isOpen()) {
          LOG.log(Level.DEBUG, () -> "an idle connection failed validation and is replaced: " + failure);
          discard(slot);
          acquireInto(result, startNanos);
        } else {
          handOut(slot, result, startNanos, false);
        }
      });
      return;
    }
    if (result.complete(new PooledSession(this, slot))) {
      acquireTimes.record(System.nanoTime() - startNanos);
    } else {
      // the caller gave up (cancelled or timed out) just now: the connection goes back
      offer(slot);
    }
  }

  private void withdraw(Waiter waiter) {
    lock.lock();
    try {
      waiters.remove(waiter);
    } finally {
      lock.unlock();
    }
    if (waiter.timeout != null) {
      waiter.timeout.cancel(false);
    }
  }

  private void timeOut(Waiter waiter) {
    boolean removed;
    lock.lock();
    try {
      removed = waiters.remove(waiter);
    } finally {
      lock.unlock();
    }
    if (removed && !waiter.future.isDone()) {
      acquireTimeouts.increment();
      waiter.future.completeExceptionally(new PgTimeoutException(SqlState.TOO_MANY_CONNECTIONS,
          "no connection became available within " + options.acquireTimeout() + " (pool of " + options.maxSize() + ")",
          options.acquireTimeout()));
    }
  }

  private void openConnection() {
    PgConnection.connect(connectOptions).whenComplete((connection, failure) -> {
      if (failure != null) {
        Waiter waiter;
        lock.lock();
        try {
          connecting--;
          waiter = waiters.pollFirst();
        } finally {
          lock.unlock();
        }
        if (waiter != null) {
          waiter.timeout.cancel(false);
          waiter.future.completeExceptionally(unwrap(failure));
        }
        LOG.log(Level.WARNING, () -> "the pool could not open a connection: " + unwrap(failure).getMessage());
        openForWaiters();
        // the server may be restarting: keep trying to get back to minIdle, not only at the next
        // housekeeping (up to 30 s away), so that the pool is ready when the server is
        scheduleRefill(REFILL_RETRY_MILLIS);
        // a connect that was under way when the pool closed: close waits for it
        completeCloseIfDone();
        return;
      }
      var slot = new Slot((ChannelConnection) connection,
          Slot.expiresAt(System.nanoTime(), options.maxLifetime(), options.lifetimeJitter()));
      boolean keep;
      lock.lock();
      try {
        connecting--;
        keep = !closed;
        if (keep) {
          all.add(slot);
          slot.borrowed = true;
        }
      } finally {
        lock.unlock();
      }
      created.increment();
      if (keep) {
        slot.connection.closeFuture().thenRun(() -> closedUnderneath(slot));
        offer(slot);
      } else {
        connection.close();
        completeCloseIfDone();
      }
    });
  }

  /**
   * A connection closed underneath the pool (the server restarted or terminated it, the network
   * cut it). An idle one is discarded at once, so that no caller is handed a dead connection and
   * the pool refills to minIdle; a borrowed one is discarded when it comes back.
   */
  private void closedUnderneath(Slot slot) {
    boolean wasIdle;
    lock.lock();
    try {
      wasIdle = !slot.borrowed && idle.remove(slot);
      if (wasIdle) {
        slot.borrowed = true;
      }
    } finally {
      lock.unlock();
    }
    if (wasIdle) {
      discard(slot);
    }
  }

  /** Runs {@link #houseKeep} (which opens connections up to minIdle) after {@code delayMillis}, once. */
  private void scheduleRefill(long delayMillis) {
    if (options.minIdle() > 0 && refillScheduled.compareAndSet(false, true)) {
      PoolTimer.SCHEDULER.schedule(() -> {
        refillScheduled.set(false);
        houseKeep();
      }, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Opens connections for callers still waiting, while the pool has room. */
  private void openForWaiters() {
    int toOpen = 0;
    lock.lock();
    try {
      if (!closed) {
        int live = waiters.size();
        while (toOpen < live - connecting && all.size() + connecting + toOpen < options.maxSize()) {
          toOpen++;
        }
        connecting += toOpen;
      }
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < toOpen; i++) {
      openConnection();
    }
  }

  /** A clean slot is available: the oldest waiter gets it, else it becomes idle. */
  private void offer(Slot slot) {
    Waiter waiter = null;
    lock.lock();
    try {
      if (closed) {
        all.remove(slot);
      } else {
        while ((waiter = waiters.pollFirst()) != null && waiter.future.isDone()) {
          // cancelled or timed out: skip
        }
        if (waiter == null) {
          slot.borrowed = false;
          slot.idleSinceNanos = System.nanoTime();
          idle.addFirst(slot);
          return;
        }
        slot.borrowed = true;
      }
    } finally {
      lock.unlock();
    }
    if (waiter == null) {
      retire(slot);
      return;
    }
    waiter.timeout.cancel(false);
    handOut(slot, waiter.future, waiter.startNanos, false);
  }

  /**
   * Takes a connection back: waits until its commands are done, rolls back a transaction left
   * open, resets changed session state, then offers it — or discards it if any step fails.
   */
  CompletableFuture<Void> returnSlot(Slot slot) {
    ChannelConnection connection = slot.connection;
    return connection.whenIdle()
        .thenCompose(idle -> cleanUp(connection))
        .handle((cleaned, failure) -> {
          if (failure != null || !connection.isOpen() || connection.transactionStatus() != TransactionStatus.IDLE) {
            LOG.log(Level.DEBUG, () -> "discarding a connection that could not be cleaned: " + failure);
            discard(slot);
          } else if (slot.isExpired(System.nanoTime())) {
            retire(slot);
          } else {
            offer(slot);
          }
          return null;
        });
  }

  private CompletableFuture<Void> cleanUp(ChannelConnection connection) {
    if (!connection.isOpen()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<?> steps = connection.transactionStatus() != TransactionStatus.IDLE
        ? connection.execute("ROLLBACK") : CompletableFuture.completedFuture(null);
    boolean changed = connection.takeSessionChanged();
    String reset = switch (options.reset()) {
      case AUTO -> changed ? RESET_SESSION : null;
      case ALWAYS -> RESET_SESSION;
      case DISCARD_ALL -> "DISCARD ALL";
    };
    if (reset != null) {
      steps = steps.thenCompose(ignored -> connection.simpleQuery(reset));
    }
    return steps.thenApply(ignored -> {
      connection.takeSessionChanged();
      return null;
    });
  }

  /** Removes a broken connection and opens a replacement if callers wait (or the pool is below minIdle). */
  private void discard(Slot slot) {
    remove(slot);
    discarded.increment();
    cancelsOfClosedConnections.add(slot.connection.cancelsSent());
    slot.connection.closeNow();
    openForWaiters();
    scheduleRefill(0);
    completeCloseIfDone();
  }

  /** Closes a healthy connection that is past its lifetime, or not needed any more. */
  private void retire(Slot slot) {
    remove(slot);
    closedCount.increment();
    cancelsOfClosedConnections.add(slot.connection.cancelsSent());
    slot.connection.close();
    openForWaiters();
    completeCloseIfDone();
  }

  private void remove(Slot slot) {
    lock.lock();
    try {
      all.remove(slot);
      idle.remove(slot);
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- housekeeping

  /** Retires expired and long-idle connections (down to minIdle) and opens up to minIdle. */
  private void houseKeep() {
    List<Slot> toRetire = new ArrayList<>();
    int toOpen = 0;
    long now = System.nanoTime();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      for (Slot slot : List.copyOf(idle)) {
        boolean idleTooLong = now - slot.idleSinceNanos > options.idleTimeout().toNanos()
            && all.size() - toRetire.size() > options.minIdle();
        if ((slot.isExpired(now) || idleTooLong) && slot.sharedInFlight.get() == 0) {
          idle.remove(slot);
          toRetire.add(slot);
        }
      }
      int live = all.size() - toRetire.size() + connecting;
      while (live + toOpen < options.minIdle()) {
        toOpen++;
      }
      connecting += toOpen;
    } finally {
      lock.unlock();
    }
    toRetire.forEach(this::retire);
    for (int i = 0; i < toOpen; i++) {
      openConnection();
    }
  }

  // ---------------------------------------------------------------- shared statements

  @Override
  public CompletableFuture<RowSet> query(String sql, Object... parameters) {
    return shared(sql, parameters, null, AS_ROWS);
  }

  @Override
  public CompletableFuture<RowSet> query(Query query) {
    return shared(query.sql(), query.parameters().toArray(), query.timeout(), AS_ROWS);
  }

  @Override
  public CompletableFuture<Long> execute(String sql, Object... parameters) {
    return shared(sql, parameters, null, AS_COUNT);
  }

  /**
   * One autocommit statement on the least busy idle connection — preferring one on the caller's
   * own event loop, so a callback's next statement does not hop threads — pipelined with other
   * callers' statements. With no idle connection it borrows one as usual.
   */
  private <T> CompletableFuture<T> shared(String sql, Object[] parameters, Duration timeout, Function<RowSet, T> mapper) {
    Slot chosen = null;
    lock.lock();
    try {
      if (closed) {
        return CompletableFuture.failedFuture(poolClosed());
      }
      int best = Integer.MAX_VALUE;
      for (Slot slot : idle) {
        // a connection still draining a cancelled statement holds new ones back until the server
        // is done (on a dead link, until the cancel timeout): any other connection is better
        int load = slot.sharedInFlight.get() + (slot.connection.isCancelUnderWay() ? CANCEL_DRAIN_PENALTY : 0);
        boolean local = slot.connection.isOnEventLoop();
        if (local && load < PgConnectOptions.DEFAULT_PIPELINE_DEPTH) {
          chosen = slot;
          break;
        }
        if (load < best) {
          best = load;
          chosen = slot;
        }
      }
      if (chosen != null) {
        chosen.sharedInFlight.incrementAndGet();
      }
    } finally {
      lock.unlock();
    }
    if (chosen == null) {
      return withConnection(connection -> ((PooledSession) connection).core().autocommitStatement(sql, parameters, timeout, mapper));
    }
    Slot slot = chosen;
    CompletableFuture<T> result = slot.connection.autocommitStatement(sql, parameters, timeout, mapper);
    result.whenComplete((value, failure) -> {
      Runnable deferredHandOut = null;
      // the lock only when the last one ends: handOut reads the count and parks its hand-out under it
      if (slot.sharedInFlight.decrementAndGet() == 0) {
        lock.lock();
        try {
          deferredHandOut = slot.afterShared;
          slot.afterShared = null;
        } finally {
          lock.unlock();
        }
      }
      if (deferredHandOut != null) {
        deferredHandOut.run();
        return;
      }
      if (!slot.connection.isOpen() || slot.connection.takeSessionChanged()) {
        takeBackIdle(slot);
      }
    });
    return result;
  }

  /** An idle connection that broke or whose session a shared statement changed: clean it (or drop it). */
  private void takeBackIdle(Slot slot) {
    boolean taken;
    lock.lock();
    try {
      taken = !slot.borrowed && idle.remove(slot);
      if (taken) {
        slot.borrowed = true;
      }
    } finally {
      lock.unlock();
    }
    if (taken) {
      returnSlot(slot);
    }
  }

  // ---------------------------------------------------------------- scoped use

  /**
   * Lends a connection to {@code body}. The connection goes back only when the body's work has
   * really ended: for Tusk's own units of work (a transaction, an advisory lock) that includes the
   * cleanup they run after a cancel, so a ROLLBACK or unlock never lands in the next borrower's
   * session. Cancelling cancels such a unit (which cleans up), or else the connection's newest
   * command (a plain body then fails on it and ends).
   */
  @Override
  public <T> CompletableFuture<T> withConnection(Function<PgConnection, CompletableFuture<T>> body) {
    PgFuture<T> result = new PgFuture<>(true);
    CompletableFuture<PooledConnection> acquiring = acquire();
    AtomicReference<CompletableFuture<T>> running = new AtomicReference<>();
    AtomicReference<PooledSession> held = new AtomicReference<>();
    // set once the body's work has ended: the connection's newest command is then the pool's own
    // cleanup (ROLLBACK, reset), and cancelling that would only get a healthy connection discarded
    AtomicBoolean bodyEnded = new AtomicBoolean();
    result.onCancel(() -> {
      acquiring.cancel(true);
      if (running.get() instanceof PgFuture<T> unit) {
        unit.cancel(true);
      } else if (held.get() != null) {
        // decided on the event loop: the body may end (and the cleanup go out) meanwhile
        held.get().core().cancelNewestUnless(bodyEnded::get);
      }
    });
    acquiring.whenComplete((connection, failure) -> {
      if (failure != null) {
        result.completeExceptionally(unwrap(failure));
        result.settle();
        return;
      }
      var session = (PooledSession) connection;
      held.set(session);
      if (result.isDone()) {
        session.release().whenComplete((released, releaseFailure) -> result.settle());
        return;
      }
      CompletableFuture<T> inner;
      try {
        inner = body.apply(session);
        if (inner == null) {
          inner = CompletableFuture.failedFuture(new NullPointerException("the body returned null instead of a future"));
        }
      } catch (Throwable e) {
        inner = CompletableFuture.failedFuture(e);
      }
      running.set(inner);
      CompletableFuture<T> work = inner;
      CompletableFuture<?> ended = work instanceof PgFuture<T> unit ? unit.settled() : work;
      ended.handle((ignored, ignoredFailure) -> {
            bodyEnded.set(true);
            return null;
          })
          .thenCompose(ignored -> session.release().handle((released, releaseFailure) -> null))
          .thenRun(() -> {
            work.whenComplete((value, bodyFailure) -> {
              if (bodyFailure != null) {
                result.completeExceptionally(unwrap(bodyFailure));
              } else {
                result.complete(value);
              }
            });
            result.settle();
          });
    });
    return result;
  }

  @Override
  public <T> CompletableFuture<T> withTransaction(TxOptions txOptions, Function<PgConnection, CompletableFuture<T>> body) {
    return withConnection(connection -> connection.withTransaction(txOptions, body));
  }

  @Override
  public <T> CompletableFuture<T> withRetry(RetryPolicy policy, TxOptions txOptions, Function<PgConnection, CompletableFuture<T>> body) {
    return Retries.async(policy, () -> (PgFuture<T>) withTransaction(txOptions, body));
  }

  @Override
  public <T> CompletableFuture<T> advisoryLock(long key, Function<PgConnection, CompletableFuture<T>> body) {
    return withConnection(connection -> AdvisoryLocks.holding((PooledSession) connection, new Object[] {key}, body));
  }

  @Override
  public <T> CompletableFuture<T> advisoryLock(int key1, int key2, Function<PgConnection, CompletableFuture<T>> body) {
    return withConnection(connection -> AdvisoryLocks.holding((PooledSession) connection, new Object[] {key1, key2}, body));
  }

  @Override
  public <T> CompletableFuture<Optional<T>> tryAdvisoryLock(long key, Function<PgConnection, CompletableFuture<T>> body) {
    return withConnection(connection -> AdvisoryLocks.ifFree(connection, new Object[] {key}, body));
  }

  @Override
  public <T> CompletableFuture<Optional<T>> tryAdvisoryLock(int key1, int key2, Function<PgConnection, CompletableFuture<T>> body) {
    return withConnection(connection -> AdvisoryLocks.ifFree(connection, new Object[] {key1, key2}, body));
  }

  // ---------------------------------------------------------------- blocking

  @Override
  public <T> T inConnection(BlockingConnection.TransactionBody<T> body) {
    PooledConnection connection = Blocking.await(acquire());
    try {
      return body.run(connection.blocking());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new PgException(SqlState.CONNECTION_EXCEPTION, "the connection body failed: " + e, e);
    } finally {
      boolean interrupted = Thread.interrupted();
      try {
        Blocking.await(connection.release());
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public <T> T inTransaction(TxOptions txOptions, BlockingConnection.TransactionBody<T> body) {
    return inConnection(connection -> connection.inTransaction(txOptions, body));
  }

  @Override
  public <T> T inTransactionWithRetry(RetryPolicy policy, TxOptions txOptions, BlockingConnection.TransactionBody<T> body) {
    return policy.run(() -> inTransaction(txOptions, body));
  }

  @Override
  public <T> T inAdvisoryLock(long key, BlockingConnection.TransactionBody<T> body) {
    return inConnection(connection -> AdvisoryLocks.holdingBlocking(connection, key, body));
  }

  // ---------------------------------------------------------------- stats and close

  @Override
  public PoolStats stats() {
    long cancels = cancelsOfClosedConnections.sum();
    lock.lock();
    try {
      for (Slot slot : all) {
        cancels += slot.connection.cancelsSent();
      }
      int inUse = (int) all.stream().filter(slot -> slot.borrowed).count();
      return new PoolStats(all.size(), idle.size(), inUse, connecting, waiters.size(), created.sum(), closedCount.sum(),
          discarded.sum(), acquireTimeouts.sum(), rejected.sum(), cancels, acquireTimes.snapshot());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CompletableFuture<Void> close() {
    List<Waiter> waiting;
    List<Slot> idleSlots;
    lock.lock();
    try {
      if (closed) {
        return closedFuture;
      }
      closed = true;
      waiting = List.copyOf(waiters);
      waiters.clear();
      idleSlots = List.copyOf(idle);
      idle.clear();
    } finally {
      lock.unlock();
    }
    housekeeping.cancel(false);
    for (Waiter waiter : waiting) {
      waiter.timeout.cancel(false);
      waiter.future.completeExceptionally(poolClosed());
    }
    idleSlots.forEach(this::retire);
    PoolTimer.SCHEDULER.schedule(this::closeBorrowedNow, options.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    completeCloseIfDone();
    return closedFuture;
  }

  private void closeBorrowedNow() {
    List<Slot> remaining;
    lock.lock();
    try {
      remaining = List.copyOf(all);
    } finally {
      lock.unlock();
    }
    if (!remaining.isEmpty()) {
      LOG.log(Level.WARNING, remaining.size() + " connections were still borrowed at the pool's close timeout; closing them");
    }
    remaining.forEach(this::discard);
  }

  private void completeCloseIfDone() {
    boolean done;
    lock.lock();
    try {
      done = closed && all.isEmpty() && connecting == 0;
    } finally {
      lock.unlock();
    }
    if (done) {
      closedFuture.complete(null);
    }
  }

  private static PgException poolClosed() {
    return new PgException(SqlState.CONNECTION_DOES_NOT_EXIST, "the pool is closed");
  }

  static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
