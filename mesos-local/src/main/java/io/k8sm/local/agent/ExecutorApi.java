package io.k8sm.local.agent;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.HttpMethods;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.Allow;
import akka.http.javadsl.settings.ServerSettings;
import akka.stream.Materializer;
import io.k8sm.local.http.MediaRules;
import io.k8sm.local.http.Responses;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.codec.MalformedMessageException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.mesos.v1.executor.Protos.Call;

/**
 * The HTTP face of the agent: {@code POST /api/v1/executor} (also {@code /slave(1)/api/v1/executor},
 * the path the C++ library derives from MESOS_SLAVE_PID). Checks what Mesos checks before the agent
 * sees a call, in Mesos' order, with its status codes: 404 other paths, 405 other methods, 400
 * missing Content-Type, 415 any Content-Type not exactly {@code application/json} or
 * {@code application/x-protobuf}, 400 unparsable body or bad call shape, 406 when a SUBSCRIBE's
 * Accept admits neither encoding. The rest (400 unknown ids, 403, 202, the 200 stream) comes from
 * the agent's actors.
 *
 * <p>The Content-Type and Accept rules are {@link MediaRules}, shared with the master; they need
 * the server to be a {@link io.k8sm.local.http.MesosHttpServer}.
 */
final class ExecutorApi {
  private static final Set<String> PATHS = Set.of("/api/v1/executor", "/slave(1)/api/v1/executor");

  private final ActorRef<AgentActor.Command> agent;
  private final Scheduler scheduler;
  private final Materializer materializer;
  private final Duration timeout;

  ExecutorApi(ActorRef<AgentActor.Command> agent, Scheduler scheduler, Materializer materializer, Duration timeout) {
    this.agent = agent;
    this.scheduler = scheduler;
    this.materializer = materializer;
    this.timeout = timeout;
  }

  /** Server settings without an idle timeout: a subscription may carry no event for 30 minutes. */
  static ServerSettings serverSettings(ServerSettings base) {
    return base.withTimeouts(base.getTimeouts().withIdleTimeout(scala.concurrent.duration.Duration.Inf()));
  }

  CompletionStage<HttpResponse> handle(HttpRequest request) {
    Optional<HttpResponse> early = precheck(request);
    if (early.isPresent()) {
      request.discardEntityBytes(materializer);
      return CompletableFuture.completedFuture(early.get());
    }
    Encoding encoding = MediaRules.bodyEncoding(request).encoding().orElseThrow();
    return request.entity().toStrict(timeout.toMillis(), materializer)
        .thenCompose(strict -> dispatch(request, encoding, strict.getData()))
        .exceptionally(e -> Responses.error(StatusCodes.SERVICE_UNAVAILABLE,
            "The agent did not answer in time: " + e.getMessage()));
  }

  private Optional<HttpResponse> precheck(HttpRequest request) {
    if (!PATHS.contains(request.getUri().path())) {
      return Optional.of(Responses.error(StatusCodes.NOT_FOUND, "No such endpoint: " + request.getUri().path()));
    }
    if (request.method() != HttpMethods.POST) {
      return Optional.of(Responses.error(StatusCodes.METHOD_NOT_ALLOWED,
          "Expecting a 'POST' request, received '" + request.method().value() + "'").addHeader(Allow.create(HttpMethods.POST)));
    }
    MediaRules.BodyEncoding encoding = MediaRules.bodyEncoding(request);
    if (encoding.encoding().isEmpty()) {
      return Optional.of(Responses.error(StatusCodes.get(encoding.status()), encoding.reason()));
    }
    return Optional.empty();
  }

  private CompletionStage<HttpResponse> dispatch(HttpRequest request, Encoding encoding, akka.util.ByteString body) {
    Call call;
    try {
      call = encoding.decodeStrict(body, Call.getDefaultInstance());
    } catch (MalformedMessageException e) {
      return CompletableFuture.completedFuture(Responses.badRequest(e.getMessage()));
    }
    Optional<String> invalid = CallValidator.shape(call);
    if (invalid.isPresent()) {
      return CompletableFuture.completedFuture(Responses.badRequest(invalid.get()));
    }
    Encoding reply = encoding;
    if (call.getType() == Call.Type.SUBSCRIBE) {
      Optional<Encoding> accepted = MediaRules.streamEncoding(request);
      if (accepted.isEmpty()) {
        return CompletableFuture.completedFuture(Responses.error(StatusCodes.NOT_ACCEPTABLE, MediaRules.NOT_ACCEPTABLE));
      }
      reply = accepted.get();
    }
    Encoding streamEncoding = reply;
    return AskPattern.ask(agent, (ActorRef<HttpResponse> replyTo) -> new AgentActor.ExecutorCall(call, streamEncoding, replyTo),
        timeout, scheduler);
  }
}
