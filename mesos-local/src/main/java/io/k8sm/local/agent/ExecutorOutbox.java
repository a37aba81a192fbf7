package io.k8sm.local.agent;

import akka.stream.Materializer;
import io.k8sm.protocol.codec.Encoding;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.executor.Protos.Event;

/**
 * The agent-to-executor direction of one executor run: its current subscription stream (each new
 * SUBSCRIBE replaces it) and the events held back while a checkpointed executor is away. HEARTBEAT
 * and LAUNCH are never held: a late heartbeat means nothing, and the task book re-sends LAUNCHes on
 * re-subscription. Owned by one {@link ExecutorSupervisor}; not thread-safe.
 */
final class ExecutorOutbox {
  /** What became of an event given to {@link #send}. */
  enum Outcome { SENT, HELD, DROPPED, NO_STREAM }

  private final Materializer materializer;
  private final List<Event> held = new ArrayList<>();
  private EventStream stream;
  private long streams;

  ExecutorOutbox(Materializer materializer) {
    this.materializer = materializer;
  }

  /** Closes the current stream, if any, and opens the next one. */
  EventStream open(Encoding encoding) {
    close();
    stream = EventStream.open(++streams, encoding, materializer);
    return stream;
  }

  /** Whether {@code streamId} is the current stream; if so, forgets it (it has ended). */
  boolean ended(long streamId) {
    if (stream == null || stream.id() != streamId) {
      return false;
    }
    stream = null;
    return true;
  }

  /** Sends on the live stream; an unsent event is held when {@code holdIfUnsent} and it is worth keeping. */
  Outcome send(Event event, boolean holdIfUnsent) {
    if (stream != null && stream.send(event)) {
      return Outcome.SENT;
    }
    boolean keep = event.getType() != Event.Type.HEARTBEAT && event.getType() != Event.Type.LAUNCH;
    if (keep && holdIfUnsent) {
      held.add(event);
      return Outcome.HELD;
    }
    return stream == null ? Outcome.NO_STREAM : Outcome.DROPPED;
  }

  /** The held events, in order, now to be sent on a new stream. */
  List<Event> release() {
    List<Event> out = List.copyOf(held);
    held.clear();
    return out;
  }

  void close() {
    if (stream != null) {
      stream.close();
      stream = null;
    }
  }
}
