package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.google.protobuf.ByteString;
import io.k8sm.local.agent.testexec.TinyExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/** Builders shared by the agent's process-level tests: settings, framework, executors, tasks. */
final class AgentFixture {
  static final AgentID AGENT = AgentID.newBuilder().setValue("agent-1").build();

  private AgentFixture() {}

  static RealAgentSettings settings(ActorTestKit kit, Path workDir) {
    return RealAgentSettings.fromConfig(kit.system().settings().config()).toBuilder()
        .workDir(workDir)
        .hostname("localhost")
        .port(0)
        .resources(ResourceSpec.parse("cpus:2;mem:1024;ports:[31000-31010]"))
        .executorShutdownGracePeriod(Duration.ofSeconds(3))
        .executorRegistrationTimeout(Duration.ofSeconds(20))
        .requestTimeout(Duration.ofSeconds(5))
        .build();
  }

  static FrameworkInfo framework(String id, boolean checkpoint) {
    return FrameworkInfo.newBuilder().setUser("test").setName("agent-test")
        .setId(FrameworkID.newBuilder().setValue(id)).setCheckpoint(checkpoint).build();
  }

  /** The tiny test executor, run as this JVM's java with this test class path (no shell). */
  static ExecutorInfo tinyExecutor(String id, Duration grace, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
        "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
        "-cp", System.getProperty("java.class.path"), TinyExecutor.class.getName()));
    argv.addAll(List.of(args));
    CommandInfo command = CommandInfo.newBuilder().setShell(false).setValue(java)
        .addAllArguments(argv).build();
    return executor(id, command, grace);
  }

  /** An executor that never subscribes, so a test can play it over HTTP. */
  static ExecutorInfo sleepingExecutor(String id, Duration grace) {
    return executor(id, CommandInfo.newBuilder().setValue("sleep 60").build(), grace);
  }

  static ExecutorInfo executor(String id, CommandInfo command, Duration grace) {
    return ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue(id)).setCommand(command)
        .setShutdownGracePeriod(DurationInfo.newBuilder().setNanoseconds(grace.toNanos())).build();
  }

  static TaskInfo task(String id, String data, ExecutorInfo executor) {
    return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id)).setAgentId(AGENT)
        .setExecutor(executor).setData(ByteString.copyFromUtf8(data)).build();
  }

  static TaskID taskId(String id) {
    return TaskID.newBuilder().setValue(id).build();
  }

  /** Stops the agent and checks that no child process outlived it. */
  static void stopAndCheckReaped(RealAgent agent) throws Exception {
    agent.stop();
    agent.whenStopped().toCompletableFuture().get(30, TimeUnit.SECONDS);
    for (ProcessHandle child : ProcessHandle.current().children().toList()) {
      child.onExit().get(10, TimeUnit.SECONDS);
    }
    assertEquals(List.of(), ProcessHandle.current().children().map(p -> p.info().commandLine().orElse("?")).toList(),
        "child processes left behind");
  }
}
