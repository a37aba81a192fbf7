package io.k8sm.executor.docker;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container, independent of docker-java's builders so that the
 * translation from a pod spec can be tested without Docker.
 *
 * @param entrypoint replaces the image's ENTRYPOINT when non-empty
 * @param cmd replaces the image's CMD when non-empty
 * @param env {@code NAME=value} entries
 * @param ports host port bindings; only an infra container (or a container on its own network) has any
 * @param networkMode null for Docker's default, {@code container:<id>} to join another's namespace
 * @param memoryBytes 0 for no limit
 * @param cpuShares 0 for Docker's default
 */
public record ContainerPlan(
    String name,
    String image,
    Map<String, String> labels,
    List<String> entrypoint,
    List<String> cmd,
    List<String> env,
    String workingDir,
    List<HostPort> ports,
    String networkMode,
    long memoryBytes,
    int cpuShares) {

  /** {@code hostIp:hostPort -> containerPort/protocol}. */
  public record HostPort(String hostIp, int hostPort, int containerPort, boolean udp) {}
}
