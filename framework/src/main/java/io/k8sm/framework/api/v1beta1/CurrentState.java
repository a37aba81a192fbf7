package io.k8sm.framework.api.v1beta1;

import java.util.Map;

/**
 * What the scheduler knows of a pod now. {@code status} is Waiting, Running or Terminated;
 * {@code message} says why a pod waits (or how it ended) in words a user can act on.
 */
public record CurrentState(
    String status,
    String host,
    String hostIP,
    String podIP,
    Map<String, ContainerInfo> info,
    String message) {

  /** Per container: {@code state} is {"waiting":{reason}}, {"running":{startedAt}} or {"termination":{exitCode,...}}. */
  public record ContainerInfo(Map<String, Object> state, int restartCount, String image) {}
}
