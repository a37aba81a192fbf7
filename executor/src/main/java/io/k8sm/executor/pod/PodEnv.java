package io.k8sm.executor.pod;

import akka.actor.typed.ActorRef;
import io.k8sm.executor.ExecutorSettings;
import io.k8sm.executor.docker.ContainerNames.Owner;
import io.k8sm.executor.docker.DockerEventHub;
import io.k8sm.executor.docker.DockerRuntime;

/**
 * What every pod and container actor of one executor shares: settings, the Docker facade, the
 * prober, the single events hub, the owner labels, the log endpoint's address ({@code host:port})
 * and the node's IP reported as the pod's host IP (the agent's address; host ports are published
 * on {@code settings.hostIp()}, which may be a wildcard).
 */
public record PodEnv(
    ExecutorSettings settings,
    DockerRuntime docker,
    Prober prober,
    ActorRef<DockerEventHub.Command> events,
    Owner owner,
    String logEndpoint,
    String nodeIp) {}
