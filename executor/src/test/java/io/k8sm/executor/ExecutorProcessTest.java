package io.k8sm.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.protocol.pod.PodStatusReport;
import io.k8sm.protocol.pod.RestartPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole executor as a child process, driven through the executor API by a fake agent. */
class ExecutorProcessTest {
  static final ActorTestKit kit = ActorTestKit.create(DockerFixture.TEST_CONFIG);
  static final Duration WAIT = Duration.ofSeconds(40);
  final DockerFixture docker = new DockerFixture(kit);
  FakeAgent agent;
  ExecutorProcess executor;

  @BeforeEach
  void start() throws Exception {
    agent = new FakeAgent(kit.system());
  }

  @AfterEach
  void stop() throws Exception {
    if (executor != null) {
      executor.close();
    }
    docker.cleanUp();
    agent.close();
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  ExecutorProcess startExecutor() throws Exception {
    return ExecutorProcess.start(ExecutorProcess.agentEnv(agent, docker.owner.frameworkId(), docker.owner.executorId()));
  }

  static Event launch(TaskInfo task) {
    return Event.newBuilder().setType(Event.Type.LAUNCH).setLaunch(Event.Launch.newBuilder().setTask(task)).build();
  }

  /** Every UPDATE received so far: updates of several tasks interleave, none may be skipped. */
  final List<TaskStatus> received = new java.util.ArrayList<>();

  TaskStatus awaitUpdate(TaskInfo task, TaskState state) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < received.size(); checked++) {
        TaskStatus s = received.get(checked);
        if (s.getTaskId().equals(task.getTaskId()) && s.getState() == state) {
          return s;
        }
      }
      try {
        received.add(agent.awaitCall(Call.Type.UPDATE, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))
            .getUpdate().getStatus());
      } catch (AssertionError e) {
        throw new AssertionError("no " + state + " for " + task.getTaskId().getValue() + "; executor output:\n"
            + executor.output(), e);
      }
    }
  }

  @Test
  void shutdownKillsEveryPodAndTheProcessExitsWithinTheGracePeriod() throws Exception {
    int hostPort = DockerFixture.freePort();
    TaskInfo task = Pods.task(Pods.pod("web", RestartPolicy.RESTART_ALWAYS, Pods.httpd("server", hostPort)).build());
    executor = startExecutor();
    var sub = agent.awaitSubscription(WAIT);
    sub.feed().event(FakeAgent.subscribed()).event(launch(task));
    TaskStatus running = awaitUpdate(task, TaskState.TASK_RUNNING);

    HttpClient http = HttpClient.newHttpClient();
    assertEquals(200, HttpProbe.get("http://127.0.0.1:" + hostPort + "/", WAIT).statusCode());
    String endpoint = PodStatusReport.parseFrom(running.getData()).getLogEndpoint();
    assertTrue(endpoint.startsWith("127.0.0.1:"), endpoint);
    HttpResponse<String> logs = http.send(HttpRequest.newBuilder(
        URI.create("http://" + endpoint + "/containerLogs/default/web/server?tailLines=10")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, logs.statusCode());
    assertTrue(logs.body().contains("response:200"), "httpd's request log, via the log endpoint: " + logs.body());

    long shutdownAt = System.nanoTime();
    sub.feed().event(Event.newBuilder().setType(Event.Type.SHUTDOWN).build());
    awaitUpdate(task, TaskState.TASK_KILLED);
    assertTrue(executor.process.waitFor(6, TimeUnit.SECONDS), "exits within the 6 s grace period");
    assertEquals(0, executor.process.exitValue(), executor.output());
    assertEquals(List.of(), docker.containers(), "all pods gone");
    assertTrue(System.nanoTime() - shutdownAt < Duration.ofSeconds(6).toNanos());
  }

  @Test
  void aRestartedExecutorAdoptsReDeliveredTasksAndRemovesTheRest() throws Exception {
    TaskInfo kept = Pods.task(Pods.pod("kept", RestartPolicy.RESTART_ALWAYS,
        Pods.container("main", "k8sm/busybox:1", "sleep", "3600").build()).build());
    TaskInfo dropped = Pods.task(Pods.pod("dropped", RestartPolicy.RESTART_ALWAYS,
        Pods.container("main", "k8sm/busybox:1", "sleep", "3600").build()).build());
    executor = startExecutor();
    var sub = agent.awaitSubscription(WAIT);
    sub.feed().event(FakeAgent.subscribed()).event(launch(kept)).event(launch(dropped));
    awaitUpdate(kept, TaskState.TASK_RUNNING);
    awaitUpdate(dropped, TaskState.TASK_RUNNING);
    Set<String> keptIds = idsOf(kept);
    assertEquals(2, keptIds.size());
    assertEquals(4, docker.containers().size());

    executor.kill9();
    assertEquals(4, docker.containers().size(), "kill -9 leaves the containers running");
    agent.drainCalls();
    received.clear();

    executor = startExecutor();
    var again = agent.awaitSubscription(WAIT);
    again.feed().event(FakeAgent.subscribed()).event(launch(kept));
    awaitUpdate(kept, TaskState.TASK_RUNNING);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (docker.containers().size() != 2 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(keptIds, docker.containers().stream().map(ContainerSnapshot::id).collect(Collectors.toSet()),
        "the re-delivered task's containers are adopted, not duplicated; the other task's are removed");
  }

  @Test
  void withoutCheckpointingALostAgentEndsTheProcessAndItsPods() throws Exception {
    TaskInfo task = Pods.task(Pods.pod("orphan", RestartPolicy.RESTART_ALWAYS,
        Pods.container("main", "k8sm/busybox:1", "sleep", "3600").build()).build());
    Map<String, String> env = new HashMap<>(ExecutorProcess.agentEnv(agent, docker.owner.frameworkId(), docker.owner.executorId()));
    env.put("MESOS_CHECKPOINT", "0");
    env.remove("MESOS_RECOVERY_TIMEOUT");
    env.remove("MESOS_SUBSCRIPTION_BACKOFF_MAX");
    executor = ExecutorProcess.start(env);
    var sub = agent.awaitSubscription(WAIT);
    sub.feed().event(FakeAgent.subscribed()).event(launch(task));
    awaitUpdate(task, TaskState.TASK_RUNNING);

    sub.feed().complete(); // the agent goes away; without checkpointing it will not come back for us
    assertTrue(executor.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), executor.output());
    assertEquals(1, executor.process.exitValue());
    assertEquals(List.of(), docker.containers(), "no container outlives its executor");
  }

  @Test
  void aMissingEnvironmentIsExplainedOnStderrWithANonZeroExit() throws Exception {
    Map<String, String> env = new HashMap<>(ExecutorProcess.agentEnv(agent, "fw", "exec"));
    env.remove("MESOS_AGENT_ENDPOINT");
    env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "soon");
    executor = ExecutorProcess.start(env);
    assertTrue(executor.process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, executor.process.exitValue());
    String out = executor.output();
    assertTrue(out.contains("MESOS_AGENT_ENDPOINT is not set"), out);
    assertTrue(out.contains("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: invalid Mesos duration 'soon'"), out);
  }

  Set<String> idsOf(TaskInfo task) {
    return docker.containers().stream()
        .filter(c -> task.getTaskId().getValue().equals(c.labels().get("io.k8sm.task-id")))
        .map(ContainerSnapshot::id).collect(Collectors.toSet());
  }
}
