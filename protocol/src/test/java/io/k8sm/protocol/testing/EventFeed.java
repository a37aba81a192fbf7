package io.k8sm.protocol.testing;

import akka.Done;
import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.japi.Pair;
import akka.stream.Materializer;
import akka.stream.OverflowStrategy;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.SourceQueueWithComplete;
import akka.util.ByteString;
import com.google.protobuf.Message;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.recordio.RecordIO;
import java.util.concurrent.CompletionStage;

/**
 * The server side of one event stream, driven by the test: offer framed events or raw chunks (to
 * split records anywhere), end it, and see when the client went away ({@link #terminated()}).
 */
public final class EventFeed {
  private final SourceQueueWithComplete<ByteString> queue;
  private final CompletionStage<Done> terminated;
  private final Source<ByteString, NotUsed> source;
  private final Encoding encoding;

  public EventFeed(ActorSystem<?> system, Encoding encoding) {
    Pair<Pair<SourceQueueWithComplete<ByteString>, CompletionStage<Done>>, Source<ByteString, NotUsed>> p =
        Source.<ByteString>queue(1024, OverflowStrategy.fail())
            .watchTermination(Keep.both())
            .preMaterialize(Materializer.matFromSystem(system));
    this.queue = p.first().first();
    this.terminated = p.first().second();
    this.source = p.second();
    this.encoding = encoding;
  }

  /** The chunks to put in the response; materialize once. */
  public Source<ByteString, NotUsed> source() {
    return source;
  }

  /** One event as one chunk. */
  public EventFeed event(Message event) {
    return chunk(RecordIO.frame(encoding.encode(event)));
  }

  /** Raw bytes as one chunk. */
  public EventFeed chunk(ByteString bytes) {
    queue.offer(bytes);
    return this;
  }

  public void complete() {
    queue.complete();
  }

  /** Breaks the stream: the server aborts the connection without the final empty chunk. */
  public void fail(Throwable cause) {
    queue.fail(cause);
  }

  /** Completes (normally or not) when the stream ends on the server side, e.g. the client closed. */
  public CompletionStage<Done> terminated() {
    return terminated;
  }
}
