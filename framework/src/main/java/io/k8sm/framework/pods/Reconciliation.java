package io.k8sm.framework.pods;

import org.apache.mesos.v1.Protos.TaskState;

/**
 * What a task state Mesos reports (a status update or a reconciliation answer) means for us, given
 * what the journal says. Pure; the supervisor and the pod actors apply the verdict.
 *
 * <ul>
 *   <li>a task no pod owns, still alive → kill it (an orphan of an earlier life or a lost delete);
 *   <li>a live task of a pod whose current task is another one → kill it: the journal's current
 *       task always wins, so after a reschedule exactly one of the two survives, deterministically;
 *   <li>the pod's current task → {@link PodLifecycle} decides (lost, gone, unreachable and unknown
 *       reschedule under the restart policy);
 *   <li>anything already ended → nothing to do.
 * </ul>
 */
public final class Reconciliation {
  private Reconciliation() {}

  public sealed interface Verdict {
    /** Nothing to do but receipt the update. */
    record Ignore(String why) implements Verdict {}

    record Kill(String why) implements Verdict {}

    /** The pod's current task: apply the lifecycle's answer. */
    record Apply(PodLifecycle.Next next) implements Verdict {}
  }

  /**
   * {@code currentTask} is the task the owning pod's journal names ("" when it has none, null when
   * no pod owns {@code reportedTask}).
   */
  public static Verdict judge(String currentTask, PodPhase phase, PodSpec.RestartPolicy policy, String reportedTask,
      TaskState state) {
    boolean alive = !PodLifecycle.terminal(state) && state != TaskState.TASK_UNREACHABLE;
    if (currentTask == null) {
      return alive ? new Verdict.Kill("task " + reportedTask + " (" + state + ") belongs to no pod")
          : new Verdict.Ignore("task " + reportedTask + " of no pod has ended");
    }
    if (!currentTask.equals(reportedTask)) {
      return alive ? new Verdict.Kill("task " + reportedTask + " (" + state + ") is not the pod's current task "
          + (currentTask.isEmpty() ? "(it has none)" : currentTask) + "; one task per pod")
          : new Verdict.Ignore("an earlier task " + reportedTask + " of the pod has ended");
    }
    return new Verdict.Apply(PodLifecycle.onStatus(phase, state, policy));
  }
}
