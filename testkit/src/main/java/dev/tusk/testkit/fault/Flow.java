package dev.tusk.testkit.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of one connection: a reader thread that reads chunks from the source socket, and a
 * writer thread that writes them to the destination socket, with a bounded queue between them.
 *
 * <p>The reader decides where cuts go (it sees the bytes and the PostgreSQL framing first) and
 * stops forwarding after a cut marker; it never waits for faults. The writer applies the waiting
 * faults: latency, bandwidth, black hole and half-close. Splitting the two keeps reading going
 * while a chunk waits out its latency, so latency delays bytes without throttling them.
 *
 * <p>Everything the two threads share is guarded by {@link #lock}; {@link #changed} is signalled
 * whenever the queue, the faults or the connection's state change, and both threads re-check
 * their conditions on every wake-up.
 */
final class Flow {
  private static final int CHUNK_SIZE = 16 * 1024;
  /** Past this the reader stops reading and TCP flow control stalls the sender, as a slow network would. */
  private static final long MAX_QUEUED_BYTES = 1024 * 1024;
  /** Bandwidth is paced in slices worth this fraction of a second, so a limit is smooth at any chunk size. */
  private static final int PACING_SLICES_PER_SECOND = 20;
  private static final long NO_CUT = Long.MAX_VALUE;
  private static final long NONE = -1;

  private final Connection connection;
  private final Direction direction;
  private final Socket source;
  private final Socket destination;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Segment> queue = new ArrayDeque<>();
  private long queuedBytes;
  /** Set once the writer has stopped: the reader then drops what it reads instead of queueing it. */
  private boolean writerStopped;

  // Reader-only state: where the stream is, and which cuts are armed (null fields: none).
  private long readOffset;
  private boolean cutQueued;
  private long lastFrameOffset = NONE;
  private long byteCutSequence = NONE;
  private Fault.CutAfterBytes byteCut;
  private long byteCutAt = NO_CUT;
  private long messageCutSequence = NONE;
  private Fault.CutAtMessage messageCut;
  private int messagesCounted;
  private long targetMessageOffset = NONE;
  private long messageCutAt = NO_CUT;

  // Writer-only state.
  private boolean halfClosed;
  private long nextSliceAt = System.nanoTime();

  Flow(Connection connection, Direction direction, Socket source, Socket destination) {
    this.connection = connection;
    this.direction = direction;
    this.source = source;
    this.destination = destination;
  }

  /** Makes both threads re-check the faults and the connection's state. */
  void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues a reset behind the bytes already queued, for when the opposite direction failed: the
   * peer gets what was on its way, then the reset.
   *
   * @return false when this flow's writer has stopped and cannot carry it
   */
  boolean queueFailure() {
    return queue(new Segment.Failure(System.nanoTime()));
  }

  /** The reader thread's body: reads until the source ends, fails or is closed. */
  void read() {
    byte[] buffer = new byte[CHUNK_SIZE];
    try {
      InputStream in = source.getInputStream();
      while (true) {
        int count = in.read(buffer);
        long readAt = System.nanoTime();
        if (count < 0) {
          if (!cutQueued && connection.isOpen()) {
            queue(new Segment.End(readAt));
          }
          return;
        }
        if (cutQueued || !connection.isOpen()) {
          // Cut: nothing more is forwarded, but reading on lets the peer's FIN arrive (CutStyle.FIN).
          continue;
        }
        forward(buffer, count, readAt);
      }
    } catch (IOException e) {
      if (!cutQueued && connection.isOpen()) {
        queue(new Segment.Failure(System.nanoTime()));
      }
    }
  }

  private void forward(byte[] buffer, int count, long readAt) {
    long chunkStart = readOffset;
    readOffset += count;
    // Always scanned, cut or not, so that the framing is right whenever a cut is set later.
    List<Framing.Frame> frames = connection.framing().scan(direction, buffer, count, chunkStart);
    FlowConditions conditions = connection.conditions(direction);
    armByteCut(conditions.cutAfterBytes(), chunkStart);
    armMessageCut(conditions.cutAtMessage(), frames);
    long cutAt = Math.min(byteCutAt, messageCutAt);
    if (cutAt > readOffset) {
      queue(new Segment.Data(Arrays.copyOf(buffer, count), readAt));
      return;
    }
    int kept = (int) Math.max(0, cutAt - chunkStart);
    if (kept > 0) {
      queue(new Segment.Data(Arrays.copyOf(buffer, kept), readAt));
    }
    queue(byteCutAt <= messageCutAt
        ? new Segment.Cut(byteCut, byteCut.style(), readAt)
        : new Segment.Cut(messageCut, messageCut.style(), readAt));
    cutQueued = true;
  }

  private void armByteCut(Optional<InstalledFaults.Installed> installed, long chunkStart) {
    long sequence = installed.map(InstalledFaults.Installed::sequence).orElse(NONE);
    if (sequence == byteCutSequence) {
      return;
    }
    byteCutSequence = sequence;
    byteCut = installed.map(entry -> (Fault.CutAfterBytes) entry.fault()).orElse(null);
    byteCutAt = byteCut == null ? NO_CUT : chunkStart + byteCut.bytes();
  }

  private void armMessageCut(Optional<InstalledFaults.Installed> installed, List<Framing.Frame> frames) {
    long sequence = installed.map(InstalledFaults.Installed::sequence).orElse(NONE);
    if (sequence != messageCutSequence) {
      messageCutSequence = sequence;
      messageCut = installed.map(entry -> (Fault.CutAtMessage) entry.fault()).orElse(null);
      messagesCounted = 0;
      targetMessageOffset = NONE;
      messageCutAt = NO_CUT;
    }
    for (Framing.Frame frame : frames) {
      // A frame split across chunks is reported twice; count it where its tag was first seen.
      boolean firstReport = frame.offset() > lastFrameOffset;
      lastFrameOffset = Math.max(lastFrameOffset, frame.offset());
      if (messageCut == null || frame.tag() != messageCut.tag()) {
        continue;
      }
      if (firstReport && ++messagesCounted == messageCut.occurrence()) {
        targetMessageOffset = frame.offset();
      }
      if (frame.offset() == targetMessageOffset) {
        // Until the header is complete the length is unknown; a forwarded part shorter than the
        // header needs no clamping, and a longer one is clamped once the length is known.
        long forwarded = frame.length() == Framing.Frame.UNKNOWN_LENGTH ? messageCut.forwardedBytes()
            : Math.min(messageCut.forwardedBytes(), frame.length());
        messageCutAt = frame.offset() + forwarded;
      }
    }
  }

  /** @return false when the writer has stopped and the segment was dropped */
  private boolean queue(Segment segment) {
    lock.lock();
    try {
      while (!writerStopped && connection.isOpen() && queuedBytes >= MAX_QUEUED_BYTES) {
        changed.awaitUninterruptibly();
      }
      if (writerStopped || !connection.isOpen()) {
        return false;
      }
      queue.addLast(segment);
      queuedBytes += Segment.size(segment);
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The writer thread's body: writes until the stream ends, a cut or failure fires, or the connection closes. */
  void write() {
    try {
      OutputStream out = destination.getOutputStream();
      while (true) {
        Segment next = nextDue();
        if (next == null) {
          return;
        }
        switch (next) {
          case Segment.Data data -> writePaced(out, data.bytes());
          case Segment.End end -> {
            if (!halfClosed) {
              destination.shutdownOutput();
            }
            connection.flowEnded();
            return;
          }
          case Segment.Cut cut -> {
            connection.cut(cut.style(), Optional.of(cut.fault()));
            return;
          }
          case Segment.Failure failure -> {
            connection.reset();
            return;
          }
        }
      }
    } catch (IOException e) {
      // Stopped first: if both directions fail at once, neither may wait on a queue nobody drains.
      stopWriting();
      connection.destinationFailed(this);
    } finally {
      stopWriting();
    }
  }

  /**
   * Waits until the head segment may be written under the current faults and takes it, applying a
   * half-close on the way.
   *
   * @return the segment, or null once the connection is no longer open
   */
  private Segment nextDue() throws IOException {
    lock.lock();
    try {
      while (connection.isOpen()) {
        FlowConditions now = connection.conditions(direction);
        if (now.halfClosed() && !halfClosed) {
          halfClosed = true;
          destination.shutdownOutput();
        }
        Segment head = queue.peekFirst();
        if (head == null) {
          changed.awaitUninterruptibly();
          continue;
        }
        if (halfClosed && head instanceof Segment.Data) {
          take();
          continue;
        }
        if (now.blackHoled() && !halfClosed) {
          changed.awaitUninterruptibly();
          continue;
        }
        long wait = head.readAt() + now.latency().toNanos() - System.nanoTime();
        if (wait > 0) {
          awaitNanos(wait);
          continue;
        }
        return take();
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  private Segment take() {
    Segment head = queue.removeFirst();
    queuedBytes -= Segment.size(head);
    changed.signalAll();
    return head;
  }

  private void writePaced(OutputStream out, byte[] bytes) throws IOException {
    int position = 0;
    while (position < bytes.length) {
      int slice = bytes.length - position;
      long bytesPerSecond = connection.conditions(direction).bytesPerSecond();
      if (bytesPerSecond != FlowConditions.UNLIMITED) {
        slice = (int) Math.min(slice, Math.max(1, bytesPerSecond / PACING_SLICES_PER_SECOND));
        if (!awaitNextSlice()) {
          return;
        }
      }
      out.write(bytes, position, slice);
      position += slice;
      connection.countForwarded(direction, slice);
      if (bytesPerSecond != FlowConditions.UNLIMITED) {
        long now = System.nanoTime();
        // An idle flow earns no credit: pacing restarts from now rather than bursting to catch up.
        nextSliceAt = (nextSliceAt - now < 0 ? now : nextSliceAt) + TimeUnit.SECONDS.toNanos(slice) / bytesPerSecond;
      }
    }
  }

  /** @return false once the connection is no longer open */
  private boolean awaitNextSlice() {
    lock.lock();
    try {
      while (connection.isOpen()) {
        long wait = nextSliceAt - System.nanoTime();
        if (wait <= 0 || !connection.conditions(direction).paced()) {
          return true;
        }
        awaitNanos(wait);
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void awaitNanos(long nanos) {
    try {
      changed.awaitNanos(nanos);
    } catch (InterruptedException e) {
      // Nobody interrupts these threads (closing wakes them through their state), and keeping the
      // flag would make every later wait return at once: the callers re-check and wait again.
    }
  }

  /** Drops what is queued and lets a reader blocked on a full queue go. */
  private void stopWriting() {
    lock.lock();
    try {
      writerStopped = true;
      queue.clear();
      queuedBytes = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
