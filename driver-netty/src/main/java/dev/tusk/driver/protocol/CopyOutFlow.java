package dev.tusk.driver.protocol;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.result.CommandTags;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * {@code COPY … TO STDOUT}: the server sends one CopyData per row; the rows one socket read brings
 * are copied straight out of the receive buffer into chunks of up to {@value #CHUNK_BYTES} bytes,
 * and each chunk goes to the subscriber's {@link Delivery} — per chunk, not per row, is what makes
 * a large copy fast. Reading from the socket pauses while the subscriber is behind, so the whole
 * output is never held in memory.
 */
final class CopyOutFlow extends ResultFlow<Long> {
  /** How many chunks the subscriber may be behind before reading pauses (a few MiB at most). */
  static final int PREFETCH_CHUNKS = 16;
  private static final int CHUNK_BYTES = 64 * 1024;
  private final String sql;
  private final Delivery<byte[]> delivery;
  private long rows;
  private byte[] chunk;
  private int chunkLength;

  CopyOutFlow(String sql, Delivery<byte[]> delivery) {
    this.sql = sql;
    this.delivery = delivery;
  }

  @Override
  void write(FlowContext context, ByteBuf out) {
    FrontendEncoder.encode(new FrontendMessage.Query(sql), out);
  }

  /** One row of COPY data, read in place from the receive buffer. */
  void onCopyData(ByteBuf in, int bodyIndex, int bodyLength) {
    if (delivery.isCancelled()) {
      return;
    }
    if (chunk != null && chunkLength + bodyLength > chunk.length) {
      offerChunk();
    }
    if (chunk == null) {
      chunk = new byte[Math.max(CHUNK_BYTES, bodyLength)];
    }
    in.getBytes(bodyIndex, chunk, chunkLength, bodyLength);
    chunkLength += bodyLength;
  }

  private void offerChunk() {
    if (chunkLength > 0) {
      delivery.offer(chunkLength == chunk.length ? chunk : Arrays.copyOf(chunk, chunkLength));
    }
    chunk = null;
    chunkLength = 0;
  }

  @Override
  void afterRead() {
    offerChunk();
    delivery.flush();
  }

  @Override
  boolean isReady() {
    return delivery.hasRoom();
  }

  @Override
  Outcome onMessage(BackendMessage message, FlowContext context) {
    switch (message) {
      case BackendMessage.CopyResponse copy when copy.direction() == BackendMessage.CopyDirection.OUT -> { }
      case BackendMessage.CopyResponse copy -> {
        refuseCopy(copy, context, false);
        if (error == null) {
          error = new PgException(SqlState.FEATURE_NOT_SUPPORTED, "copyOut needs COPY … TO STDOUT; use copyIn for COPY … FROM STDIN");
        }
      }
      case BackendMessage.CopyData data -> {
        offerChunk();
        delivery.offer(data.data());
      }
      case BackendMessage.CopyDone ignored -> { }
      case BackendMessage.RowDescription ignored -> { }
      case BackendMessage.CommandComplete complete -> rows = CommandTags.rowsAffected(complete.tag());
      case BackendMessage.ErrorResponse failure -> recordError(failure.fields());
      case BackendMessage.ReadyForQuery ignored -> {
        offerChunk();
        delivery.flush();
        return finish(rows);
      }
      default -> throw new ProtocolViolation("unexpected " + message.getClass().getSimpleName() + " during COPY TO STDOUT");
    }
    return Outcome.CONTINUE;
  }

  @Override
  void onDataRow(ByteBuf in, int bodyIndex, int bodyLength, FlowContext context) {
    // a statement that is not a COPY returned rows: they are not COPY data; ignore them
  }
}
