package io.k8sm.executor.pod;

import akka.actor.typed.ActorRef;
import io.k8sm.executor.ExecutorSettings;
import io.k8sm.executor.docker.ContainerNames.Owner;
import io.k8sm.executor.docker.DockerEventHub;
import io.k8sm.executor.docker.DockerRuntime;

/**
 * What every pod and container actor of one executor shares: settings, the Docker facade, the
 * prober, the single events hub, the owner labels and the log endpoint's address ({@code host:port}).
 */
public record PodEnv(
    ExecutorSettings settings,
    DockerRuntime docker,
    Prober prober,
    ActorRef<DockerEventHub.Command> events,
    Owner owner,
    String logEndpoint) {}
