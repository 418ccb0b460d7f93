package dev.tusk.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector reported a buffer that was never released. Netty
 * only logs leaks; this extension records them and turns them into failures. A module registers it
 * for every test class through the service loader: a
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} naming this class, and
 * {@code junit.jupiter.extensions.autodetection.enabled=true} in {@code junit-platform.properties}. The level is paranoid in every test JVM (see the
 * parent POM), so every buffer is tracked.
 */
public final class LeakDetection implements AfterAllCallback {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  static {
    // must run before Netty creates its detectors, i.e. before the first ByteBuf class is loaded
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
      @Override
      public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
        return new ResourceLeakDetector<>(resource, samplingInterval) {
          @Override
          protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add(resourceType + " leaked:" + records);
            super.reportTracedLeak(resourceType, records);
          }

          @Override
          protected void reportUntracedLeak(String resourceType) {
            LEAKS.add(resourceType + " leaked (no records)");
            super.reportUntracedLeak(resourceType);
          }
        };
      }
    });
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    // Leaks are found when a leaked buffer has been collected and a new buffer is allocated.
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
      for (var allocator : List.of(PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT)) {
        ByteBuf probe = allocator.buffer(1);
        probe.release();
      }
    }
    if (!LEAKS.isEmpty()) {
      String report = String.join("\n\n", LEAKS);
      LEAKS.clear();
      throw new AssertionError("Netty buffers were leaked during " + (context == null ? "this test" : context.getDisplayName()) + ":\n" + report);
    }
  }
}
