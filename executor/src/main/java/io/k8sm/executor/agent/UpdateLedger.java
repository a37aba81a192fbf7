package io.k8sm.executor.agent;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;

/**
 * What the agent has not yet taken custody of: updates without an ACKNOWLEDGED (by uuid) and
 * launched tasks none of whose updates has been acknowledged. Both go into every SUBSCRIBE, so a
 * reconnect never loses an update or a task (Mesos §6.5). Plain data, not thread-safe: owned by the
 * AgentLink actor.
 */
final class UpdateLedger {
  private final Map<ByteString, TaskStatus> updates = new LinkedHashMap<>();
  private final Map<String, TaskInfo> tasks = new LinkedHashMap<>();

  void launched(TaskInfo task) {
    tasks.put(task.getTaskId().getValue(), task);
  }

  void sent(TaskStatus status) {
    updates.put(status.getUuid(), status);
  }

  /** Drops the acknowledged update; its task now counts as acknowledged. */
  void acknowledged(String taskId, ByteString uuid) {
    updates.remove(uuid);
    tasks.remove(taskId);
  }

  Collection<TaskStatus> unacknowledgedUpdates() {
    return List.copyOf(updates.values());
  }

  Collection<TaskInfo> unacknowledgedTasks() {
    return List.copyOf(tasks.values());
  }

  boolean isEmpty() {
    return updates.isEmpty();
  }

  Call subscribe(FrameworkID frameworkId, ExecutorID executorId) {
    Call.Subscribe.Builder subscribe = Call.Subscribe.newBuilder().addAllUnacknowledgedTasks(tasks.values());
    updates.values().forEach(s -> subscribe.addUnacknowledgedUpdates(Call.Update.newBuilder().setStatus(s)));
    return Call.newBuilder().setType(Call.Type.SUBSCRIBE).setFrameworkId(frameworkId)
        .setExecutorId(executorId).setSubscribe(subscribe).build();
  }
}
