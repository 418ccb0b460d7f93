package dev.tusk.driver.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Records everything logged through {@code java.util.logging} — where the driver's
 * {@code System.Logger}s and (through the test kit's SLF4J bridge) Netty's logs go — at every
 * level, down to FINEST, while open. Each record is kept as the text a handler would print,
 * stack traces included.
 */
final class LogCapture implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Level previousLevel = root.getLevel();
  private final List<String> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      var text = new StringBuilder(formatter.format(record));
      if (record.getParameters() != null) {
        for (Object parameter : record.getParameters()) {
          text.append(' ').append(parameter);
        }
      }
      if (record.getThrown() != null) {
        var trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        text.append(trace);
      }
      records.add(text.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  LogCapture() {
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.ALL);
  }

  /** {@return every record so far, formatted} */
  List<String> records() {
    return List.copyOf(records);
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(previousLevel);
  }
}
