package io.k8sm.framework.api;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.MediaTypes;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.PathMatchers;
import akka.http.javadsl.server.Route;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.k8sm.framework.api.v1beta1.Minion;
import io.k8sm.framework.api.v1beta1.Pod;
import io.k8sm.framework.api.v1beta1.PodList;
import io.k8sm.framework.api.v1beta1.PodValidator;
import io.k8sm.framework.api.v1beta1.Status;
import io.k8sm.framework.pods.PodSpec;
import io.k8sm.framework.pods.PodSpecs;
import io.k8sm.framework.pods.PodSupervisor;
import io.k8sm.framework.store.LabelSelector;
import io.k8sm.framework.store.ObjectStore;
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
 * id), {@code /api/v1beta1/minions} and {@code /healthz}. Reads come from the object store;
 * creates and deletes go to the pod supervisor. Every error is a v1beta1 Status.
 *
 * <p>Invariant: a request is checked completely (content type, JSON, validation) before anything
 * is sent to an actor, so bad input never changes stored state.
 */
public final class PodsApi extends AllDirectives {
  private final ActorSystem<?> system;
  private final ActorRef<PodSupervisor.Command> pods;
  private final ActorRef<ObjectStore.Command> store;
  private final String namespace;
  private final PodSpecs.Defaults defaults;
  private final Duration timeout;

  public PodsApi(ActorSystem<?> system, ActorRef<PodSupervisor.Command> pods, ActorRef<ObjectStore.Command> store,
      String namespace, PodSpecs.Defaults defaults, Duration timeout) {
    this.system = system;
    this.pods = pods;
    this.store = store;
    this.namespace = namespace;
    this.defaults = defaults;
    this.timeout = timeout;
  }

  public Route routes() {
    return concat(
        path("healthz", () -> get(() -> complete("ok"))),
        pathPrefix(PathMatchers.segment("api").slash("v1beta1"), () -> concat(
            path("pods", () -> concat(
                get(() -> parameterOptional("labels", this::list)),
                post(() -> extractStrictEntity(scala.concurrent.duration.FiniteDuration.fromNanos(timeout.toNanos()), this::create)),
                notAllowed())),
            path(PathMatchers.segment("pods").slash(PathMatchers.segment()), id -> concat(
                get(() -> completeWithFuture(getPod(id))),
                delete(() -> completeWithFuture(deletePod(id))),
                notAllowed())),
            path("minions", () -> concat(get(() -> completeWithFuture(minions())), notAllowed())))),
        extractUnmatchedPath(p -> complete(status(Status.failure(404, "notFound", "no such path: " + p)))));
  }

  private Route notAllowed() {
    return extractMethod(m -> complete(status(Status.failure(405, "methodNotAllowed",
        m.value() + " is not allowed here"))));
  }

  private Route list(Optional<String> labels) {
    LabelSelector selector;
    try {
      selector = LabelSelector.parse(labels.orElse(""));
    } catch (IllegalArgumentException e) {
      return complete(status(Status.failure(400, "badRequest", e.getMessage())));
    }
    CompletionStage<ObjectStore.PodsListed> listed = AskPattern.ask(store,
        r -> new ObjectStore.ListPods(selector, r), timeout, system.scheduler());
    return completeWithFuture(recover(listed.thenApply(l ->
        json(200, PodList.of(l.resourceVersion(), l.pods().stream().map(PodViews::toV1beta1).toList())))));
  }

  private Route create(HttpEntity.Strict entity) {
    var type = entity.getContentType().mediaType();
    // curl -d (the seed's walkthrough) labels JSON as a form; that is accepted as JSON too.
    if (!type.equals(MediaTypes.APPLICATION_JSON) && !type.equals(MediaTypes.APPLICATION_X_WWW_FORM_URLENCODED)) {
      return complete(status(Status.failure(415, "unsupportedMediaType",
          "Content-Type must be application/json, not " + entity.getContentType())));
    }
    return completeWithFuture(recover(createFrom(entity.getData().utf8String())));
  }

  private CompletionStage<HttpResponse> createFrom(String body) {
    Pod pod;
    try {
      pod = Json.MAPPER.readValue(body, Pod.class);
    } catch (JsonProcessingException e) {
      return done(status(Status.failure(400, "badRequest", "malformed JSON: " + e.getOriginalMessage())));
    }
    if (pod == null) {
      return done(status(Status.failure(400, "badRequest", "the body must be a JSON object")));
    }
    List<String> problems = PodValidator.validate(pod);
    if (!problems.isEmpty()) {
      return done(status(Status.failure(400, "invalid", "pod \"" + pod.id() + "\" is invalid: "
          + String.join("; ", problems))));
    }
    PodSpec spec = PodSpecs.from(pod, namespace, UUID.randomUUID().toString(), Instant.now(), defaults);
    return AskPattern.<PodSupervisor.Command, PodSupervisor.CreateResult>ask(pods,
            r -> new PodSupervisor.CreatePod(spec, r), timeout, system.scheduler())
        .thenApply(result -> result instanceof PodSupervisor.Created c
            ? json(201, PodViews.toV1beta1(c.record()))
            : status(Status.failure(409, "alreadyExists", ((PodSupervisor.AlreadyExists) result).message())));
  }

  private CompletionStage<HttpResponse> getPod(String id) {
    return recover(AskPattern.<ObjectStore.Command, ObjectStore.PodFound>ask(store,
            r -> new ObjectStore.GetPod(namespace + "/" + id, r), timeout, system.scheduler())
        .thenApply(found -> found.record()
            .map(rec -> json(200, PodViews.toV1beta1(rec)))
            .orElseGet(() -> status(Status.failure(404, "notFound", "pod \"" + id + "\" not found")))));
  }

  private CompletionStage<HttpResponse> deletePod(String id) {
    return recover(AskPattern.<PodSupervisor.Command, PodSupervisor.DeleteResult>ask(pods,
            r -> new PodSupervisor.DeletePod(namespace + "/" + id, r), timeout, system.scheduler())
        .thenApply(result -> result instanceof PodSupervisor.Deleted
            ? status(Status.success())
            : status(Status.failure(404, "notFound", ((PodSupervisor.NotFound) result).message()))));
  }

  private CompletionStage<HttpResponse> minions() {
    return recover(AskPattern.<ObjectStore.Command, ObjectStore.AgentsListed>ask(store, ObjectStore.ListAgents::new,
            timeout, system.scheduler())
        .thenApply(l -> json(200, Minion.MinionList.of(l.agents().stream()
            .map(a -> new Minion("Minion", a.hostname(), a.ip().isEmpty() ? null : a.ip(),
                Map.<String, Object>of("cpus", a.cpus(), "mem", a.memMb(), "ports", a.ports()),
                Map.of("agentId", a.agentId())))
            .toList()))));
  }

  private CompletionStage<HttpResponse> recover(CompletionStage<HttpResponse> stage) {
    return stage.exceptionally(e -> status(Status.failure(500, "internalError",
        "the scheduler did not answer in time: " + e.getMessage())));
  }

  private static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }

  static HttpResponse status(Status s) {
    return json(s.code(), s);
  }

  static HttpResponse json(int code, Object body) {
    try {
      return HttpResponse.create().withStatus(code)
          .withEntity(ContentTypes.APPLICATION_JSON, Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + body.getClass().getSimpleName(), e);
    }
  }
}
