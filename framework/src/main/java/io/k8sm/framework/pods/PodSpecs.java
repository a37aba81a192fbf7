package io.k8sm.framework.pods;

import io.k8sm.framework.FrameworkSettings;
import io.k8sm.framework.api.v1beta1.Container;
import io.k8sm.framework.api.v1beta1.Manifest;
import io.k8sm.framework.api.v1beta1.Pod;
import io.k8sm.framework.offers.PodShape;
import io.k8sm.framework.offers.Scalars;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a validated v1beta1 pod into a {@link PodSpec}. Pure. */
public final class PodSpecs {
  private PodSpecs() {}

  /** Defaults a container gets when its spec has no cpu or memory, in thousandths (cpus, MB). */
  public record Defaults(long cpuMillis, long memMb, long podDiskMb) {
    public static Defaults of(FrameworkSettings s) {
      return new Defaults(s.defaultContainerCpuMillis(), s.defaultContainerMemMb(), s.podDiskMb());
    }
  }

  public static PodSpec from(Pod pod, String namespace, String uid, Instant now, Defaults defaults) {
    Manifest m = pod.desiredState().manifest();
    Manifest.RestartPolicy policy = m.restartPolicy() == null ? Manifest.RestartPolicy.ALWAYS : m.restartPolicy();
    Manifest normalized = new Manifest(
        m.version() == null || m.version().isEmpty() ? "v1beta1" : m.version(),
        m.id() == null || m.id().isEmpty() ? pod.id() : m.id(),
        m.volumes(), m.containers(), policy);
    return new PodSpec(namespace, pod.id(), uid, pod.labels(), now, normalized, shape(m.containers(), defaults),
        restartPolicy(policy));
  }

  static PodShape shape(List<Container> containers, Defaults defaults) {
    long cpus = 0;
    long mem = 0;
    List<Integer> ports = new ArrayList<>();
    for (Container c : containers) {
      cpus += c.cpu() == null || c.cpu() == 0 ? defaults.cpuMillis() : c.cpu();
      mem += c.memory() == null || c.memory() == 0 ? defaults.memMb() * 1000 : Scalars.bytesToMilliMb(c.memory());
      if (c.ports() != null) {
        for (Container.Port p : c.ports()) {
          if (p.hostPort() != null && p.hostPort() > 0) ports.add(p.hostPort());
        }
      }
    }
    return new PodShape(cpus, mem, defaults.podDiskMb() * 1000, ports);
  }

  static PodSpec.RestartPolicy restartPolicy(Manifest.RestartPolicy p) {
    if (p.never() != null) return PodSpec.RestartPolicy.NEVER;
    if (p.onFailure() != null) return PodSpec.RestartPolicy.ON_FAILURE;
    return PodSpec.RestartPolicy.ALWAYS;
  }
}
