package io.k8sm.executor.pod;

import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerNames.Owner;
import io.k8sm.executor.docker.ContainerNames.PodKey;
import io.k8sm.executor.docker.ContainerPlan;
import io.k8sm.executor.docker.ContainerPlan.HostPort;
import io.k8sm.protocol.pod.Container;
import io.k8sm.protocol.pod.PodTask;
import io.k8sm.protocol.pod.Protocol;
import java.util.List;

/**
 * Translates a pod spec into Docker container plans, as pure functions. All host ports of the pod
 * go on the infra container (a container joined to another's network namespace may not publish
 * any); app containers join the infra container's namespace and carry command, args, env,
 * working dir, memory limit and cpu shares.
 */
public final class ContainerPlans {
  private ContainerPlans() {}

  public static ContainerPlan infra(PodTask pod, PodKey key, Owner owner, String image, String defaultHostIp) {
    List<HostPort> ports = pod.getContainersList().stream()
        .flatMap(c -> c.getPortsList().stream())
        .filter(p -> p.getHostPort() > 0)
        .map(p -> new HostPort(p.getHostIp().isEmpty() ? defaultHostIp : p.getHostIp(),
            p.getHostPort(), p.getContainerPort(), p.getProtocol() == Protocol.UDP))
        .toList();
    return new ContainerPlan(ContainerNames.infraName(key), image, ContainerNames.infraLabels(owner, key),
        List.of(), List.of(), List.of(), "", ports, null, 0, 0);
  }

  /** {@code restartCount}: restarts before this container, kept in a label for a later adoption. */
  public static ContainerPlan app(Container c, PodKey key, Owner owner, String infraId, int restartCount) {
    List<String> env = c.getEnvList().stream().map(e -> e.getName() + "=" + e.getValue()).toList();
    return new ContainerPlan(ContainerNames.appName(key, c.getName()), c.getImage(),
        ContainerNames.appLabels(owner, key, c.getName(), restartCount), c.getCommandList(), c.getArgsList(), env,
        c.getWorkingDir(), List.of(), "container:" + infraId,
        c.getResources().getMemoryBytes(), cpuShares(c.getResources().getCpuMillis()));
  }

  /** Kubelet's conversion: 1024 shares per cpu, at least 2 when a request is given; 0 = unset. */
  static int cpuShares(long cpuMillis) {
    if (cpuMillis == 0) {
      return 0;
    }
    return (int) Math.max(2, cpuMillis * 1024 / 1000);
  }
}
