package io.k8sm.framework.pods;

import com.google.protobuf.ByteString;
import io.k8sm.framework.persistence.Persisted;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * What happened to one pod, in the journal's order. {@link PodState#apply} folds them; the pod
 * actor persists them before it acts (the task id and agent before the ACCEPT, a status update
 * before its acknowledgement).
 */
public sealed interface PodEvent extends Persisted {

  record PodCreated(PodSpec spec) implements PodEvent {}

  /**
   * Resources of an offer on {@code agentId} are taken for the pod's next task. The agent id and
   * host are interned: many pods run on one agent, and each keeps them for as long as it runs there.
   */
  record ResourcesReserved(String agentId, String host, List<Integer> hostPorts) implements PodEvent {
    public ResourcesReserved {
      agentId = agentId.intern();
      host = host.intern();
      hostPorts = List.copyOf(hostPorts);
    }
  }

  /** The task id sent in the ACCEPT that follows. */
  record TaskLaunched(String taskId) implements PodEvent {}

  /** Mesos reported {@code state} for the current task; {@code report} is the executor's payload (empty: none). */
  record TaskStatusChanged(String taskId, TaskState state, String detail, ByteString report)
      implements PodEvent {}

  /** A written-ahead task never reached Mesos (or Mesos never confirmed it): schedule again. */
  record LaunchAbandoned(String taskId, String why) implements PodEvent {}

  record DeleteRequested() implements PodEvent {}

  record PodRemoved(String why) implements PodEvent {}
}
