package io.k8sm.local.agent;

import akka.util.ByteString;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskStatus;

/** How an {@link Agent} reports to the master. Calls may arrive on any thread. */
public interface AgentListener {
  /**
   * A status update for one task, sent once. Executor- and agent-generated updates carry a
   * 16-byte uuid and must be acknowledged by the scheduler; the master retries them until it is.
   */
  void statusUpdate(FrameworkID framework, TaskStatus status);

  /**
   * An executor has exited ({@code waitStatus} is a POSIX wait status). The agent has already
   * reported its non-terminal tasks as TASK_FAILED with REASON_EXECUTOR_TERMINATED; the master
   * frees the executor's resources and sends FAILURE to the scheduler.
   */
  void executorTerminated(FrameworkID framework, ExecutorID executor, AgentID agent, int waitStatus);

  /** A MESSAGE from an executor to its scheduler, best effort. */
  void executorMessage(FrameworkID framework, ExecutorID executor, AgentID agent, ByteString data);
}
