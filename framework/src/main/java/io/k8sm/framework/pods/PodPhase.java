package io.k8sm.framework.pods;

/**
 * Where a pod is in its life. Pending: waits for resources. Launching: resources reserved and the
 * TaskInfo sent. Running: the executor reported TASK_RUNNING. Succeeded/Failed: ended and not
 * restarted. Terminating: deleted, waiting for the task's terminal update.
 */
public enum PodPhase {
  PENDING, LAUNCHING, RUNNING, SUCCEEDED, FAILED, TERMINATING;

  public boolean ended() {
    return this == SUCCEEDED || this == FAILED;
  }

  /** The v1beta1 {@code currentState.status}: Waiting, Running or Terminated. */
  public String v1beta1Status() {
    return switch (this) {
      case PENDING, LAUNCHING -> "Waiting";
      case RUNNING -> "Running";
      case SUCCEEDED, FAILED, TERMINATING -> "Terminated";
    };
  }
}
