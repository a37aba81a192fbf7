package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.k8sm.local.MesosLocalSettings;
import io.k8sm.local.agent.RealAgentSettings;
import io.k8sm.local.agent.ResourceSpec;
import io.k8sm.local.agent.testexec.TinyExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

/**
 * The whole path with a real agent: offer of the real agent, ACCEPT launching a tiny executor
 * process, its updates retried until acknowledged, MESSAGE both ways, KILL, SHUTDOWN and FAILURE.
 */
class RealAgentEndToEndTest extends ConformanceBase {
  private Path workDir;

  @Override
  MesosLocalSettings.Builder settings() {
    try {
      workDir = Files.createTempDirectory("mesos-local-e2e");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    RealAgentSettings agent = RealAgentSettings.fromConfig(com.typesafe.config.ConfigFactory.load()).toBuilder()
        .hostname("localhost")
        .port(0)
        .resources(ResourceSpec.parse("cpus:2;mem:1024;ports:[31000-31010]"))
        .executorShutdownGracePeriod(Duration.ofSeconds(3))
        .executorRegistrationTimeout(Duration.ofSeconds(30))
        .build();
    return super.settings().simulatedAgents(0).workDir(workDir).realAgents(List.of(agent));
  }

  private static ExecutorInfo tinyExecutor(String id) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
        "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
        "-cp", System.getProperty("java.class.path"), TinyExecutor.class.getName()));
    return ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue(id))
        .setCommand(CommandInfo.newBuilder().setShell(false).setValue(java).addAllArguments(argv))
        .setShutdownGracePeriod(DurationInfo.newBuilder().setNanoseconds(Duration.ofSeconds(3).toNanos()))
        .addResources(Launching.scalar("cpus", 0.1)).addResources(Launching.scalar("mem", 64))
        .build();
  }

  @Test
  void launchAcknowledgeMessageKillAndShutdownWithARealExecutor() throws Exception {
    Subscribed sub = subscribe(json, "real");
    Offer offer = awaitOffers(sub.stream(), 1).get(0);
    assertEquals("localhost", offer.getHostname());
    assertEquals(2.0, SubscriptionTest.scalar(offer, "cpus"), 1e-9);
    ExecutorInfo executor = tinyExecutor("tiny");
    TaskInfo a = TaskInfo.newBuilder().setName("a").setTaskId(TaskID.newBuilder().setValue("a"))
        .setAgentId(offer.getAgentId()).setExecutor(executor).addResources(Launching.scalar("cpus", 0.5))
        .setData(ByteString.copyFromUtf8("run")).build();
    TaskInfo b = a.toBuilder().setName("b").setTaskId(TaskID.newBuilder().setValue("b")).build();
    assertEquals(202, json.call(Launching.accept(sub, offer, a, b), sub.stream().streamId()).statusCode());

    TaskStatus running = Launching.awaitState(sub.stream(), "a", TaskState.TASK_RUNNING);
    assertEquals(16, running.getUuid().size());
    // not acknowledged yet: it comes again with the same uuid
    assertEquals(running.getUuid(), Launching.awaitState(sub.stream(), "a", TaskState.TASK_RUNNING).getUuid());
    Launching.ack(json, sub, running);
    Launching.ack(json, sub, Launching.awaitState(sub.stream(), "b", TaskState.TASK_RUNNING));

    Call message = PlainScheduler.call(Call.Type.MESSAGE, sub.id()).setMessage(Call.Message.newBuilder()
        .setAgentId(offer.getAgentId()).setExecutorId(executor.getExecutorId())
        .setData(ByteString.copyFromUtf8("ping"))).build();
    json.call(message, sub.stream().streamId());
    assertTrue(sub.stream().await(Event.Type.MESSAGE).getMessage().getData().toStringUtf8().contains("ping"));

    Call kill = PlainScheduler.call(Call.Type.KILL, sub.id()).setKill(Call.Kill.newBuilder()
        .setTaskId(a.getTaskId()).setAgentId(offer.getAgentId())).build();
    json.call(kill, sub.stream().streamId());
    Launching.ack(json, sub, Launching.awaitState(sub.stream(), "a", TaskState.TASK_KILLED));

    Call shutdown = PlainScheduler.call(Call.Type.SHUTDOWN, sub.id()).setShutdown(Call.Shutdown.newBuilder()
        .setAgentId(offer.getAgentId()).setExecutorId(executor.getExecutorId())).build();
    json.call(shutdown, sub.stream().streamId());
    Event failure = sub.stream().await(e -> e.getType() == Event.Type.FAILURE && e.getFailure().hasExecutorId(),
        Duration.ofSeconds(20), "FAILURE of the executor");
    assertEquals("tiny", failure.getFailure().getExecutorId().getValue());
  }

  @Test
  void closingMesosLocalStopsRunningExecutors() throws Exception {
    Subscribed sub = subscribe(proto, "left-running");
    Offer offer = awaitOffers(sub.stream(), 1).get(0);
    TaskInfo t = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t"))
        .setAgentId(offer.getAgentId()).setExecutor(tinyExecutor("lingering"))
        .addResources(Launching.scalar("cpus", 0.5)).setData(ByteString.copyFromUtf8("run")).build();
    proto.call(Launching.accept(sub, offer, t), sub.stream().streamId());
    Launching.awaitState(sub.stream(), "t", TaskState.TASK_RUNNING);
    assertTrue(ProcessHandle.current().children().findAny().isPresent(), "the executor runs as a child process");
    // the check that no executor outlives close() is in stopMesosLocal
  }

  @Override
  @org.junit.jupiter.api.AfterEach
  void stopMesosLocal() {
    super.stopMesosLocal();
    List<ProcessHandle> left = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
    left.forEach(ProcessHandle::destroyForcibly);
    assertEquals(List.of(), left, "executor processes outlived close()");
    try (var files = Files.walk(workDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
