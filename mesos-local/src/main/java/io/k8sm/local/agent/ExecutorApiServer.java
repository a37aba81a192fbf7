package io.k8sm.local.agent;

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
 * The agent's HTTP server, assembled from Akka's TCP and HTTP server layers so that a hung-up
 * executor is noticed at once. Akka HTTP stops reading a connection while a response is streaming,
 * so an executor that closes its subscription goes unseen until the next write, which may be 30
 * minutes away; Mesos notices immediately and so must we (a checkpointed executor is then waited
 * for, any other is shut down). Each connection therefore reads eagerly into a small buffer, and
 * the end of its inbound bytes aborts the whole connection, which cancels the event stream.
 */
final class ExecutorApiServer {
  private ExecutorApiServer() {}

  static CompletionStage<Tcp.ServerBinding> bind(ActorSystem<?> system, String host, int port,
      ServerSettings settings, Function<HttpRequest, CompletionStage<HttpResponse>> handler) {
    Materializer materializer = Materializer.matFromSystem(system);
    Flow<HttpRequest, HttpResponse, NotUsed> handlerFlow = Flow.<HttpRequest>create().mapAsync(1, handler::apply);
    return Tcp.get(system).bind(host, port, settings.getBacklog(), List.of(), false, Optional.empty())
        .to(Sink.foreach(connection -> {
          SharedKillSwitch hangUp = KillSwitches.shared("executor-connection");
          Flow<ByteString, ByteString, NotUsed> transport = Flow.<ByteString>create()
              .via(hangUp.flow())
              .via(connection.flow())
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
