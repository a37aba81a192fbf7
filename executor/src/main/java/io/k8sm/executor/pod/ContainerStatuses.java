package io.k8sm.executor.pod;

import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.protocol.pod.Container;
import io.k8sm.protocol.pod.ContainerStatus;
import io.k8sm.protocol.pod.Terminated;
import io.k8sm.protocol.pod.Waiting;
import java.time.Duration;

/**
 * The {@link ContainerStatus} shapes one app container reports, as pure functions: the common
 * part (identity, restart count, readiness, last termination), and the terminated and waiting
 * states with kubelet's reasons.
 */
final class ContainerStatuses {
  private ContainerStatuses() {}

  /**
   * Identity and counters; {@code previous}'s last termination is carried over (a fresh run does
   * not forget why the one before ended). {@code id} null: no container yet.
   */
  static ContainerStatus.Builder base(Container spec, String id, int restartCount, boolean ready,
      ContainerStatus previous) {
    ContainerStatus.Builder b = ContainerStatus.newBuilder().setName(spec.getName()).setImage(spec.getImage())
        .setRestartCount(restartCount).setReady(ready);
    if (id != null) {
      b.setContainerId("docker://" + id);
    }
    if (previous != null && previous.hasLastTermination()) {
      b.setLastTermination(previous.getLastTermination());
    }
    return b;
  }

  /** How a run ended: killed for failing its liveness probe, OOM-killed, exit 0, or an error. */
  static Terminated ended(ContainerSnapshot s, String livenessFailure) {
    String reason = livenessFailure != null ? "Unhealthy"
        : s.oomKilled() ? "OOMKilled" : s.exitCode() == 0 ? "Completed" : "Error";
    return Terminated.newBuilder().setExitCode(s.exitCode()).setReason(reason)
        .setMessage(livenessFailure == null ? "" : "liveness probe failed: " + livenessFailure)
        .setStartedAtMillis(s.startedAtMillis()).setFinishedAtMillis(s.finishedAtMillis()).build();
  }

  /** Docker could not create, start or inspect the container: exit code 128, as Docker uses. */
  static Terminated notRun(String reason, String message, long nowMillis) {
    return Terminated.newBuilder().setExitCode(128).setReason(reason).setMessage(message)
        .setFinishedAtMillis(nowMillis).build();
  }

  /** Waiting out a restart backoff. */
  static Waiting crashLoop(String container, Duration delay) {
    return Waiting.newBuilder().setReason("CrashLoopBackOff")
        .setMessage("back-off " + delay.toMillis() + " ms restarting failed container " + container).build();
  }

  static Waiting creating() {
    return Waiting.newBuilder().setReason("ContainerCreating").build();
  }
}
