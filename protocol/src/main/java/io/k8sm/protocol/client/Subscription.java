package io.k8sm.protocol.client;

import akka.Done;
import akka.NotUsed;
import akka.stream.javadsl.Source;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One open SUBSCRIBE stream and the way to send further calls within it.
 *
 * <p>Invariants: {@link #events()} may be materialized once; calls sent with {@link #send} never
 * travel on the subscription's connection and always carry this subscription's stream id (when the
 * API has one). A new SUBSCRIBE gives a new Subscription; never reuse an old one's stream id.
 */
public interface Subscription<C, E> {
  /** The URL that answered 200, after redirects: the leading master (or the agent). */
  URI endpoint();

  /** The {@code Mesos-Stream-Id} response header; present on the scheduler API only. */
  Optional<String> streamId();

  /**
   * The decoded events, in order. Completes when the server ends the stream or after
   * {@link #close()}; fails with {@link HeartbeatTimeoutException},
   * {@link io.k8sm.protocol.recordio.RecordIOException},
   * {@link io.k8sm.protocol.codec.MalformedMessageException} or a connection error. Cancelling it
   * closes the subscription.
   */
  Source<E, NotUsed> events();

  /**
   * POSTs {@code call} to {@link #endpoint()} on a separate connection. Completes when Mesos
   * answers 2xx; fails with {@link MesosHttpException} on any other status, with a
   * {@link java.util.concurrent.TimeoutException} after the request timeout, with a connection
   * error, or at once with {@link akka.stream.BufferOverflowException} when the call pool already
   * holds {@code k8sm.protocol.max-pending-calls} calls (it never waits for room).
   */
  CompletionStage<Done> send(C call);

  /** Ends the subscription connection; the events complete. Idempotent. */
  void close();
}
