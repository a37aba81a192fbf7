package io.k8sm.framework.store;

import io.k8sm.framework.pods.PodPhase;
import io.k8sm.framework.pods.PodSpec;
import io.k8sm.protocol.pod.PodStatusReport;
import java.util.List;
import java.util.Optional;

/**
 * One pod as the read side knows it: spec, status, and the resourceVersion the object store gave
 * it. Immutable; pod actors publish a new one on every change.
 */
public record PodRecord(PodSpec spec, Status status, long resourceVersion) {

  /**
   * What the scheduler knows of the pod now. {@code report} is the executor's latest
   * {@code PodStatusReport}, if any; {@code message} a sentence for the user.
   */
  public record Status(PodPhase phase, String taskId, String agentId, String host, List<Integer> hostPorts,
      int restarts, String message, Optional<PodStatusReport> report) {
    public Status {
      hostPorts = List.copyOf(hostPorts);
    }

    public static Status pending(String message) {
      return new Status(PodPhase.PENDING, "", "", "", List.of(), 0, message, Optional.empty());
    }
  }

  public PodRecord withVersion(long version) {
    return new PodRecord(spec, status, version);
  }

  public String key() {
    return spec.key();
  }
}
