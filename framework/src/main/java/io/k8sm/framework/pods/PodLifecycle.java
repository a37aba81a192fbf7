package io.k8sm.framework.pods;

import java.util.EnumSet;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * What a task status update means for a pod: a pure function of the pod's phase, the update's
 * state and the restart policy. The pod actor applies the answer (and later persists it as an
 * event), so the rules are tested here without actors.
 */
public final class PodLifecycle {
  private PodLifecycle() {}

  /** What to do next. */
  public sealed interface Next {
    /** Nothing changes (a non-final state such as STARTING or KILLING). */
    record Stay() implements Next {}

    /** The task runs. */
    record Run() implements Next {}

    /** The task ended and the restart policy wants the pod back: new task id, new offer. */
    record Reschedule(String why) implements Next {}

    /** The task ended and the pod stays down, in {@code phase} (SUCCEEDED or FAILED). */
    record End(PodPhase phase, String why) implements Next {}

    /** A deleted pod's task has ended: the pod can go. */
    record Gone() implements Next {}
  }

  /** Terminal for the task (Mesos frees its resources); a new task is needed to run the pod again. */
  static final Set<TaskState> TERMINAL = EnumSet.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
      TaskState.TASK_KILLED, TaskState.TASK_ERROR, TaskState.TASK_LOST, TaskState.TASK_DROPPED,
      TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR, TaskState.TASK_UNKNOWN);

  public static boolean terminal(TaskState state) {
    return TERMINAL.contains(state);
  }

  public static Next onStatus(PodPhase phase, TaskState state, PodSpec.RestartPolicy policy) {
    if (phase == PodPhase.TERMINATING) {
      return terminal(state) ? new Next.Gone() : new Next.Stay();
    }
    if (phase != PodPhase.LAUNCHING && phase != PodPhase.RUNNING) {
      return new Next.Stay();
    }
    if (state == TaskState.TASK_RUNNING) {
      return new Next.Run();
    }
    // UNREACHABLE is not final for Mesos (the agent may come back), but the pod should run
    // somewhere meanwhile: it is rescheduled, and a task that comes back later is killed as a
    // duplicate (Reconciliation).
    if (!terminal(state) && state != TaskState.TASK_UNREACHABLE) {
      return new Next.Stay();
    }
    String what = describe(state);
    if (state == TaskState.TASK_FINISHED) {
      return policy == PodSpec.RestartPolicy.ALWAYS
          ? new Next.Reschedule(what + "; restartPolicy always starts it again")
          : new Next.End(PodPhase.SUCCEEDED, what);
    }
    return policy == PodSpec.RestartPolicy.NEVER
        ? new Next.End(PodPhase.FAILED, what)
        : new Next.Reschedule(what + "; restartPolicy " + (policy == PodSpec.RestartPolicy.ALWAYS ? "always" : "onFailure")
            + " starts it again");
  }

  static String describe(TaskState state) {
    return switch (state) {
      case TASK_FINISHED -> "all containers exited successfully";
      case TASK_FAILED -> "the pod failed";
      case TASK_KILLED -> "the pod was killed";
      case TASK_ERROR -> "Mesos refused the task as invalid";
      case TASK_DROPPED -> "Mesos dropped the launch";
      case TASK_LOST, TASK_GONE, TASK_GONE_BY_OPERATOR -> "the pod's agent lost it";
      case TASK_UNREACHABLE -> "the pod's agent is unreachable";
      case TASK_UNKNOWN -> "Mesos does not know the pod's task";
      default -> state.name();
    };
  }
}
