package io.k8sm.executor.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutorEnvTest {
  static Map<String, String> agentEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("MESOS_FRAMEWORK_ID", "fw-1");
    env.put("MESOS_EXECUTOR_ID", "exec-1");
    env.put("MESOS_AGENT_ENDPOINT", "127.0.0.1:5051");
    env.put("MESOS_CHECKPOINT", "1");
    env.put("MESOS_RECOVERY_TIMEOUT", "15mins");
    env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs");
    env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5secs");
    return env;
  }

  @Test
  void readsWhatTheAgentSets() {
    ExecutorEnv env = ExecutorEnv.parse(agentEnv());
    assertEquals("fw-1", env.frameworkId());
    assertEquals("exec-1", env.executorId());
    assertEquals(URI.create("http://127.0.0.1:5051"), env.agentEndpoint());
    assertTrue(env.checkpoint());
    assertEquals(Duration.ofMinutes(15), env.recoveryTimeout());
    assertEquals(Duration.ofSeconds(2), env.subscriptionBackoffMax());
    assertEquals(Duration.ofSeconds(5), env.shutdownGracePeriod());
    assertEquals(Optional.empty(), env.authToken());
  }

  @Test
  void recoverySettingsAreOnlyNeededWithCheckpointing() {
    Map<String, String> raw = agentEnv();
    raw.put("MESOS_CHECKPOINT", "0");
    raw.remove("MESOS_RECOVERY_TIMEOUT");
    raw.remove("MESOS_SUBSCRIPTION_BACKOFF_MAX");
    raw.put("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", "jwt");
    ExecutorEnv env = ExecutorEnv.parse(raw);
    assertFalse(env.checkpoint());
    assertEquals(Optional.of("jwt"), env.authToken());
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    Map<String, String> raw = agentEnv();
    raw.remove("MESOS_FRAMEWORK_ID");
    raw.put("MESOS_AGENT_ENDPOINT", "nowhere");
    raw.put("MESOS_RECOVERY_TIMEOUT", "15 minutes");
    raw.put("MESOS_CHECKPOINT", "true");
    var e = assertThrows(ExecutorEnv.InvalidEnvironment.class, () -> ExecutorEnv.parse(raw));
    assertTrue(e.getMessage().contains("MESOS_FRAMEWORK_ID is not set"), e.getMessage());
    assertTrue(e.getMessage().contains("MESOS_AGENT_ENDPOINT must be ip:port, got 'nowhere'"), e.getMessage());
    assertTrue(e.getMessage().contains("MESOS_CHECKPOINT must be 1 or 0, got 'true'"), e.getMessage());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"2secs, 2000", "15mins, 900000", "1.5secs, 1500", "500ms, 500", "1hrs, 3600000"})
  void durationsAreMesosDurationStrings(String text, long millis) {
    Map<String, String> raw = agentEnv();
    raw.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", text);
    assertEquals(Duration.ofMillis(millis), ExecutorEnv.parse(raw).subscriptionBackoffMax());
  }

  @Test
  void malformedDurationsAreRejectedWithTheVariableName() {
    Map<String, String> raw = agentEnv();
    raw.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5 seconds");
    var e = assertThrows(ExecutorEnv.InvalidEnvironment.class, () -> ExecutorEnv.parse(raw));
    assertTrue(e.getMessage().contains("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: invalid Mesos duration"), e.getMessage());
  }
}
