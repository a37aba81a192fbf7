package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExecutorEnvironmentTest {
  static final RealAgentSettings SETTINGS = RealAgentSettings.fromConfig(ConfigFactory.load()).toBuilder()
      .resources(ResourceSpec.parse("cpus:1"))
      .extraEnvironment(Map.of("OPERATOR", "set", "MESOS_CHECKPOINT", "overridden-by-agent"))
      .build();

  static Map<String, String> env(boolean checkpoint, ExecutorInfo executor) {
    FrameworkInfo fw = AgentFixture.framework("fw", checkpoint);
    return ExecutorEnvironment.build(new ExecutorEnvironment.Inputs(fw, executor,
        AgentID.newBuilder().setValue("a1").build(), "127.0.0.1:5051", Path.of("/sb"), checkpoint, SETTINGS));
  }

  static ExecutorInfo executor(CommandInfo command) {
    return ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("e1")).setCommand(command).build();
  }

  @ParameterizedTest(name = "{0} = {2} (checkpoint {1})")
  @CsvSource(delimiter = '|', nullValues = "ABSENT", value = {
      "MESOS_FRAMEWORK_ID                   | true  | fw",
      "MESOS_EXECUTOR_ID                    | true  | e1",
      "MESOS_AGENT_ENDPOINT                 | true  | 127.0.0.1:5051",
      "MESOS_SLAVE_ID                       | true  | a1",
      "MESOS_SLAVE_PID                      | true  | slave(1)@127.0.0.1:5051",
      "MESOS_DIRECTORY                      | true  | /sb",
      "MESOS_SANDBOX                        | true  | /sb",
      "MESOS_CHECKPOINT                     | true  | 1",
      "MESOS_CHECKPOINT                     | false | 0",
      "MESOS_HTTP_COMMAND_EXECUTOR          | true  | 0",
      "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD | false | 5secs",
      "MESOS_RECOVERY_TIMEOUT               | true  | 15mins",
      "MESOS_RECOVERY_TIMEOUT               | false | ABSENT",
      "MESOS_SUBSCRIPTION_BACKOFF_MAX       | true  | 2secs",
      "MESOS_SUBSCRIPTION_BACKOFF_MAX       | false | ABSENT",
      "OPERATOR                             | false | set",
  })
  void documentedVariables(String name, boolean checkpoint, String expected) {
    assertEquals(expected, env(checkpoint, executor(CommandInfo.newBuilder().setValue("x").build())).get(name));
  }

  @Test
  void executorGracePeriodOverridesTheAgentDefault() {
    ExecutorInfo exec = executor(CommandInfo.newBuilder().setValue("x").build()).toBuilder()
        .setShutdownGracePeriod(DurationInfo.newBuilder().setNanoseconds(Duration.ofMillis(90_000).toNanos())).build();
    assertEquals("1.5mins", env(false, exec).get("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD"));
    assertEquals(Duration.ofSeconds(90), ExecutorEnvironment.gracePeriod(exec, SETTINGS));
  }

  @Test
  void commandEnvironmentHasTheLastWordExceptSecrets() {
    CommandInfo command = CommandInfo.newBuilder().setValue("x").setEnvironment(Environment.newBuilder()
        .addVariables(Environment.Variable.newBuilder().setName("OPERATOR").setValue("framework"))
        .addVariables(Environment.Variable.newBuilder().setName("APP").setValue("1"))
        .addVariables(Environment.Variable.newBuilder().setName("SECRET").setType(Environment.Variable.Type.SECRET)))
        .build();
    Map<String, String> env = env(false, executor(command));
    assertEquals("framework", env.get("OPERATOR"));
    assertEquals("1", env.get("APP"));
    assertFalse(env.containsKey("SECRET"));
  }
}
