package io.k8sm.local.http;

import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.settings.ServerSettings;
import akka.japi.function.Function;
import akka.stream.KillSwitches;
import akka.stream.Materializer;
import akka.stream.OverflowStrategy;
import akka.stream.SharedKillSwitch;
import akka.stream.TLSProtocol;
import akka.stream.javadsl.BidiFlow;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.TLSPlacebo;
import akka.stream.javadsl.Tcp;
import akka.util.ByteString;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The HTTP server of the master and the agent, assembled from Akka's TCP and HTTP server layers
 * for two reasons:
 * <ul>
 *   <li>A hung-up client is noticed at once. Akka HTTP stops reading a connection while a response
 *       is streaming, so a scheduler or executor that closes its subscription would go unseen until
 *       the next write, which may be minutes away; Mesos notices immediately. Each connection
 *       therefore reads eagerly into a small buffer, and the end of its inbound bytes aborts the
 *       whole connection, which cancels the event stream.</li>
 *   <li>The Content-Type and Accept headers stay visible as sent ({@link RawHeaderCopier}), for
 *       {@link MediaRules}.</li>
 * </ul>
 */
public final class MesosHttpServer {
  private MesosHttpServer() {}

  public static CompletionStage<Tcp.ServerBinding> bind(ActorSystem<?> system, String host, int port,
      ServerSettings settings, Function<HttpRequest, CompletionStage<HttpResponse>> handler) {
    Materializer materializer = Materializer.matFromSystem(system);
    Flow<HttpRequest, HttpResponse, NotUsed> handlerFlow = Flow.<HttpRequest>create().mapAsync(1, handler::apply);
    return Tcp.get(system).bind(host, port, settings.getBacklog(), List.of(), false, Optional.empty())
        .to(Sink.foreach(connection -> {
          SharedKillSwitch hangUp = KillSwitches.shared("executor-connection");
          Flow<ByteString, ByteString, NotUsed> transport = Flow.<ByteString>create()
              .via(hangUp.flow())
              .via(connection.flow())
              .statefulMapConcat(() -> {
                RawHeaderCopier copier = new RawHeaderCopier();
                return copier::feed;
              })
              .buffer(16, OverflowStrategy.backpressure())
              .watchTermination((mat, done) -> {
                done.whenComplete((ok, err) -> hangUp.abort(new IOException("the executor closed the connection")));
                return mat;
              })
              .via(hangUp.flow());
          Http.get(system).serverLayer(settings, Optional.of(connection.remoteAddress()))
              .atop(plainTransport())
              .join(transport)
              .join(handlerFlow)
              .run(materializer);
        }))
        .run(materializer);
  }

  /** No TLS: TLSPlacebo's SessionBytes are SslTlsInbound, which Java generics cannot see. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed> plainTransport() {
    return (BidiFlow) TLSPlacebo.getInstance();
  }
}
