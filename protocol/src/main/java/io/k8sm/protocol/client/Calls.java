package io.k8sm.protocol.client;

import akka.Done;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.settings.ConnectionPoolSettings;
import akka.stream.Materializer;
import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One non-streaming call: POST through Akka HTTP's pooled request API (never the subscription's
 * connection), 2xx is success, anything else becomes a {@link MesosHttpException} with the body.
 * The pool is sized by {@code k8sm.protocol.call-connections} and {@code max-pending-calls} (Akka's
 * default is 32 waiting requests); a call beyond that fails at once with Akka's
 * BufferOverflowException, so a caller with bursts queues its calls itself (the scheduler does).
 */
final class Calls {
  private static final int DEFAULT_CONNECTIONS = 4;
  private static final int DEFAULT_PENDING = 1024;

  private Calls() {}

  /** Pool settings from the system's {@code k8sm.protocol}, with defaults when it has none. */
  static ConnectionPoolSettings poolSettings(ActorSystem<?> system) {
    Config config = system.settings().config();
    int connections = config.hasPath("k8sm.protocol.call-connections")
        ? config.getInt("k8sm.protocol.call-connections") : DEFAULT_CONNECTIONS;
    int pending = config.hasPath("k8sm.protocol.max-pending-calls")
        ? config.getInt("k8sm.protocol.max-pending-calls") : DEFAULT_PENDING;
    if (connections < 1 || pending < 1 || Integer.bitCount(pending) != 1) {
      throw new IllegalArgumentException("k8sm.protocol.call-connections must be positive and "
          + "max-pending-calls a power of two, got " + connections + " and " + pending);
    }
    return ConnectionPoolSettings.create(config).withMaxConnections(connections).withMaxOpenRequests(pending);
  }

  static CompletionStage<Done> post(ActorSystem<?> system, ConnectionPoolSettings pool, HttpRequest request,
      URI uri, Duration timeout) {
    Materializer mat = Materializer.matFromSystem(system);
    Http http = Http.get(system);
    CompletionStage<Done> answered = http
        .singleRequest(request, http.defaultClientHttpsContext(), pool, system.classicSystem().log())
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
