package io.k8sm.local.agent;

import akka.util.ByteString;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * What mesos-local's master asks of one agent. Two kinds implement it: the real agent (launches
 * executor processes and serves the v1 executor API) and simulated agents (no process; tasks pass
 * STARTING and RUNNING after a delay).
 *
 * <p>Every method only enqueues work and returns at once; implementations are thread-safe. What
 * the agent has to say goes back through the {@link AgentListener} it was started with. Task
 * status updates are sent to the listener once; retrying them until the scheduler acknowledges is
 * the master's job (it keeps one update in flight per task).
 */
public interface Agent {
  /** Id, hostname, port, resources and attributes, as the master puts them in offers. */
  AgentInfo info();

  /**
   * Launches {@code tasks} (validated and accounted by the master) under {@code executor}, starting
   * the executor first when it is not running for that framework yet.
   */
  void launch(FrameworkInfo framework, ExecutorInfo executor, List<TaskInfo> tasks);

  /** Kills one task; an unknown task is answered with TASK_LOST/TASK_GONE through the listener. */
  void kill(FrameworkID framework, TaskID task, Optional<KillPolicy> killPolicy);

  /** Sends SHUTDOWN to an executor; after its grace period the executor is destroyed. */
  void shutdownExecutor(FrameworkID framework, ExecutorID executor);

  /** Shuts down every executor of a framework (teardown or failover timeout). */
  void shutdownFramework(FrameworkID framework);

  /** Delivers a scheduler MESSAGE to an executor, best effort. */
  void frameworkMessage(FrameworkID framework, ExecutorID executor, ByteString data);

  /** Stops the agent and everything it runs. */
  void stop();
}
