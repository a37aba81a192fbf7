package io.k8sm.framework.offers;

import java.util.List;

/**
 * What one pod needs from an offer. Scalars in thousandths ({@link Scalars}): cpus, mem in MB,
 * disk in MB. {@code hostPorts} are the fixed host ports of its containers (each must lie in an
 * offered range).
 */
public record PodShape(long cpus, long mem, long disk, List<Integer> hostPorts) {
  public PodShape {
    hostPorts = List.copyOf(hostPorts);
  }

  public String describe() {
    return Scalars.format(cpus) + " cpus, " + Scalars.format(mem) + " MB mem"
        + (disk > 0 ? ", " + Scalars.format(disk) + " MB disk" : "")
        + (hostPorts.isEmpty() ? "" : ", host ports " + hostPorts);
  }
}
