package io.k8sm.executor.pod;

import akka.actor.typed.ActorRef;
import io.k8sm.executor.docker.ContainerNames.PodKey;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.executor.docker.DockerEventHub;
import io.k8sm.protocol.pod.Container;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The Docker side of one app container, for its {@link ContainerActor}: which Docker container
 * currently stands for it (its id, watched on the events hub while it does) and the steps on it,
 * each returning a stage the actor turns into a message. A new container is labelled with the
 * restarts so far ({@link ContainerPlans#app}).
 */
final class AppContainer {
  private final PodEnv env;
  private final PodKey key;
  private final Container spec;
  private final String infraId;
  private final ActorRef<DockerEventHub.ContainerEvent> watcher;
  private String id;

  AppContainer(PodEnv env, PodKey key, Container spec, String infraId, ActorRef<DockerEventHub.ContainerEvent> watcher) {
    this.env = env;
    this.key = key;
    this.spec = spec;
    this.infraId = infraId;
    this.watcher = watcher;
  }

  /** The current container's id; null while there is none (being created or replaced). */
  String id() {
    return id;
  }

  CompletionStage<String> create(int restartCount) {
    return env.docker().create(ContainerPlans.app(spec, key, env.owner(), infraId, restartCount));
  }

  /** {@code containerId} stands for this container from now on; its events come to the watcher. */
  void attach(String containerId) {
    id = containerId;
    env.events().tell(new DockerEventHub.Watch(id, watcher));
  }

  /** No container stands for it any more (no more events either). */
  void detach() {
    if (id != null) {
      env.events().tell(new DockerEventHub.Unwatch(id));
      id = null;
    }
  }

  CompletionStage<Optional<ContainerSnapshot>> startAndInspect() {
    String current = id;
    return env.docker().start(current).thenCompose(v -> env.docker().inspect(current));
  }

  CompletionStage<Optional<ContainerSnapshot>> inspect() {
    return env.docker().inspect(id);
  }

  /** Removes the current container and creates a fresh one (kubelet: a clean filesystem per run). */
  CompletionStage<String> replace(int restartCount) {
    String old = id;
    detach();
    return env.docker().remove(old).thenCompose(v -> create(restartCount));
  }

  /** SIGTERM, SIGKILL after {@code grace}, then removal, which happens even when the stop failed. */
  CompletionStage<Void> stopAndRemove(Duration grace) {
    String current = id;
    return env.docker().stop(current, grace).handle((v, f) -> null).thenCompose(v -> env.docker().remove(current));
  }
}
