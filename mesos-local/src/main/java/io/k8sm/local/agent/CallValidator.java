package io.k8sm.local.agent;

import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;

/**
 * The checks the Mesos agent applies to an executor Call before acting on it, as pure functions:
 * empty means valid, otherwise the plain-text reason the 400 response carries. Required proto
 * fields (framework_id, executor_id, a status' task_id and state) are already enforced by decoding.
 */
final class CallValidator {
  static final int UUID_BYTES = 16;

  private CallValidator() {}

  /** The call names a known type and carries the sub-message that type needs. */
  static Optional<String> shape(Call call) {
    if (!call.hasType() || call.getType() == Call.Type.UNKNOWN) {
      return Optional.of("Expecting 'type' to be present");
    }
    return switch (call.getType()) {
      case SUBSCRIBE -> call.hasSubscribe() ? Optional.empty() : Optional.of("Expecting 'subscribe' to be present");
      case UPDATE -> call.hasUpdate() ? update(call) : Optional.of("Expecting 'update' to be present");
      case MESSAGE -> call.hasMessage() ? Optional.empty() : Optional.of("Expecting 'message' to be present");
      default -> Optional.empty();
    };
  }

  /** UPDATE rules: a fresh 16-byte uuid, SOURCE_EXECUTOR, never TASK_STAGING, its own executor id. */
  static Optional<String> update(Call call) {
    return status(call.getUpdate().getStatus(), call);
  }

  /** The same rules for one status, e.g. an unacknowledged update replayed on re-subscription. */
  static Optional<String> status(TaskStatus status, Call call) {
    if (!status.hasUuid()) {
      return Optional.of("Expecting 'uuid' to be present in the status of task " + status.getTaskId().getValue());
    }
    if (status.getUuid().size() != UUID_BYTES) {
      return Optional.of("'uuid' of the status of task " + status.getTaskId().getValue()
          + " must be exactly 16 bytes, got " + status.getUuid().size());
    }
    if (!status.hasSource() || status.getSource() != TaskStatus.Source.SOURCE_EXECUTOR) {
      return Optional.of("Received a status with source "
          + (status.hasSource() ? status.getSource() : "unset") + "; executors must send SOURCE_EXECUTOR");
    }
    if (status.getState() == TaskState.TASK_STAGING) {
      return Optional.of("Executors cannot send TASK_STAGING (task " + status.getTaskId().getValue() + ")");
    }
    if (status.hasExecutorId() && !status.getExecutorId().equals(call.getExecutorId())) {
      return Optional.of("ExecutorID '" + status.getExecutorId().getValue() + "' in the status does not match '"
          + call.getExecutorId().getValue() + "' of the call");
    }
    return Optional.empty();
  }
}
