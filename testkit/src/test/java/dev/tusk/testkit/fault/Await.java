package dev.tusk.testkit.fault;

import java.util.function.BooleanSupplier;

/** Waits for something the proxy does asynchronously, such as counting a connection that closed. */
final class Await {
  private static final long TIMEOUT_MILLIS = 5_000;

  private Await() {}

  static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not within " + TIMEOUT_MILLIS + " ms: " + what);
      }
      Thread.sleep(10);
    }
  }
}
