package io.k8sm.executor.agent;

import io.k8sm.protocol.MesosDuration;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a Mesos agent gives its executors, parsed and checked. Everything the executor
 * API needs is required; the recovery settings are required only when checkpointing is on (the
 * agent sets them only then). Problems are collected, not thrown one by one, so that a
 * misconfigured start reports all of them at once.
 *
 * @param agentEndpoint {@code http://ip:port} (MESOS_AGENT_ENDPOINT is {@code ip:port})
 * @param recoveryTimeout how long to keep re-subscribing after a disconnection (checkpoint only)
 * @param subscriptionBackoffMax the longest wait between those attempts (checkpoint only)
 * @param authToken MESOS_EXECUTOR_AUTHENTICATION_TOKEN, sent as a bearer token when present
 */
public record ExecutorEnv(
    String frameworkId,
    String executorId,
    URI agentEndpoint,
    boolean checkpoint,
    Duration recoveryTimeout,
    Duration subscriptionBackoffMax,
    Duration shutdownGracePeriod,
    Optional<String> authToken) {

  /** Thrown by {@link #parse} with every problem found, one per line. */
  public static final class InvalidEnvironment extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidEnvironment(List<String> problems) {
      super("the Mesos agent environment is incomplete or malformed:\n  " + String.join("\n  ", problems));
    }
  }

  public static ExecutorEnv parse(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    String frameworkId = required(env, "MESOS_FRAMEWORK_ID", problems);
    String executorId = required(env, "MESOS_EXECUTOR_ID", problems);
    URI endpoint = endpoint(required(env, "MESOS_AGENT_ENDPOINT", problems), problems);
    String checkpointText = required(env, "MESOS_CHECKPOINT", problems);
    boolean checkpoint = "1".equals(checkpointText);
    if (checkpointText != null && !checkpoint && !"0".equals(checkpointText)) {
      problems.add("MESOS_CHECKPOINT must be 1 or 0, got '" + checkpointText + "'");
    }
    Duration grace = duration(env, "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", true, problems);
    Duration recovery = duration(env, "MESOS_RECOVERY_TIMEOUT", checkpoint, problems);
    Duration backoffMax = duration(env, "MESOS_SUBSCRIPTION_BACKOFF_MAX", checkpoint, problems);
    if (!problems.isEmpty()) {
      throw new InvalidEnvironment(problems);
    }
    Optional<String> token = Optional.ofNullable(env.get("MESOS_EXECUTOR_AUTHENTICATION_TOKEN")).filter(t -> !t.isBlank());
    return new ExecutorEnv(frameworkId, executorId, endpoint, checkpoint,
        recovery == null ? Duration.ZERO : recovery, backoffMax == null ? Duration.ZERO : backoffMax, grace, token);
  }

  private static String required(Map<String, String> env, String name, List<String> problems) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      problems.add(name + " is not set");
      return null;
    }
    return value.trim();
  }

  private static Duration duration(Map<String, String> env, String name, boolean required, List<String> problems) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      if (required) {
        problems.add(name + " is not set");
      }
      return null;
    }
    try {
      return MesosDuration.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(name + ": " + e.getMessage());
      return null;
    }
  }

  private static URI endpoint(String value, List<String> problems) {
    if (value == null) {
      return null;
    }
    String withScheme = value.contains("://") ? value : "http://" + value;
    try {
      URI uri = URI.create(withScheme);
      if (uri.getHost() == null || uri.getPort() <= 0) {
        problems.add("MESOS_AGENT_ENDPOINT must be ip:port, got '" + value + "'");
        return null;
      }
      return URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      problems.add("MESOS_AGENT_ENDPOINT must be ip:port, got '" + value + "'");
      return null;
    }
  }
}
