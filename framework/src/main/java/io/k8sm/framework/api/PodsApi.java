package io.k8sm.framework.api;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.MediaTypes;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;
import akka.util.ByteString;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.k8sm.framework.api.v1beta1.Minion;
import io.k8sm.framework.api.v1beta1.Pod;
import io.k8sm.framework.api.v1beta1.PodValidator;
import io.k8sm.framework.api.v1beta1.Status;
import io.k8sm.framework.pods.PodSpec;
import io.k8sm.framework.pods.PodSpecs;
import io.k8sm.framework.pods.PodSupervisor;
import io.k8sm.framework.store.LabelSelector;
import io.k8sm.framework.store.ReadModel;
import io.k8sm.framework.store.StoreSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The seed's REST API: {@code /api/v1beta1/pods} (POST, GET with {@code ?labels=}, GET/DELETE by
 * id), {@code /api/v1beta1/minions} and {@code /healthz}. Reads come from the object store's
 * {@link ReadModel} (the latest snapshot, no ask; pods as the JSON the store cached); creates and
 * deletes go to the pod supervisor. Every error is a v1beta1 Status. JSON is compact unless
 * {@link Pretty} says the client wants it indented.
 *
 * <p>Invariant: a request is checked completely (content type, JSON, validation) before anything
 * is sent to an actor, so bad input never changes stored state.
 */
public final class PodsApi extends AllDirectives {
  private final ActorSystem<?> system;
  private final ActorRef<PodSupervisor.Command> pods;
  private final ReadModel reads;
  private final String namespace;
  private final PodSpecs.Defaults defaults;
  private final Duration timeout;

  public PodsApi(ActorSystem<?> system, ActorRef<PodSupervisor.Command> pods, ReadModel reads,
      String namespace, PodSpecs.Defaults defaults, Duration timeout) {
    this.system = system;
    this.pods = pods;
    this.reads = reads;
    this.namespace = namespace;
    this.defaults = defaults;
    this.timeout = timeout;
  }

  public Route routes() {
    return concat(
        path("healthz", () -> get(() -> complete("ok"))),
        pathPrefix(PathMatchers.segment("api").slash("v1beta1"), () -> concat(
            path("pods", () -> concat(
                get(() -> parameterOptional("labels", labels -> replying(r -> list(labels, r)))),
                post(() -> extractStrictEntity(scala.concurrent.duration.FiniteDuration.fromNanos(timeout.toNanos()),
                    e -> replying(r -> create(e, r)))),
                notAllowed())),
            path(PathMatchers.segment("pods").slash(PathMatchers.segment()), id -> concat(
                get(() -> replying(r -> complete(getPod(id, r)))),
                delete(() -> replying(r -> completeWithFuture(deletePod(id, r)))),
                notAllowed())),
            path("minions", () -> concat(get(() -> replying(r -> complete(minions(r)))), notAllowed())))),
        extractUnmatchedPath(p -> replying(r -> complete(r.status(Status.failure(404, "notFound", "no such path: " + p))))));
  }

  private Route replying(java.util.function.Function<Reply, Route> inner) {
    return extractRequest(req -> inner.apply(Reply.to(req)));
  }

  private Route notAllowed() {
    return extractMethod(m -> replying(r -> complete(r.status(Status.failure(405, "methodNotAllowed",
        m.value() + " is not allowed here")))));
  }

  private Route list(Optional<String> labels, Reply reply) {
    LabelSelector selector;
    try {
      selector = LabelSelector.parse(labels.orElse(""));
    } catch (IllegalArgumentException e) {
      return complete(reply.status(Status.failure(400, "badRequest", e.getMessage())));
    }
    StoreSnapshot now = reads.current();
    return complete(reply.cached(200, PodJson.list(now.resourceVersion(), now.pods(selector))));
  }

  private Route create(HttpEntity.Strict entity, Reply reply) {
    var type = entity.getContentType().mediaType();
    // curl -d (the seed's walkthrough) labels JSON as a form; that is accepted as JSON too.
    if (!type.equals(MediaTypes.APPLICATION_JSON) && !type.equals(MediaTypes.APPLICATION_X_WWW_FORM_URLENCODED)) {
      return complete(reply.status(Status.failure(415, "unsupportedMediaType",
          "Content-Type must be application/json, not " + entity.getContentType())));
    }
    return completeWithFuture(recover(createFrom(entity.getData().utf8String(), reply), reply));
  }

  private CompletionStage<HttpResponse> createFrom(String body, Reply reply) {
    Pod pod;
    try {
      pod = Json.MAPPER.readValue(body, Pod.class);
    } catch (JsonProcessingException e) {
      return done(reply.status(Status.failure(400, "badRequest", "malformed JSON: " + e.getOriginalMessage())));
    }
    if (pod == null) {
      return done(reply.status(Status.failure(400, "badRequest", "the body must be a JSON object")));
    }
    List<String> problems = PodValidator.validate(pod);
    if (!problems.isEmpty()) {
      return done(reply.status(Status.failure(400, "invalid", "pod \"" + pod.id() + "\" is invalid: "
          + String.join("; ", problems))));
    }
    PodSpec spec = PodSpecs.from(pod, namespace, UUID.randomUUID().toString(), Instant.now(), defaults);
    return AskPattern.<PodSupervisor.Command, PodSupervisor.CreateResult>ask(pods,
            r -> new PodSupervisor.CreatePod(spec, r), timeout, system.scheduler())
        .thenApply(result -> result instanceof PodSupervisor.Created c
            ? reply.cached(201, ByteString.fromArrayUnsafe(PodJson.render(c.record())))
            : reply.status(Status.failure(409, "alreadyExists", ((PodSupervisor.AlreadyExists) result).message())));
  }

  private HttpResponse getPod(String id, Reply reply) {
    return reads.current().pod(namespace + "/" + id)
        .map(p -> reply.cached(200, ByteString.fromArrayUnsafe(PodJson.cached(p))))
        .orElseGet(() -> reply.status(Status.failure(404, "notFound", "pod \"" + id + "\" not found")));
  }

  private CompletionStage<HttpResponse> deletePod(String id, Reply reply) {
    return recover(AskPattern.<PodSupervisor.Command, PodSupervisor.DeleteResult>ask(pods,
            r -> new PodSupervisor.DeletePod(namespace + "/" + id, r), timeout, system.scheduler())
        .thenApply(result -> result instanceof PodSupervisor.Deleted
            ? reply.status(Status.success())
            : reply.status(Status.failure(404, "notFound", ((PodSupervisor.NotFound) result).message()))), reply);
  }

  private HttpResponse minions(Reply reply) {
    return reply.json(200, Minion.MinionList.of(reads.current().agents().stream()
        .map(a -> new Minion("Minion", a.hostname(), a.ip().isEmpty() ? null : a.ip(),
            Map.<String, Object>of("cpus", a.cpus(), "mem", a.memMb(), "ports", a.ports()),
            Map.of("agentId", a.agentId())))
        .toList()));
  }

  private static CompletionStage<HttpResponse> recover(CompletionStage<HttpResponse> stage, Reply reply) {
    return stage.exceptionally(e -> reply.status(Status.failure(500, "internalError",
        "the scheduler did not answer in time: " + e.getMessage())));
  }

  private static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
