package io.k8sm.executor.logs;

import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.Http;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import akka.japi.Pair;
import akka.stream.Materializer;
import akka.stream.OverflowStrategy;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.SourceQueueWithComplete;
import akka.util.ByteString;
import io.k8sm.executor.ExecutorSettings;
import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.executor.docker.DockerRuntime;
import java.io.Closeable;
import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The executor's kubelet-like log endpoint:
 * {@code GET /containerLogs/{namespace}/{pod}/{container}?tailLines=N&follow=true&timestamps=true}
 * streams a container's stdout and stderr as text/plain (chunked; with {@code follow} until the
 * client goes away or the container is removed). Only containers of this executor are visible.
 * 404 names what was not found; 400 names a malformed parameter.
 */
public final class LogServer extends AllDirectives {
  private final ActorSystem<?> system;
  private final DockerRuntime docker;
  private final ContainerNames.Owner owner;

  private LogServer(ActorSystem<?> system, DockerRuntime docker, ContainerNames.Owner owner) {
    this.system = system;
    this.docker = docker;
    this.owner = owner;
  }

  /** Binds the endpoint as configured; completes with the {@code host:port} to report. */
  public static CompletionStage<String> start(ActorSystem<?> system, DockerRuntime docker,
      ContainerNames.Owner owner, ExecutorSettings settings) {
    LogServer server = new LogServer(system, docker, owner);
    return Http.get(system).newServerAt(settings.logsInterface(), settings.logsPort()).bind(server.route())
        .thenApply(binding -> settings.logsHostForReports() + ":" + binding.localAddress().getPort());
  }

  Route route() {
    return pathPrefix("containerLogs", () -> pathPrefix(namespace -> pathPrefix(pod -> path(container ->
        get(() -> parameterOptional("tailLines", tail -> parameterOptional("follow", follow ->
            parameterOptional("timestamps", timestamps ->
                completeWithFuture(logs(namespace, pod, container, tail, follow, timestamps))))))))));
  }

  private CompletionStage<HttpResponse> logs(String namespace, String pod, String container,
      Optional<String> tail, Optional<String> follow, Optional<String> timestamps) {
    int tailLines;
    try {
      tailLines = tail.map(Integer::parseInt).orElse(-1);
    } catch (NumberFormatException e) {
      return CompletableFuture.completedFuture(text(StatusCodes.BAD_REQUEST,
          "tailLines must be a whole number, got '" + tail.get() + "'\n"));
    }
    Map<String, String> filter = new LinkedHashMap<>(owner.filter());
    filter.put(ContainerNames.LABEL_NAMESPACE, namespace);
    filter.put(ContainerNames.LABEL_POD, pod);
    filter.put(ContainerNames.LABEL_CONTAINER, container);
    return docker.list(filter).thenApply(found -> found.stream()
        .max(Comparator.comparing(ContainerSnapshot::running))
        .map(c -> HttpResponse.create().withEntity(HttpEntities.createChunked(ContentTypes.TEXT_PLAIN_UTF8,
            stream(c.id(), tailLines, flag(follow), flag(timestamps)))))
        .orElseGet(() -> text(StatusCodes.NOT_FOUND,
            "no container " + container + " in pod " + namespace + "/" + pod + " on this executor\n")));
  }

  private Source<ByteString, NotUsed> stream(String id, int tail, boolean follow, boolean timestamps) {
    Pair<SourceQueueWithComplete<ByteString>, Source<ByteString, NotUsed>> queued =
        Source.<ByteString>queue(256, OverflowStrategy.backpressure()).preMaterialize(Materializer.matFromSystem(system));
    SourceQueueWithComplete<ByteString> queue = queued.first();
    Closeable logs = docker.logs(id, tail, follow, timestamps,
        frame -> {
          // docker-java's own reader thread: waiting here is how the HTTP client's pace reaches Docker.
          queue.offer(ByteString.fromArray(frame.getPayload())).toCompletableFuture().join();
        },
        failure -> {
          if (failure == null) {
            queue.complete();
          } else {
            queue.fail(failure);
          }
        });
    return queued.second().watchTermination((mat, done) -> {
      done.whenComplete((d, f) -> {
        try {
          logs.close();
        } catch (IOException | RuntimeException ignored) {
          // The client is gone either way.
        }
      });
      return mat;
    });
  }

  private static boolean flag(Optional<String> value) {
    return value.map(v -> v.isEmpty() || v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
  }

  private static HttpResponse text(akka.http.javadsl.model.StatusCode status, String body) {
    return HttpResponse.create().withStatus(status).withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, body));
  }
}
