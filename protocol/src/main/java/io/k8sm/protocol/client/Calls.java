package io.k8sm.protocol.client;

import akka.Done;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.stream.Materializer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One non-streaming call: POST through Akka HTTP's pooled request API (never the subscription's
 * connection), 2xx is success, anything else becomes a {@link MesosHttpException} with the body.
 */
final class Calls {
  private Calls() {}

  static CompletionStage<Done> post(ActorSystem<?> system, HttpRequest request, URI uri, Duration timeout) {
    Materializer mat = Materializer.matFromSystem(system);
    CompletionStage<Done> answered = Http.get(system).singleRequest(request)
        .thenCompose(response -> check(response, uri, timeout, mat));
    return Futures.unwrapped(Futures.within(system, answered, timeout, "POST " + uri));
  }

  static CompletionStage<Done> check(HttpResponse response, URI uri, Duration timeout, Materializer mat) {
    int status = response.status().intValue();
    if (status >= 200 && status < 300) {
      return response.discardEntityBytes(mat).completionStage();
    }
    return Futures.bodyText(response, timeout, mat)
        .thenCompose(body -> CompletableFuture.failedFuture(new MesosHttpException(status, body, uri)));
  }
}
