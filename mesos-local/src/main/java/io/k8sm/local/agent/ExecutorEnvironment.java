package io.k8sm.local.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * The environment an executor process starts with, on top of the agent's own: the operator's extra
 * variables, then the documented MESOS_* variables, then {@code CommandInfo.environment} (the
 * framework has the last word, as with Mesos). MESOS_RECOVERY_TIMEOUT and
 * MESOS_SUBSCRIPTION_BACKOFF_MAX are only set for checkpointed executors, because only those are
 * expected to reconnect. Secret-typed variables are skipped: there is no secret store here.
 */
final class ExecutorEnvironment {
  private ExecutorEnvironment() {}

  /** Everything an executor run needs to know to build its environment. */
  record Inputs(
      FrameworkInfo framework,
      ExecutorInfo executor,
      AgentID agent,
      String agentEndpoint,
      Path sandbox,
      boolean checkpoint,
      RealAgentSettings settings) {}

  static Map<String, String> build(Inputs in) {
    Map<String, String> env = new LinkedHashMap<>(in.settings().extraEnvironment());
    env.put("MESOS_FRAMEWORK_ID", in.framework().getId().getValue());
    env.put("MESOS_EXECUTOR_ID", in.executor().getExecutorId().getValue());
    env.put("MESOS_AGENT_ENDPOINT", in.agentEndpoint());
    env.put("MESOS_SLAVE_ID", in.agent().getValue());
    env.put("MESOS_SLAVE_PID", "slave(1)@" + in.agentEndpoint());
    env.put("MESOS_DIRECTORY", in.sandbox().toString());
    env.put("MESOS_SANDBOX", in.sandbox().toString());
    env.put("MESOS_CHECKPOINT", in.checkpoint() ? "1" : "0");
    env.put("MESOS_HTTP_COMMAND_EXECUTOR", "0");
    env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", DurationText.format(gracePeriod(in.executor(), in.settings())));
    if (in.checkpoint()) {
      env.put("MESOS_RECOVERY_TIMEOUT", DurationText.format(in.settings().recoveryTimeout()));
      env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", DurationText.format(in.settings().subscriptionBackoffMax()));
    }
    for (Environment.Variable v : in.executor().getCommand().getEnvironment().getVariablesList()) {
      if (v.getType() != Environment.Variable.Type.SECRET) {
        env.put(v.getName(), v.getValue());
      }
    }
    return env;
  }

  /** ExecutorInfo.shutdown_grace_period when set, else the agent's default. */
  static Duration gracePeriod(ExecutorInfo executor, RealAgentSettings settings) {
    return executor.hasShutdownGracePeriod()
        ? Duration.ofNanos(executor.getShutdownGracePeriod().getNanoseconds())
        : settings.executorShutdownGracePeriod();
  }
}
