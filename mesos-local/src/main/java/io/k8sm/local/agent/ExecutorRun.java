package io.k8sm.local.agent;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * The fixed facts of one executor run, derived once from what the master sent: ids, container id,
 * sandbox, whether it is checkpointed and its shutdown grace period.
 */
record ExecutorRun(Spec spec, ContainerID containerId) {

  /** What the agent hands a new executor supervisor. */
  record Spec(
      FrameworkInfo framework,
      ExecutorInfo executor,
      AgentInfo agent,
      String agentEndpoint,
      RealAgentSettings settings,
      AgentListener listener) {

    Spec {
      // SUBSCRIBED carries the ExecutorInfo; Mesos fills in its framework id.
      if (!executor.hasFrameworkId()) {
        executor = executor.toBuilder().setFrameworkId(framework.getId()).build();
      }
    }
  }

  FrameworkID frameworkId() {
    return spec.framework().getId();
  }

  ExecutorID executorId() {
    return spec.executor().getExecutorId();
  }

  /** For logs: {@code executor 'e' of framework f}. */
  String label() {
    return "executor '" + executorId().getValue() + "' of framework " + frameworkId().getValue();
  }

  AgentID agentId() {
    return spec.agent().getId();
  }

  /** Checkpointed only when both the agent and the framework ask for it. */
  boolean checkpoint() {
    return spec.settings().checkpoint() && spec.framework().getCheckpoint();
  }

  Duration gracePeriod() {
    return ExecutorEnvironment.gracePeriod(spec.executor(), spec.settings());
  }

  /** Throws IllegalArgumentException when an id cannot be a directory name. */
  Path sandbox() {
    return SandboxLayout.runDirectory(spec.settings().workDir(), agentId(), frameworkId(), executorId(), containerId);
  }

  /** For logs: the sandbox, or a note when the ids cannot name one. */
  Object sandboxOrNull() {
    try {
      return sandbox();
    } catch (IllegalArgumentException e) {
      return "(no sandbox: " + e.getMessage() + ")";
    }
  }

  ExecutorEnvironment.Inputs environmentInputs(Path sandbox) {
    return new ExecutorEnvironment.Inputs(spec.framework(), spec.executor(), agentId(), spec.agentEndpoint(),
        sandbox, checkpoint(), spec.settings());
  }
}
