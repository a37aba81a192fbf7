package io.k8sm.executor.pod;

import com.google.protobuf.InvalidProtocolBufferException;
import io.k8sm.protocol.pod.Container;
import io.k8sm.protocol.pod.PodTask;
import java.time.Duration;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Reads the {@link PodTask} a framework put in {@code TaskInfo.data} and checks what the executor
 * relies on. Every rejection says what is wrong, for the TASK_FAILED message.
 */
public final class PodTasks {
  private PodTasks() {}

  /** The task's pod; IllegalArgumentException with a readable reason when there is none. */
  public static PodTask decode(TaskInfo task) {
    if (!task.hasData() || task.getData().isEmpty()) {
      throw new IllegalArgumentException("TaskInfo.data is empty: expected a k8sm.v1.PodTask");
    }
    PodTask pod;
    try {
      pod = PodTask.parseFrom(task.getData());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("TaskInfo.data is not a k8sm.v1.PodTask: " + e.getMessage(), e);
    }
    if (pod.getName().isEmpty() || pod.getContainersCount() == 0) {
      throw new IllegalArgumentException("PodTask needs a name and at least one container");
    }
    if (pod.getContainersList().stream().map(Container::getName).distinct().count() != pod.getContainersCount()) {
      throw new IllegalArgumentException("PodTask has two containers with the same name");
    }
    if (pod.getContainersList().stream().anyMatch(c -> c.getName().isEmpty() || c.getImage().isEmpty())) {
      throw new IllegalArgumentException("every container needs a name and an image");
    }
    return pod;
  }

  /**
   * The grace period between SIGTERM and SIGKILL when a KILL names none: the TaskInfo's kill
   * policy, else the pod's {@code termination_grace_seconds}, else {@code fallback}.
   */
  public static Duration grace(TaskInfo task, PodTask pod, Duration fallback) {
    if (task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()) {
      return Duration.ofNanos(task.getKillPolicy().getGracePeriod().getNanoseconds());
    }
    return pod.getTerminationGraceSeconds() > 0 ? Duration.ofSeconds(pod.getTerminationGraceSeconds()) : fallback;
  }
}
