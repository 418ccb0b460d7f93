package dev.tusk.driver.pool;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * One daemon thread for every pool's timers (acquire timeouts, housekeeping, retry backoff, close
 * deadlines). Timer tasks only decide and hand work to connections; they never block.
 */
final class PoolTimer {
  static final ScheduledExecutorService SCHEDULER = create();

  private PoolTimer() {}

  private static ScheduledExecutorService create() {
    var executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "tusk-pool-timer");
      thread.setDaemon(true);
      return thread;
    });
    // cancelled timeouts (the common case: the acquire succeeded) must not pile up in the queue
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
