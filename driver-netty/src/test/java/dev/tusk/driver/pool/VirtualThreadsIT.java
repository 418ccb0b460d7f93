package dev.tusk.driver.pool;

import static dev.tusk.driver.TestConnections.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.PgPool;
import dev.tusk.driver.PoolOptions;
import dev.tusk.testkit.PostgresExtension;
import dev.tusk.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The blocking API on many virtual threads: all complete, and none pins its carrier in Tusk's code. */
@ExtendWith(PostgresExtension.class)
class VirtualThreadsIT {
  @Test
  void tenThousandVirtualThreadsShareAPoolOfTwentyWithoutPinning(PostgresServer server) throws Exception {
    PgPool pool = PgPool.create(options(server), PoolOptions.defaults().maxSize(20));
    Path recordingFile = Files.createTempFile("tusk-pinning", ".jfr");
    try (var recording = new Recording()) {
      recording.enable("jdk.VirtualThreadPinned").withThreshold(java.time.Duration.ZERO).withStackTrace();
      recording.start();
      try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
          int n = i;
          results.add(executor.submit(() -> pool.inTransaction(tx -> tx.query("SELECT $1::int + 1", n).one().getInt(0))));
        }
        for (int i = 0; i < results.size(); i++) {
          assertEquals(i + 1, results.get(i).get());
        }
      }
      recording.stop();
      recording.dump(recordingFile);
      List<String> pinnedInTusk = new ArrayList<>();
      for (RecordedEvent event : RecordingFile.readAllEvents(recordingFile)) {
        if (event.getStackTrace() != null) {
          for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            if (frame.getMethod().getType().getName().startsWith("dev.tusk")) {
              pinnedInTusk.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
              break;
            }
          }
        }
      }
      assertEquals(List.of(), pinnedInTusk, "virtual threads pinned in Tusk's code");
      assertEquals(0, pool.stats().inUse());
    } finally {
      Files.deleteIfExists(recordingFile);
      await(pool.close());
    }
  }
}
