package io.k8sm.local.agent;

import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The agent's custody of one executor's status updates: everything that goes to the master passes
 * here, is recorded in the {@link TaskBook} and forwarded at most once per uuid. Also writes the
 * updates the agent generates itself for that executor's tasks. Owned by one actor.
 */
final class TaskReports {
  private final ExecutorRun run;
  private final TaskBook tasks;

  TaskReports(ExecutorRun run, TaskBook tasks) {
    this.run = run;
    this.tasks = tasks;
  }

  /** An executor's update, completed with agent id, executor id and timestamp when it lacks them. */
  void fromExecutor(TaskStatus raw) {
    TaskStatus.Builder status = raw.toBuilder();
    if (!status.hasAgentId()) {
      status.setAgentId(run.agentId());
    }
    if (!status.hasExecutorId()) {
      status.setExecutorId(run.executorId());
    }
    if (!status.hasTimestamp()) {
      status.setTimestamp(System.currentTimeMillis() / 1000.0);
    }
    forward(status.build());
  }

  /** An update written by the agent (SOURCE_AGENT, fresh uuid). */
  void fromAgent(TaskID task, TaskState state, TaskStatus.Reason reason, String message) {
    forward(AgentStatuses.create(task, state, reason, message, run.agentId(), run.executorId()));
  }

  /** TASK_LOST, or TASK_DROPPED for partition-aware frameworks: the task never reached an executor. */
  void dropped(TaskID task, String message) {
    fromAgent(task, AgentStatuses.dropped(run.spec().framework()), TaskStatus.Reason.REASON_EXECUTOR_TERMINATED, message);
  }

  /** Every task still alive becomes TASK_FAILED for {@code reason}, as when an executor is gone. */
  void failAll(TaskStatus.Reason reason, String message) {
    tasks.nonTerminal().forEach(e -> fromAgent(e.info.getTaskId(), TaskState.TASK_FAILED, reason, message));
  }

  private void forward(TaskStatus status) {
    if (tasks.record(status)) {
      run.spec().listener().statusUpdate(run.frameworkId(), status);
    }
  }
}
