package dev.tusk.driver.protocol;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.result.CommandTags;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;

/**
 * {@code COPY … TO STDOUT}: each CopyData goes to the subscriber's {@link Delivery}; reading from
 * the socket pauses while the subscriber is behind, so the whole output is never held in memory.
 */
final class CopyOutFlow extends ResultFlow<Long> {
  private final String sql;
  private final Delivery<byte[]> delivery;
  private long rows;

  CopyOutFlow(String sql, Delivery<byte[]> delivery) {
    this.sql = sql;
    this.delivery = delivery;
  }

  @Override
  void write(FlowContext context, ByteBuf out) {
    FrontendEncoder.encode(new FrontendMessage.Query(sql), out);
  }

  @Override
  void afterRead() {
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
      case BackendMessage.CopyData data -> delivery.offer(data.data());
      case BackendMessage.CopyDone ignored -> { }
      case BackendMessage.RowDescription ignored -> { }
      case BackendMessage.CommandComplete complete -> rows = CommandTags.rowsAffected(complete.tag());
      case BackendMessage.ErrorResponse failure -> recordError(failure.fields());
      case BackendMessage.ReadyForQuery ignored -> {
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
