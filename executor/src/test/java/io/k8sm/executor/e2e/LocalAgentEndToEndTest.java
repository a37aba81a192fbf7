package io.k8sm.executor.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.k8sm.executor.DockerFixture;
import io.k8sm.executor.Pods;
import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerNames.Owner;
import io.k8sm.executor.docker.ContainerNames.PodKey;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.local.agent.AgentListener;
import io.k8sm.local.agent.RealAgent;
import io.k8sm.local.agent.RealAgentSettings;
import io.k8sm.local.agent.ResourceSpec;
import io.k8sm.protocol.pod.PodStatusReport;
import io.k8sm.protocol.pod.PodTask;
import io.k8sm.protocol.pod.RestartPolicy;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executor started for real by mesos-local's agent (a child process launched from an
 * ExecutorInfo, the MESOS_* environment set by the agent), end to end through the executor API.
 */
class LocalAgentEndToEndTest {
  static final ActorTestKit kit = ActorTestKit.create(DockerFixture.TEST_CONFIG);
  static final Duration WAIT = Duration.ofSeconds(60);
  final FrameworkID frameworkId = FrameworkID.newBuilder().setValue("fw-e2e-" + UUID.randomUUID()).build();
  final ExecutorID executorId = ExecutorID.newBuilder().setValue("exec-" + UUID.randomUUID()).build();
  final Owner owner = new Owner(frameworkId.getValue(), executorId.getValue());
  final BlockingQueue<TaskStatus> updates = new LinkedBlockingQueue<>();
  final BlockingQueue<Integer> exits = new LinkedBlockingQueue<>();
  DockerFixture docker;
  RealAgent agent;
  Path workDir;
  CuttableProxy proxy;

  @BeforeEach
  void startAgent() throws Exception {
    docker = new DockerFixture(kit, owner);
    workDir = Files.createTempDirectory("k8sm-e2e-agent");
    RealAgentSettings settings = RealAgentSettings.fromConfig(kit.system().settings().config()).toBuilder()
        .workDir(workDir).bindAddress("127.0.0.1").port(0)
        .resources(ResourceSpec.parse("cpus:2;mem:1024;disk:1024;ports:[31000-32000]"))
        .checkpoint(true).subscriptionBackoffMax(Duration.ofMillis(500)).recoveryTimeout(Duration.ofMinutes(1))
        .executorShutdownGracePeriod(Duration.ofSeconds(8)).build();
    agent = RealAgent.start(kit.system(), settings, AgentID.newBuilder().setValue("agent-e2e").build(), new AgentListener() {
      @Override
      public void statusUpdate(FrameworkID framework, TaskStatus status) {
        updates.add(status);
      }

      @Override
      public void executorTerminated(FrameworkID framework, ExecutorID executor, AgentID id, int waitStatus) {
        exits.add(waitStatus);
      }

      @Override
      public void executorMessage(FrameworkID framework, ExecutorID executor, AgentID id, akka.util.ByteString data) {}
    });
  }

  @AfterEach
  void stopAgent() throws Exception {
    agent.stop(); // SHUTDOWN reaches the executor through the proxy, which closes only afterwards
    agent.whenStopped().toCompletableFuture().get(60, TimeUnit.SECONDS);
    if (proxy != null) {
      proxy.close();
    }
    docker.cleanUp();
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  FrameworkInfo framework() {
    return FrameworkInfo.newBuilder().setId(frameworkId).setName("e2e").setUser("root").setCheckpoint(true).build();
  }

  /** The executor as the agent starts it: this test's JVM and class path, no shell. */
  ExecutorInfo executor(Optional<String> agentEndpointOverride) {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Environment.Builder env = Environment.newBuilder();
    agentEndpointOverride.ifPresent(e -> env.addVariables(Environment.Variable.newBuilder().setName("MESOS_AGENT_ENDPOINT").setValue(e)));
    CommandInfo command = CommandInfo.newBuilder().setShell(false).setValue(java)
        .addAllArguments(List.of(java, "-Xmx256m", "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
            "-Dk8sm.executor.host-ip=127.0.0.1", "-Dk8sm.executor.logs.interface=127.0.0.1",
            "-Dk8sm.executor.default-grace-period=2s",
            "-cp", System.getProperty("java.class.path"), "io.k8sm.executor.Main"))
        .setEnvironment(env).build();
    return ExecutorInfo.newBuilder().setExecutorId(executorId).setFrameworkId(frameworkId)
        .setName("kubernetes-executor").setCommand(command).build();
  }

  TaskInfo task(PodTask pod) {
    return Pods.task(pod).toBuilder().setAgentId(agent.info().getId()).build();
  }

  TaskStatus await(TaskInfo task, TaskState state) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    StringBuilder seen = new StringBuilder();
    while (System.nanoTime() < deadline) {
      TaskStatus s = updates.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (s == null) {
        break;
      }
      seen.append(s.getState()).append(' ').append(s.getMessage()).append('\n');
      if (s.getTaskId().equals(task.getTaskId()) && s.getState() == state) {
        return s;
      }
    }
    throw new AssertionError("no " + state + " within " + WAIT + "; saw:\n" + seen + "executor stderr:\n" + executorStderr());
  }

  String executorStderr() {
    try (var files = Files.walk(workDir)) {
      return files.filter(p -> p.getFileName().toString().equals("stderr") || p.getFileName().toString().equals("stdout"))
          .map(p -> {
            try {
              return p + ":\n" + Files.readString(p);
            } catch (Exception e) {
              return p + ": " + e;
            }
          }).collect(Collectors.joining("\n"));
    } catch (Exception e) {
      return e.toString();
    }
  }

  @Test
  void aPodLaunchedThroughTheAgentRunsUnderTheSeedsNamesAndIsKilled() throws Exception {
    int hostPort = DockerFixture.freePort();
    PodTask pod = Pods.pod("nginx", RestartPolicy.RESTART_ALWAYS, Pods.httpd("web", hostPort)).build();
    TaskInfo task = task(pod);
    agent.launch(framework(), executor(Optional.empty()), List.of(task));

    assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, await(task, TaskState.TASK_STARTING).getSource());
    TaskStatus running = await(task, TaskState.TASK_RUNNING);
    assertEquals(16, running.getUuid().size());
    assertEquals(2, PodStatusReport.parseFrom(running.getData()).getContainersCount() + 1);
    PodKey key = new PodKey("default", "nginx", pod.getUid(), task.getTaskId().getValue());
    assertEquals(Set.of(ContainerNames.infraName(key), ContainerNames.appName(key, "web")),
        docker.containers().stream().map(ContainerSnapshot::name).collect(Collectors.toSet()));
    HttpResponse<String> page = io.k8sm.executor.HttpProbe.get("http://127.0.0.1:" + hostPort + "/", WAIT);
    assertTrue(page.body().contains("kubernetes-mesos"));

    agent.kill(frameworkId, task.getTaskId(), Optional.empty());
    await(task, TaskState.TASK_KILLED);
    assertEquals(List.of(), docker.containers());

    agent.shutdownExecutor(frameworkId, executorId);
    assertEquals(0, exits.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "the executor exits 0 after SHUTDOWN");
  }

  @Test
  void updatesMadeWhileTheAgentConnectionIsDownAreResentOnReSubscribe() throws Exception {
    String real = agent.endpoint();
    int colon = real.lastIndexOf(':');
    proxy = new CuttableProxy(new InetSocketAddress(real.substring(0, colon), Integer.parseInt(real.substring(colon + 1))));
    {
      PodTask pod = Pods.pod("job", RestartPolicy.RESTART_NEVER,
          Pods.container("main", "k8sm/busybox:1", "sleep", "3600").build()).build();
      TaskInfo task = task(pod);
      agent.launch(framework(), executor(Optional.of(proxy.endpoint())), List.of(task));
      await(task, TaskState.TASK_RUNNING);

      proxy.cut(); // the executor's connection to the agent drops and cannot come back yet
      String app = docker.containers().stream().filter(c -> c.name().startsWith("k8s--main--")).findFirst().orElseThrow().id();
      new ProcessBuilder("docker", "kill", app).start().waitFor(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!docker.containers().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100); // the pod ends (restartPolicy Never) while the agent is unreachable
      }
      assertEquals(List.of(), docker.containers());
      assertTrue(updates.stream().noneMatch(s -> s.getState() == TaskState.TASK_FAILED), "not delivered yet");

      proxy.open();
      TaskStatus failed = await(task, TaskState.TASK_FAILED);
      assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, failed.getSource());
      assertEquals(137, PodStatusReport.parseFrom(failed.getData()).getContainers(0).getTerminated().getExitCode());
    }
  }
}
