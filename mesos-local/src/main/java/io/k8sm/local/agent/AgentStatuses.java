package io.k8sm.local.agent;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Status updates the agent writes itself (SOURCE_AGENT): they carry a fresh 16-byte uuid like an
 * executor's, so the scheduler acknowledges them and the master retries them until it does.
 */
final class AgentStatuses {
  private AgentStatuses() {}

  static TaskStatus create(TaskID task, TaskState state, TaskStatus.Reason reason, String message,
      AgentID agent, ExecutorID executor) {
    return builder(task, state, reason, message, agent).setExecutorId(executor).build();
  }

  /** For a task no executor holds. */
  static TaskStatus withoutExecutor(TaskID task, TaskState state, TaskStatus.Reason reason, String message,
      AgentID agent) {
    return builder(task, state, reason, message, agent).build();
  }

  private static TaskStatus.Builder builder(TaskID task, TaskState state, TaskStatus.Reason reason, String message,
      AgentID agent) {
    return TaskStatus.newBuilder()
        .setTaskId(task)
        .setState(state)
        .setSource(TaskStatus.Source.SOURCE_AGENT)
        .setReason(reason)
        .setMessage(message)
        .setAgentId(agent)
        .setTimestamp(System.currentTimeMillis() / 1000.0)
        .setUuid(randomUuid());
  }

  /**
   * The state for a task that never reached an executor: TASK_DROPPED for partition-aware
   * frameworks, TASK_LOST for the others (as the Mesos agent decides).
   */
  static TaskState dropped(FrameworkInfo framework) {
    boolean partitionAware = framework.getCapabilitiesList().stream()
        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.PARTITION_AWARE);
    return partitionAware ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
  }

  static ByteString randomUuid() {
    UUID uuid = UUID.randomUUID();
    return ByteString.copyFrom(ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
  }
}
