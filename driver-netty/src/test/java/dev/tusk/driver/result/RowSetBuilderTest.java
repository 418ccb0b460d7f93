package dev.tusk.driver.result;

import static org.junit.jupiter.api.Assertions.*;

import dev.tusk.driver.ColumnDescriptor;
import dev.tusk.driver.Row;
import dev.tusk.driver.RowSet;
import dev.tusk.driver.message.BackendBytes;
import dev.tusk.driver.types.TypeRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowSetBuilderTest {
  private static final RowLayout LAYOUT = new RowLayout(List.of(
      new ColumnDescriptor("n", 0, (short) 0, 25, (short) -1, -1, (short) 0),
      new ColumnDescriptor("s", 0, (short) 0, 25, (short) -1, -1, (short) 0)), TypeRegistry.builtins());

  /** Adds one DataRow built as the server sends it (its 5-byte header skipped, as the handler does). */
  private static void add(RowSetBuilder builder, String... values) {
    ByteBuf frame = Unpooled.wrappedBuffer(BackendBytes.create().dataRow(values).toByteArray());
    builder.addRow(frame, 5, frame.readableBytes() - 5);
  }

  @Test
  void rowsSpanningManyPagesReadBackInOrderByIndexAndByIteration() {
    var builder = new RowSetBuilder(LAYOUT);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String text = i % 13 == 0 ? null : "row-" + i + "-" + "x".repeat(i % 200);
      expected.add(text);
      add(builder, Integer.toString(i), text);
    }
    RowSet rows = builder.build("SELECT 20000");
    assertEquals(20_000, rows.size());
    for (int i = 0; i < 20_000; i += 97) {
      assertEquals(Integer.toString(i), rows.get(i).getString(0));
      assertEquals(expected.get(i), rows.get(i).getString("s"));
    }
    int i = 0;
    for (Row row : rows) {
      assertEquals(Integer.toString(i), row.getString(0), "iteration order");
      assertEquals(expected.get(i), row.getString(1));
      i++;
    }
    assertEquals(20_000, i);
  }

  @Test
  void aRowLargerThanAPageGetsAPageOfItsOwn() {
    var builder = new RowSetBuilder(LAYOUT);
    String huge = "h".repeat(RowSetBuilder.PAGE_BYTES * 3);
    for (String text : List.of("small", huge, "after")) {
      add(builder, "1", text);
    }
    RowSet rows = builder.build("SELECT 3");
    assertEquals(List.of("small", huge, "after"), rows.stream().map(row -> row.getString(1)).toList());
  }

  /**
   * Adds one DataRow from a pooled direct buffer, as the network delivers it, then wipes and
   * releases that buffer at once: whatever the builder kept must be its own copy.
   */
  private static void addAndRelease(RowSetBuilder builder, String... values) {
    byte[] frame = BackendBytes.create().dataRow(values).toByteArray();
    ByteBuf received = PooledByteBufAllocator.DEFAULT.directBuffer(frame.length + 16);
    received.writeZero(7).writeBytes(frame).writeZero(9);
    builder.addRow(received, 7 + 5, frame.length - 5);
    received.setZero(0, received.capacity());
    assertTrue(received.release(), "the builder holds no reference to the receive buffer");
  }

  @Test
  void resultsStayIntactAfterEveryReceiveBufferWasReleased() {
    var builder = new RowSetBuilder(LAYOUT);
    int count = 3_000;
    for (int i = 0; i < count; i++) {
      addAndRelease(builder, Integer.toString(i), i % 7 == 0 ? null : "value-" + i + "-" + "é".repeat(i % 50));
    }
    // reuse the pool's memory, so that rows still pointing into released buffers would read garbage
    List<ByteBuf> scribbles = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      ByteBuf scribble = PooledByteBufAllocator.DEFAULT.directBuffer(RowSetBuilder.PAGE_BYTES);
      while (scribble.isWritable()) {
        scribble.writeByte('#');
      }
      scribbles.add(scribble);
    }
    RowSet rows = builder.build("SELECT " + count);
    scribbles.forEach(ByteBuf::release);
    assertEquals(count, rows.size());
    for (int i = 0; i < count; i++) {
      Row row = rows.get(i);
      assertEquals(Integer.toString(i), row.getString(0));
      assertEquals(i % 7 == 0 ? null : "value-" + i + "-" + "é".repeat(i % 50), row.getString("s"));
    }

    // a streamed row is detached the same way
    byte[] frame = BackendBytes.create().dataRow("42", "streamed").toByteArray();
    ByteBuf received = PooledByteBufAllocator.DEFAULT.directBuffer(frame.length);
    received.writeBytes(frame);
    Row streamed = RowSetBuilder.detachedRow(LAYOUT, received, 5, frame.length - 5);
    received.setZero(0, received.capacity());
    assertTrue(received.release());
    assertEquals("42", streamed.getString(0));
    assertEquals("streamed", streamed.getString(1));
  }

  @Test
  void emptyAndSingleRowResults() {
    assertEquals(0, new RowSetBuilder(LAYOUT).build("SELECT 0").size());
    var builder = new RowSetBuilder(LAYOUT);
    add(builder, "7", null);
    Row only = builder.build("SELECT 1").one();
    assertEquals("7", only.getString(0));
    assertTrue(only.isNull(1));
  }

  @Test
  void aReusedBuilderStartsEachResultAfreshAndLeavesTheResultsItBuiltIntact() {
    var builder = new RowSetBuilder(LAYOUT);
    add(builder, "1", "first");
    RowSet first = builder.build("SELECT 1");
    assertEquals(0, builder.rowCount());
    assertEquals(List.of(), builder.build("SELECT 0").columns(), "a built builder has no columns until restarted");

    builder.restart(LAYOUT);
    String huge = "h".repeat(RowSetBuilder.PAGE_BYTES * 2);
    add(builder, "2", huge);
    add(builder, "2", "of a statement that failed half way");
    builder.restart(LAYOUT);
    add(builder, "3", "third");
    RowSet third = builder.build("SELECT 1");

    assertEquals("first", first.one().getString(1));
    assertEquals("third", third.one().getString(1));
  }
}
