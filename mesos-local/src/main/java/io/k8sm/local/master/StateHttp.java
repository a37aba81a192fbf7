package io.k8sm.local.master;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.headers.RawHeader;
import akka.stream.Materializer;
import io.k8sm.local.http.Responses;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The master's read-only JSON endpoints, under the paths a Mesos master serves them:
 * {@code /master/state} (also {@code /state}, {@code /state.json}, {@code /master/state.json}) and
 * {@code /master/tasks} (also {@code /tasks}, {@code /tasks.json}, {@code /master/tasks.json}).
 * Like Mesos: a standby master answers 307 to {@code //leader/path}, no leader 503; any method is
 * served; the body is one snapshot taken by the master actor ({@link StateViews}).
 */
public final class StateHttp {
  private static final Map<String, Master.View> PATHS = Map.of(
      "/master/state", Master.View.STATE, "/state", Master.View.STATE,
      "/master/state.json", Master.View.STATE, "/state.json", Master.View.STATE,
      "/master/tasks", Master.View.TASKS, "/tasks", Master.View.TASKS,
      "/master/tasks.json", Master.View.TASKS, "/tasks.json", Master.View.TASKS);

  private final ActorSystem<?> system;
  private final ActorRef<Master.Command> master;
  private final Supplier<Leadership> leadership;
  private final Duration timeout;
  private final Materializer mat;

  public StateHttp(ActorSystem<?> system, ActorRef<Master.Command> master, Supplier<Leadership> leadership,
      Duration timeout) {
    this.system = system;
    this.master = master;
    this.leadership = leadership;
    this.timeout = timeout;
    this.mat = Materializer.matFromSystem(system);
  }

  /** Whether {@code path} is one of these endpoints. */
  public static boolean serves(String path) {
    return PATHS.containsKey(path);
  }

  public CompletionStage<HttpResponse> handle(HttpRequest request) {
    request.discardEntityBytes(mat);
    String path = request.getUri().path();
    Leadership lead = leadership.get();
    if (lead.mode() != Leadership.Mode.LEADER) {
      return CompletableFuture.completedFuture(lead.mode() == Leadership.Mode.STANDBY
          ? HttpResponse.create().withStatus(307).addHeader(RawHeader.create("Location", "//" + lead.redirectTo() + path))
          : Responses.error(503, "No leader elected"));
    }
    Map<String, String> query = request.getUri().query().toMap();
    CompletionStage<String> body = AskPattern.ask(master,
        (ActorRef<String> replyTo) -> new Master.Read(PATHS.get(path), query, replyTo), timeout, system.scheduler());
    return body.thenApply(json -> HttpResponse.create().withStatus(200)
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, json)))
        .exceptionally(e -> Responses.error(503, "The master did not answer within " + timeout.toMillis() + " ms"));
  }
}
