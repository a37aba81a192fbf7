package io.k8sm.local.master;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * A task the master knows: where it runs, what it holds, its latest state. Resources are released
 * once when the latest state turns terminal; the record itself stays until the terminal update is
 * acknowledged (so the id cannot be reused and reconciliation still answers it), then it moves to
 * its framework's completed tasks. {@link #statuses} is the history the state endpoints show, kept
 * as a Mesos master keeps it: empty while staging, one entry per update, a repeated state replacing
 * the previous entry, {@code data} dropped.
 */
final class TaskRecord {
  static final Set<TaskState> TERMINAL = EnumSet.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
      TaskState.TASK_KILLED, TaskState.TASK_ERROR, TaskState.TASK_LOST, TaskState.TASK_DROPPED,
      TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);

  final TaskInfo task;
  final AgentID agent;
  final ExecutorID executor;
  final Resources resources;
  final boolean commandExecutor;
  TaskStatus latest;
  final List<TaskStatus> statuses = new ArrayList<>();
  boolean released;

  TaskRecord(TaskInfo task, ExecutorID executor, Resources resources, boolean commandExecutor, TaskStatus staging) {
    this.task = task;
    this.agent = task.getAgentId();
    this.executor = executor;
    this.resources = resources;
    this.commandExecutor = commandExecutor;
    this.latest = staging;
  }

  /** The master records {@code status} as the task's latest state. */
  void record(TaskStatus status) {
    latest = status;
    if (!statuses.isEmpty() && statuses.get(statuses.size() - 1).getState() == status.getState()) {
      statuses.remove(statuses.size() - 1);
    }
    statuses.add(status.toBuilder().clearData().build());
  }

  static boolean terminal(TaskState s) {
    return TERMINAL.contains(s);
  }

  boolean terminal() {
    return terminal(latest.getState());
  }
}
