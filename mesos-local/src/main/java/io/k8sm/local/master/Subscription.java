package io.k8sm.local.master;

import akka.stream.BoundedSourceQueue;
import akka.stream.QueueOfferResult;
import akka.util.ByteString;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.recordio.RecordIO;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * One scheduler's event stream: the open SUBSCRIBE response. Events are encoded with the
 * negotiated encoding (JSON as Mesos prints it, see {@link Encoding#encodeAsMesos}) and framed with RecordIO into a bounded queue that the HTTP response drains.
 * A scheduler that does not read fast enough to drain the queue loses its subscription, as a
 * Mesos master closes a connection it cannot write to.
 */
public final class Subscription {
  private final String streamId;
  private final Encoding encoding;
  private final BoundedSourceQueue<ByteString> queue;
  private final Runnable onBroken;
  private volatile boolean open = true;

  /** {@code onBroken} runs when an event cannot be queued (the response is gone or not read). */
  public Subscription(String streamId, Encoding encoding, BoundedSourceQueue<ByteString> queue, Runnable onBroken) {
    this.streamId = streamId;
    this.encoding = encoding;
    this.queue = queue;
    this.onBroken = onBroken;
  }

  public String streamId() {
    return streamId;
  }

  public boolean isOpen() {
    return open;
  }

  /** Sends one event; false when the stream is closed or overflowed (then it is failed). */
  public boolean send(Event event) {
    if (!open) {
      return false;
    }
    QueueOfferResult r = queue.offer(RecordIO.frame(encoding.encodeAsMesos(event)));
    if (r == QueueOfferResult.enqueued()) {
      return true;
    }
    fail("the scheduler does not read its event stream");
    onBroken.run();
    return false;
  }

  /** Ends the stream normally (after an ERROR, on teardown). */
  public void close() {
    if (open) {
      open = false;
      try {
        queue.complete();
      } catch (RuntimeException alreadyGone) {
        // the client went away first: nothing left to end
      }
    }
  }

  /** Breaks the connection, as a network failure would. */
  public void fail(String why) {
    if (open) {
      open = false;
      try {
        queue.fail(new IllegalStateException(why));
      } catch (RuntimeException alreadyGone) {
        // the client went away first: nothing left to break
      }
    }
  }
}
