package io.k8sm.protocol.client;

import akka.Done;
import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.settings.ConnectionPoolSettings;
import akka.japi.Pair;
import akka.stream.KillSwitches;
import akka.stream.Materializer;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.SinkQueueWithCancel;
import akka.stream.javadsl.Source;
import com.google.protobuf.Message;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.codec.MesosMediaTypes;
import io.k8sm.protocol.recordio.RecordIO;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A subscription over one dedicated connection. The response body is attached to the RecordIO
 * decoder as soon as the 200 arrives and parked behind a pull-based queue, so nothing is buffered
 * beyond a few events and a late consumer neither loses the stream nor trips a subscription
 * timeout. Calls go through a request pool of their own, which never holds this connection.
 */
final class HttpSubscription<C extends Message, E extends Message> implements Subscription<C, E> {
  private final ActorSystem<?> system;
  private final ClientSettings settings;
  private final MesosApi<C, E> api;
  private final URI endpoint;
  private final Optional<String> streamId;
  private final UniqueKillSwitch stream;
  private final SinkQueueWithCancel<E> queue;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private final ConnectionPoolSettings pool;

  private HttpSubscription(ActorSystem<?> system, ClientSettings settings, MesosApi<C, E> api, URI endpoint,
      Optional<String> streamId, Pair<UniqueKillSwitch, SinkQueueWithCancel<E>> running) {
    this.system = system;
    this.settings = settings;
    this.api = api;
    this.endpoint = endpoint;
    this.streamId = streamId;
    this.stream = running.first();
    this.queue = running.second();
    this.pool = Calls.poolSettings(system);
  }

  /** Starts decoding the body of a 200 SUBSCRIBE response. */
  static <C extends Message, E extends Message> HttpSubscription<C, E> start(ActorSystem<?> system,
      ClientSettings settings, MesosApi<C, E> api, URI endpoint, HttpResponse response) {
    // Mesos echoes the negotiated type; anything unexpected is read as what was asked for.
    Encoding encoding = MesosMediaTypes.encodingOf(response.entity()).orElse(settings.encoding());
    E prototype = api.eventPrototype();
    Pair<UniqueKillSwitch, SinkQueueWithCancel<E>> running = response.entity().withoutSizeLimit().getDataBytes()
        .viaMat(KillSwitches.single(), Keep.right())
        .via(RecordIO.decoder(settings.maxRecordBytes()))
        .map(record -> encoding.decode(record, prototype))
        .toMat(Sink.queue(), Keep.both())
        .run(Materializer.matFromSystem(system));
    Optional<String> streamId = response.getHeader(WireFormat.STREAM_ID).map(h -> h.value());
    return new HttpSubscription<>(system, settings, api, endpoint, streamId, running);
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public Optional<String> streamId() {
    return streamId;
  }

  @Override
  public Source<E, NotUsed> events() {
    Source<E, NotUsed> events = Source.unfoldResourceAsync(
        () -> claimed.compareAndSet(false, true)
            ? CompletableFuture.completedFuture(queue)
            : CompletableFuture.failedFuture(new IllegalStateException(
                "the events of the subscription to " + endpoint + " can be materialized only once")),
        SinkQueueWithCancel::pull,
        q -> {
          q.cancel();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    if (api.heartbeat() == null) {
      return events;
    }
    return events.via(Flow.fromGraph(new HeartbeatMonitor<>(
        api.heartbeat(), settings.heartbeatMisses(), settings.requestTimeout(), endpoint.toString())));
  }

  @Override
  public CompletionStage<Done> send(C call) {
    Encoding encoding = settings.encoding();
    HttpRequest request = WireFormat.post(
        endpoint.toString(), encoding, encoding.encode(call), settings.headers(), streamId);
    return Calls.post(system, pool, request, endpoint, settings.requestTimeout());
  }

  @Override
  public void close() {
    stream.shutdown();
  }
}
