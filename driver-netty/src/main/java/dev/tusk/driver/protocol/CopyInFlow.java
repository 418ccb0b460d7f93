package dev.tusk.driver.protocol;

import dev.tusk.driver.PgException;
import dev.tusk.driver.SqlState;
import dev.tusk.driver.message.BackendMessage;
import dev.tusk.driver.message.FrontendEncoder;
import dev.tusk.driver.message.FrontendMessage;
import dev.tusk.driver.result.CommandTags;
import dev.tusk.driver.wire.ProtocolViolation;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.Flow;

/**
 * {@code COPY … FROM STDIN}: sends the statement, then, once the server is in copy-in mode, the
 * source's chunks as CopyData — requesting the next chunk only while the socket keeps up — and
 * CopyDone at the end. A failing source, or a caller who gives up, ends the copy with CopyFail; an
 * error from the server (a bad row) stops the source. Either way the server rolls the COPY back
 * and the connection stays usable. Exclusive: nothing else may be written during a copy.
 */
final class CopyInFlow extends ResultFlow<Long> {
  /** Chunks requested from the source ahead of the socket. */
  private static final int WINDOW = 8;

  private final String sql;
  private final Flow.Publisher<byte[]> source;
  private Flow.Subscription upstream;
  private boolean subscribed;
  private boolean copying;
  private boolean sendingDone;
  private int requestsOwed;
  private Throwable sourceFailure;
  private long rows;

  CopyInFlow(String sql, Flow.Publisher<byte[]> source) {
    this.sql = sql;
    this.source = source;
  }

  @Override
  boolean isExclusive() {
    return true;
  }

  @Override
  void write(FlowContext context, ByteBuf out) {
    FrontendEncoder.encode(new FrontendMessage.Query(sql), out);
  }

  @Override
  Outcome onMessage(BackendMessage message, FlowContext context) {
    switch (message) {
      case BackendMessage.CopyResponse copy when copy.direction() == BackendMessage.CopyDirection.IN -> {
        copying = true;
        if (sendingDone) {
          // the caller gave up before the server was ready for data: the server now waits in copy
          // mode, and nothing but a CopyFail (or CopyDone) gets it out
          context.send(new FrontendMessage.CopyFail("COPY cancelled by the client"));
          releaseSource();
        } else {
          subscribed = true;
          source.subscribe(new SourceSubscriber(context));
        }
      }
      case BackendMessage.CopyResponse copy -> {
        if (error == null) {
          error = new PgException(SqlState.FEATURE_NOT_SUPPORTED, "copyIn needs COPY … FROM STDIN; use copyOut for COPY … TO STDOUT");
        }
      }
      case BackendMessage.CopyData ignored -> { }
      case BackendMessage.CopyDone ignored -> { }
      case BackendMessage.CommandComplete complete -> rows = CommandTags.rowsAffected(complete.tag());
      case BackendMessage.ErrorResponse failure -> {
        recordError(failure.fields());
        stopSending();
      }
      case BackendMessage.ReadyForQuery ignored -> {
        stopSending();
        releaseSource();
        if (sourceFailure != null) {
          error = new PgException(SqlState.QUERY_CANCELED, "COPY was aborted because its data source failed: " + sourceFailure,
              sourceFailure);
        }
        return finish(rows);
      }
      default -> throw new ProtocolViolation("unexpected " + message.getClass().getSimpleName() + " during COPY FROM STDIN");
    }
    return Outcome.CONTINUE;
  }

  private void stopSending() {
    sendingDone = true;
    if (upstream != null) {
      upstream.cancel();
    }
  }

  @Override
  void onWritable(FlowContext context) {
    if (upstream != null && requestsOwed > 0 && !sendingDone) {
      int owed = requestsOwed;
      requestsOwed = 0;
      upstream.request(owed);
    }
  }

  /**
   * The connection is gone: besides failing the caller, let the source go — a copy from an
   * {@code InputStream} closes it only when its subscription ends, and no server will ask for more.
   */
  @Override
  void fail(Throwable cause) {
    super.fail(cause);
    stopSending();
    releaseSource();
  }

  @Override
  void onDropped() {
    releaseSource();
  }

  /**
   * A copy that ends without ever reading its source (an error, or a cancel before copy mode) still
   * subscribes once and cancels at once: that is how a publisher learns to let go of what it holds
   * (the {@code InputStream} of {@link dev.tusk.driver.PgConnection#copyIn(String, java.io.InputStream)}
   * is closed then).
   */
  private void releaseSource() {
    if (subscribed) {
      return;
    }
    subscribed = true;
    source.subscribe(new Flow.Subscriber<byte[]>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.cancel();
      }

      @Override
      public void onNext(byte[] chunk) {
      }

      @Override
      public void onError(Throwable failure) {
      }

      @Override
      public void onComplete() {
      }
    });
  }

  @Override
  void onAbandoned(FlowContext context) {
    if (copying && !sendingDone) {
      sendingDone = true;
      context.send(new FrontendMessage.CopyFail("COPY cancelled by the client"));
    }
    stopSending();
  }

  /** Receives the source's signals on any thread and acts on them on the event loop. */
  private final class SourceSubscriber implements Flow.Subscriber<byte[]> {
    private final FlowContext context;

    SourceSubscriber(FlowContext context) {
      this.context = context;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      context.onEventLoop(() -> {
        upstream = subscription;
        if (sendingDone) {
          subscription.cancel();
        } else {
          subscription.request(WINDOW);
        }
      });
    }

    @Override
    public void onNext(byte[] chunk) {
      context.onEventLoop(() -> {
        if (sendingDone) {
          return;
        }
        context.send(new FrontendMessage.CopyData(chunk, 0, chunk.length));
        if (context.isWritable()) {
          upstream.request(1);
        } else {
          requestsOwed++;
        }
      });
    }

    @Override
    public void onError(Throwable failure) {
      context.onEventLoop(() -> {
        if (!sendingDone) {
          sendingDone = true;
          sourceFailure = failure;
          context.send(new FrontendMessage.CopyFail("the client's data source failed: " + failure.getClass().getSimpleName()));
        }
      });
    }

    @Override
    public void onComplete() {
      context.onEventLoop(() -> {
        if (!sendingDone) {
          sendingDone = true;
          context.send(FrontendMessage.CopyDone.INSTANCE);
        }
      });
    }
  }
}
