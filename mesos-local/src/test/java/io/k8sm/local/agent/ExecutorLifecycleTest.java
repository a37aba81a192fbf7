package io.k8sm.local.agent;

import static io.k8sm.local.agent.AgentFixture.framework;
import static io.k8sm.local.agent.AgentFixture.task;
import static io.k8sm.local.agent.AgentFixture.taskId;
import static io.k8sm.local.agent.AgentFixture.tinyExecutor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.util.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent running the tiny test executor as a real process: the whole executor life. */
class ExecutorLifecycleTest {
  static final ActorTestKit KIT = ActorTestKit.create(com.typesafe.config.ConfigFactory.load());

  @TempDir Path workDir;
  RecordingListener listener;
  RealAgent agent;

  @BeforeEach
  void start() {
    listener = new RecordingListener();
    RealAgentSettings settings = AgentFixture.settings(KIT, workDir).toBuilder()
        .extraEnvironment(Map.of("TINY_EXTRA", "from-agent")).build();
    agent = RealAgent.start(KIT.system(), settings, AgentFixture.AGENT, listener);
  }

  @AfterEach
  void stop() throws Exception {
    AgentFixture.stopAndCheckReaped(agent);
  }

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void executorGetsTheDocumentedEnvironmentAndSandboxAndItsUpdatesAreAcknowledged() throws Exception {
    FrameworkInfo fw = framework("fw-env", true);
    ExecutorInfo base = tinyExecutor("exec-env", Duration.ofMillis(1500));
    ExecutorInfo exec = base.toBuilder().setCommand(base.getCommand().toBuilder().setEnvironment(
        Environment.newBuilder().addVariables(Environment.Variable.newBuilder().setName("TINY_FROM_FRAMEWORK").setValue("yes")))).build();
    agent.launch(fw, exec, List.of(task("t-env", "run", exec)));

    TaskStatus running = listener.nextStatus();
    assertEquals(TaskState.TASK_RUNNING, running.getState());
    assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, running.getSource());
    assertEquals(AgentFixture.AGENT, running.getAgentId(), "the agent fills in its id");
    assertEquals("exec-env", running.getExecutorId().getValue());

    Path runs = workDir.resolve("slaves/agent-1/frameworks/fw-env/executors/exec-env/runs");
    Path sandbox;
    try (Stream<Path> list = Files.list(runs)) {
      sandbox = list.findFirst().orElseThrow();
    }
    Properties env = new Properties();
    try (var in = Files.newBufferedReader(sandbox.resolve("env.properties"))) {
      env.load(in);
    }
    assertEquals("fw-env", env.getProperty("MESOS_FRAMEWORK_ID"));
    assertEquals("exec-env", env.getProperty("MESOS_EXECUTOR_ID"));
    assertEquals(agent.endpoint(), env.getProperty("MESOS_AGENT_ENDPOINT"));
    assertTrue(agent.endpoint().startsWith("127.0.0.1:"), agent.endpoint());
    assertEquals("agent-1", env.getProperty("MESOS_SLAVE_ID"));
    assertEquals("slave(1)@" + agent.endpoint(), env.getProperty("MESOS_SLAVE_PID"));
    assertEquals(sandbox.toString(), env.getProperty("MESOS_DIRECTORY"));
    assertEquals(sandbox.toString(), env.getProperty("MESOS_SANDBOX"));
    assertEquals("1", env.getProperty("MESOS_CHECKPOINT"));
    assertEquals("0", env.getProperty("MESOS_HTTP_COMMAND_EXECUTOR"));
    assertEquals("1.5secs", env.getProperty("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD"));
    assertEquals("15mins", env.getProperty("MESOS_RECOVERY_TIMEOUT"));
    assertEquals("2secs", env.getProperty("MESOS_SUBSCRIPTION_BACKOFF_MAX"));
    assertEquals("yes", env.getProperty("TINY_FROM_FRAMEWORK"));
    assertEquals("from-agent", env.getProperty("TINY_EXTRA"));
    assertTrue(Files.readString(sandbox.resolve("stderr")).contains("tiny executor stderr"));

    // SHUTDOWN makes it exit; its RUNNING task is then failed by the agent.
    agent.shutdownExecutor(fw.getId(), exec.getExecutorId());
    TaskStatus failed = listener.nextStatus();
    assertAgentFailure(failed, "t-env", TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
    RecordingListener.Termination t = listener.nextTermination();
    assertEquals(0, t.waitStatus(), "it exited by itself with 0");
    String stdout = Files.readString(sandbox.resolve("stdout"));
    assertTrue(stdout.contains("EVENT SUBSCRIBED"), stdout);
    assertTrue(stdout.indexOf("EVENT SUBSCRIBED") < stdout.indexOf("EVENT LAUNCH t-env"), stdout);
    assertTrue(stdout.contains("EVENT ACKNOWLEDGED t-env"), "the agent acknowledged the update: " + stdout);
    assertTrue(stdout.contains("EVENT SHUTDOWN"), stdout);
  }

  @Test
  void killIsForwardedAndMessagesTravelBothWays() throws Exception {
    FrameworkInfo fw = framework("fw-kill", false);
    ExecutorInfo exec = tinyExecutor("exec-kill", Duration.ofSeconds(2));
    agent.launch(fw, exec, List.of(task("t-1", "run", exec)));
    assertEquals(TaskState.TASK_RUNNING, listener.nextStatus().getState());

    agent.frameworkMessage(fw.getId(), exec.getExecutorId(), ByteString.fromString("hi"));
    RecordingListener.Message echo = listener.nextMessage();
    assertEquals("echo:hi", echo.data().utf8String());
    assertEquals("exec-kill", echo.executor().getValue());

    agent.kill(fw.getId(), taskId("t-1"), Optional.empty());
    TaskStatus killed = listener.nextStatus();
    assertEquals(TaskState.TASK_KILLED, killed.getState());
    assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, killed.getSource());

    // A second task on the same executor goes to the running process, not a new one.
    agent.launch(fw, exec, List.of(task("t-2", "finish", exec)));
    assertEquals(TaskState.TASK_RUNNING, listener.nextStatus().getState());
    assertEquals(TaskState.TASK_FINISHED, listener.nextStatus().getState());
    try (Stream<Path> runs = Files.list(workDir.resolve("slaves/agent-1/frameworks/fw-kill/executors/exec-kill/runs"))) {
      assertEquals(1, runs.count(), "one executor run");
    }
  }

  @Test
  void executorThatIgnoresShutdownIsKilledAfterTheGracePeriod() throws Exception {
    FrameworkInfo fw = framework("fw-grace", false);
    ExecutorInfo exec = tinyExecutor("exec-grace", Duration.ofMillis(300), "--ignore-shutdown");
    agent.launch(fw, exec, List.of(task("t-g", "run", exec)));
    assertEquals(TaskState.TASK_RUNNING, listener.nextStatus().getState());

    agent.shutdownExecutor(fw.getId(), exec.getExecutorId());
    assertAgentFailure(listener.nextStatus(), "t-g", TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
    assertEquals(9, listener.nextTermination().waitStatus(), "SIGKILL after the grace period");
  }

  @Test
  void executorExitFailsItsTasksAndIsReported() throws Exception {
    FrameworkInfo fw = framework("fw-exit", false);
    ExecutorInfo exec = tinyExecutor("exec-exit", Duration.ofSeconds(2));
    agent.launch(fw, exec, List.of(task("t-x", "exit:3", exec)));

    assertAgentFailure(listener.nextStatus(), "t-x", TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
    RecordingListener.Termination t = listener.nextTermination();
    assertEquals(3 << 8, t.waitStatus(), "wait status of exit code 3");
    assertEquals("exec-exit", t.executor().getValue());
    assertEquals(AgentFixture.AGENT, t.agent());
  }

  @Test
  void executorThatNeverSubscribesIsDestroyedAtTheRegistrationTimeout() throws Exception {
    agent.stop();
    agent.whenStopped().toCompletableFuture().get();
    agent = RealAgent.start(KIT.system(), AgentFixture.settings(KIT, workDir).toBuilder()
        .executorRegistrationTimeout(Duration.ofMillis(400)).build(), AgentFixture.AGENT, listener);
    FrameworkInfo fw = framework("fw-reg", false);
    ExecutorInfo exec = AgentFixture.executor("exec-reg",
        CommandInfo.newBuilder().setValue("sleep 30 & wait").build(), Duration.ofSeconds(2));
    agent.launch(fw, exec, List.of(task("t-r", "run", exec)));

    assertAgentFailure(listener.nextStatus(), "t-r", TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT);
    assertEquals(9, listener.nextTermination().waitStatus());
  }

  @Test
  void taskKilledBeforeDeliveryIsKilledByTheAgentAndAnUnknownTaskIsLost() throws Exception {
    FrameworkInfo fw = framework("fw-early", false);
    ExecutorInfo exec = AgentFixture.sleepingExecutor("exec-early", Duration.ofMillis(200));
    agent.launch(fw, exec, List.of(task("t-e", "run", exec)));
    agent.kill(fw.getId(), taskId("t-e"), Optional.empty());

    TaskStatus killed = listener.nextStatus();
    assertEquals(TaskState.TASK_KILLED, killed.getState());
    assertEquals(TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH, killed.getReason());
    assertEquals(TaskStatus.Source.SOURCE_AGENT, killed.getSource());
    // With nothing left to run, the never-subscribed executor is shut down.
    listener.nextTermination();

    agent.kill(fw.getId(), taskId("nobody"), Optional.empty());
    TaskStatus lost = listener.nextStatus();
    assertEquals(TaskState.TASK_LOST, lost.getState());
    assertEquals(16, lost.getUuid().size());
  }

  static void assertAgentFailure(TaskStatus status, String task, TaskStatus.Reason reason) {
    assertEquals(task, status.getTaskId().getValue());
    assertEquals(TaskState.TASK_FAILED, status.getState());
    assertEquals(reason, status.getReason());
    assertEquals(TaskStatus.Source.SOURCE_AGENT, status.getSource());
    assertEquals(16, status.getUuid().size(), "agent-generated updates carry a uuid");
    assertEquals(AgentFixture.AGENT, status.getAgentId());
  }
}
