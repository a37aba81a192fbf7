package io.k8sm.local.agent;

import akka.Done;
import akka.NotUsed;
import akka.japi.Pair;
import akka.stream.BoundedSourceQueue;
import akka.stream.Materializer;
import akka.stream.QueueOfferResult;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.recordio.RecordIO;
import java.util.concurrent.CompletionStage;
import org.apache.mesos.v1.executor.Protos.Event;

/**
 * One executor subscription's outgoing side: events are encoded, RecordIO-framed and queued into a
 * source that becomes the chunked body of the SUBSCRIBE response. The queue exists before the HTTP
 * layer runs the source, so events sent right after opening (SUBSCRIBED, queued LAUNCHes) are kept.
 * {@link #terminated()} completes when the body ends for any reason: the executor hung up, or
 * {@link #close()} was called because a newer subscription replaced this one.
 */
final class EventStream {
  private static final int BUFFER = 4096;

  private final long id;
  private final Encoding encoding;
  private final BoundedSourceQueue<ByteString> queue;
  private final CompletionStage<Done> terminated;
  private final Source<ByteString, NotUsed> body;

  private EventStream(long id, Encoding encoding, Materializer materializer) {
    this.id = id;
    this.encoding = encoding;
    Pair<Pair<BoundedSourceQueue<ByteString>, CompletionStage<Done>>, Source<ByteString, NotUsed>> parts =
        Source.<ByteString>queue(BUFFER).watchTermination(Keep.both()).preMaterialize(materializer);
    this.queue = parts.first().first();
    this.terminated = parts.first().second();
    this.body = parts.second();
  }

  static EventStream open(long id, Encoding encoding, Materializer materializer) {
    return new EventStream(id, encoding, materializer);
  }

  long id() {
    return id;
  }

  Encoding encoding() {
    return encoding;
  }

  Source<ByteString, NotUsed> body() {
    return body;
  }

  CompletionStage<Done> terminated() {
    return terminated;
  }

  /** Queues one event; false when the stream is gone or its buffer is full. */
  boolean send(Event event) {
    return queue.offer(RecordIO.frame(encoding.encodeAsMesos(event))) == QueueOfferResult.enqueued();
  }

  /** Ends the body; a body the executor already hung up on is left as it is. */
  void close() {
    try {
      queue.complete();
    } catch (IllegalStateException alreadyDone) {
      // cancelled by the client or completed before: nothing left to end
    }
  }
}
