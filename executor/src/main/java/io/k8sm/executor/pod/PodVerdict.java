package io.k8sm.executor.pod;

import io.k8sm.protocol.pod.ContainerStatus;
import io.k8sm.protocol.pod.PodPhase;
import java.util.Collection;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * Maps the containers' statuses to the Mesos task state and pod phase, as a pure function.
 *
 * <ul>
 *   <li>every container ended and staying down: FINISHED (Succeeded) when all exited 0, else
 *       FAILED (Failed) naming the failed containers and their exit codes;
 *   <li>every container running or ended for good, or the pod was running before (a container
 *       in restart backoff does not take the pod back to STARTING): RUNNING;
 *   <li>otherwise STARTING (Pending), with the first waiting container's reason.
 * </ul>
 */
public final class PodVerdict {
  private PodVerdict() {}

  /** One container as the verdict sees it: its last status and whether it stays down for good. */
  public record ContainerView(ContainerStatus status, boolean staysDown) {}

  public record Verdict(TaskState state, PodPhase phase, String reason, String message) {
    public boolean terminal() {
      return state == TaskState.TASK_FINISHED || state == TaskState.TASK_FAILED;
    }
  }

  public static Verdict of(Collection<ContainerView> containers, int expected, boolean wasRunning) {
    boolean allKnown = containers.size() == expected;
    if (allKnown && containers.stream().allMatch(ContainerView::staysDown)) {
      String failed = containers.stream()
          .filter(c -> exitCode(c.status()) != 0)
          .map(c -> c.status().getName() + " exited with code " + exitCode(c.status())
              + reasonSuffix(c.status()))
          .collect(Collectors.joining("; "));
      return failed.isEmpty()
          ? new Verdict(TaskState.TASK_FINISHED, PodPhase.POD_SUCCEEDED, "Completed", "all containers exited 0")
          : new Verdict(TaskState.TASK_FAILED, PodPhase.POD_FAILED, "Error", failed);
    }
    boolean allUp = allKnown && containers.stream()
        .allMatch(c -> c.staysDown() || c.status().hasRunning());
    if (allUp || wasRunning) {
      return containers.stream().filter(c -> c.status().hasWaiting()).findFirst()
          .map(c -> new Verdict(TaskState.TASK_RUNNING, PodPhase.POD_RUNNING,
              c.status().getWaiting().getReason(), c.status().getWaiting().getMessage()))
          .orElse(new Verdict(TaskState.TASK_RUNNING, PodPhase.POD_RUNNING, "", ""));
    }
    return containers.stream().filter(c -> c.status().hasWaiting()).findFirst()
        .map(c -> new Verdict(TaskState.TASK_STARTING, PodPhase.POD_PENDING,
            c.status().getWaiting().getReason(), c.status().getWaiting().getMessage()))
        .orElse(new Verdict(TaskState.TASK_STARTING, PodPhase.POD_PENDING, "ContainerCreating", ""));
  }

  /**
   * The terminal update of a pod that ends as {@code state} for {@code why}, once its containers
   * are gone: Succeeded only when it finished; the reason is Killed for a kill, else the
   * containers' own verdict when they all ended, else Error (a step of the start-up failed).
   */
  public static Verdict ended(TaskState state, String why, Verdict containers) {
    PodPhase phase = state == TaskState.TASK_FINISHED ? PodPhase.POD_SUCCEEDED : PodPhase.POD_FAILED;
    String reason = state == TaskState.TASK_KILLED ? "Killed" : containers.terminal() ? containers.reason() : "Error";
    return new Verdict(state, phase, reason, why);
  }

  private static int exitCode(ContainerStatus s) {
    return s.hasTerminated() ? s.getTerminated().getExitCode() : s.getLastTermination().getExitCode();
  }

  private static String reasonSuffix(ContainerStatus s) {
    String reason = s.hasTerminated() ? s.getTerminated().getReason() : "";
    return reason.isEmpty() || reason.equals("Error") ? "" : " (" + reason + ")";
  }
}
