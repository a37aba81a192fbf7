package io.k8sm.framework.pods;

import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * Task ids are {@code <namespace>.<name>.<uuid>}: unique forever (a restarted pod gets a new one)
 * and readable in the Mesos UI. Namespace and name are DNS labels, so the dots split cleanly.
 */
public final class TaskIds {
  private TaskIds() {}

  public static TaskID next(PodSpec spec) {
    return TaskID.newBuilder().setValue(spec.namespace() + "." + spec.name() + "." + UUID.randomUUID()).build();
  }

  /** The pod key ({@code namespace/name}) a task id belongs to, if it is one of ours. */
  public static Optional<String> podKey(TaskID id) {
    String[] parts = id.getValue().split("\\.");
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parts[0] + "/" + parts[1]);
  }
}
