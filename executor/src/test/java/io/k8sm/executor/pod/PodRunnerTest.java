package io.k8sm.executor.pod;

import static io.k8sm.executor.Pods.container;
import static io.k8sm.executor.Pods.httpd;
import static io.k8sm.executor.Pods.pod;
import static io.k8sm.executor.Pods.task;
import static io.k8sm.executor.Updates.awaitState;
import static io.k8sm.executor.Updates.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.k8sm.executor.DockerFixture;
import io.k8sm.executor.Updates;
import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.executor.docker.DockerRuntime;
import io.k8sm.protocol.pod.PodStatusReport;
import io.k8sm.protocol.pod.RestartPolicy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PodRunnerTest {
  static final ActorTestKit kit = ActorTestKit.create(DockerFixture.TEST_CONFIG);
  static final Duration WAIT = Duration.ofSeconds(30);
  final DockerFixture docker = new DockerFixture(kit);

  final List<ActorRef<PodRunner.Command>> spawned = new java.util.ArrayList<>();

  @AfterEach
  void cleanUp() {
    // Kill through the protocol, so that nothing still being created outlives the test.
    TestProbe<PodRunner.Update> probe = kit.createTestProbe();
    for (var runner : spawned) {
      runner.tell(new PodRunner.Kill(Optional.of(Duration.ZERO), false));
      probe.expectTerminated(runner, WAIT);
    }
    docker.cleanUp();
  }

  ActorRef<PodRunner.Command> spawn(TaskInfo task, PodEnv env, TestProbe<PodRunner.Update> updates) {
    var runner = kit.spawn(PodRunner.create(task, env, updates.getRef()));
    spawned.add(runner);
    return runner;
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void twoContainersShareOneNetworkNamespaceAndTheHostPortAnswersOnLoopback() throws Exception {
    int hostPort = DockerFixture.freePort();
    var pod = pod("web", RestartPolicy.RESTART_ALWAYS, httpd("server", hostPort),
        container("client", "k8sm/busybox:1", "sh", "-c",
            "until wget -q -O /tmp/page http://127.0.0.1:80/; do sleep 0.2; done; cat /tmp/page; exec sleep 3600")
            .build()).build();
    TaskInfo task = task(pod);
    TestProbe<PodRunner.Update> updates = kit.createTestProbe();
    ActorRef<PodRunner.Command> runner = spawn(task, docker.env(), updates);

    assertEquals(TaskState.TASK_STARTING, updates.receiveMessage(WAIT).status().getState());
    TaskStatus running = awaitState(updates, TaskState.TASK_RUNNING, WAIT);
    PodStatusReport report = report(running);
    assertEquals(2, report.getContainersCount());
    assertTrue(report.getContainersList().stream().allMatch(c -> c.hasRunning()), report.toString());
    assertTrue(report.getPodIp().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), "the infra container's address: " + report.getPodIp());
    assertEquals(DockerFixture.NODE_IP, report.getHostIp(), "the node's address, not where ports are published");

    var key = new ContainerNames.PodKey("default", "web", pod.getUid(), task.getTaskId().getValue());
    Set<String> names = docker.containers().stream().map(ContainerSnapshot::name).collect(Collectors.toSet());
    assertEquals(Set.of(ContainerNames.infraName(key), ContainerNames.appName(key, "server"),
        ContainerNames.appName(key, "client")), names);

    HttpResponse<String> page = io.k8sm.executor.HttpProbe.get("http://127.0.0.1:" + hostPort + "/", WAIT);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("kubernetes-mesos"));
    assertTrue(awaitLogs(ContainerNames.appName(key, "client"), "kubernetes-mesos"),
        "the client container fetched the server's page over the shared localhost");

    runner.tell(new PodRunner.Kill(Optional.of(Duration.ofSeconds(1)), true));
    TaskStatus killing = awaitState(updates, TaskState.TASK_KILLING, WAIT);
    assertEquals("Killing", report(killing).getReason());
    TaskStatus killed = awaitState(updates, TaskState.TASK_KILLED, WAIT);
    assertEquals("Killed", report(killed).getReason());
    assertEquals(List.of(), docker.containers(), "every container of the pod is removed before TASK_KILLED");
    updates.expectTerminated(runner, WAIT);
  }

  @Test
  void restartPolicyNeverWithExitZeroFinishes() {
    var pod = pod("job", RestartPolicy.RESTART_NEVER, container("main", "k8sm/busybox:1", "sh", "-c", "exit 0").build());
    TestProbe<PodRunner.Update> updates = kit.createTestProbe();
    spawn(task(pod.build()), docker.env(), updates);
    TaskStatus finished = Updates.await(updates, WAIT, s -> s.getState().getNumber() >= 2 && s.getState() != TaskState.TASK_STAGING);
    assertEquals(TaskState.TASK_FINISHED, finished.getState(), finished.getMessage());
    assertEquals(0, report(finished).getContainers(0).getTerminated().getExitCode());
    assertEquals(List.of(), docker.containers());
  }

  @Test
  void restartPolicyNeverWithExitThreeFailsWithTheExitCode() {
    var pod = pod("job", RestartPolicy.RESTART_NEVER, container("main", "k8sm/busybox:1", "sh", "-c", "exit 3").build());
    TestProbe<PodRunner.Update> updates = kit.createTestProbe();
    spawn(task(pod.build()), docker.env(), updates);
    TaskStatus failed = Updates.await(updates, WAIT, s -> s.getState() == TaskState.TASK_FAILED
        || s.getState() == TaskState.TASK_FINISHED);
    assertEquals(TaskState.TASK_FAILED, failed.getState());
    assertEquals(3, report(failed).getContainers(0).getTerminated().getExitCode());
    assertTrue(failed.getMessage().contains("exited with code 3"), failed.getMessage());
  }

  @Test
  void aMissingImageIsReportedAsErrImagePullAndRetriedWithoutCrashing() {
    var pod = pod("ghost", RestartPolicy.RESTART_ALWAYS,
        container("main", "127.0.0.1:9/k8sm/does-not-exist:" + System.nanoTime()).build());
    TaskInfo task = task(pod.build()).toBuilder().setKillPolicy(org.apache.mesos.v1.Protos.KillPolicy.newBuilder()
        .setGracePeriod(org.apache.mesos.v1.Protos.DurationInfo.newBuilder().setNanoseconds(3_000_000_000L))).build();
    TestProbe<PodRunner.Update> updates = kit.createTestProbe();
    ActorRef<PodRunner.Command> runner = spawn(task, docker.env(), updates);
    TaskStatus pulling = Updates.await(updates, WAIT, s -> report(s).getReason().equals("ErrImagePull"));
    assertEquals(TaskState.TASK_STARTING, pulling.getState());
    assertEquals("ErrImagePull", report(pulling).getContainers(0).getWaiting().getReason());
    assertTrue(report(pulling).getMessage().contains("does-not-exist"), report(pulling).getMessage());
    Updates.await(updates, WAIT, s -> report(s).getReason().equals("ErrImagePull")); // retried, still alive

    runner.tell(new PodRunner.Kill(Optional.empty(), true));
    TaskStatus killing = awaitState(updates, TaskState.TASK_KILLING, WAIT);
    assertTrue(killing.getMessage().contains("3000 ms"), "the TaskInfo's kill policy: " + killing.getMessage());
    awaitState(updates, TaskState.TASK_KILLED, WAIT);
    assertEquals(List.of(), docker.containers());
  }

  @Test
  void undecodableTaskDataFailsTheTaskWithTheReason() {
    TaskInfo task = task(pod("x", RestartPolicy.RESTART_NEVER).build()).toBuilder()
        .setData(com.google.protobuf.ByteString.copyFromUtf8("not a pod")).build();
    TestProbe<PodRunner.Update> updates = kit.createTestProbe();
    ActorRef<PodRunner.Command> runner = spawn(task, docker.env(), updates);
    TaskStatus failed = updates.receiveMessage(WAIT).status();
    assertEquals(TaskState.TASK_FAILED, failed.getState());
    assertTrue(failed.getMessage().contains("PodTask"), failed.getMessage());
    updates.expectTerminated(runner, WAIT);
  }

  @Test
  void anUnreachableDockerEngineFailsTheTaskNamingTheSocket() {
    String socket = "unix:///tmp/k8sm-no-docker-" + System.nanoTime() + ".sock";
    DockerRuntime nowhere = new DockerRuntime(socket, docker.blocking);
    var pod = pod("lonely", RestartPolicy.RESTART_ALWAYS, container("main", "k8sm/busybox:1").build());
    TestProbe<PodRunner.Update> updates = kit.createTestProbe();
    spawn(task(pod.build()), docker.env(nowhere), updates);
    TaskStatus failed = awaitState(updates, TaskState.TASK_FAILED, WAIT);
    assertTrue(failed.getMessage().contains(socket), failed.getMessage());
  }

  @Test
  void aRestartedRunnerAdoptsTheTasksContainersInsteadOfDuplicatingThem() {
    int hostPort = DockerFixture.freePort();
    TaskInfo task = task(pod("kept", RestartPolicy.RESTART_ALWAYS, httpd("server", hostPort)).build());
    TestProbe<PodRunner.Update> first = kit.createTestProbe();
    ActorRef<PodRunner.Command> runner = spawn(task, docker.env(), first);
    awaitState(first, TaskState.TASK_RUNNING, WAIT);
    Set<String> before = docker.containers().stream().map(ContainerSnapshot::id).collect(Collectors.toSet());
    kit.stop(runner);

    TestProbe<PodRunner.Update> second = kit.createTestProbe();
    spawn(task, docker.env(), second);
    TaskStatus running = awaitState(second, TaskState.TASK_RUNNING, WAIT);
    Set<String> after = docker.containers().stream().map(ContainerSnapshot::id).collect(Collectors.toSet());
    assertEquals(before, after);
    assertTrue(report(running).getContainers(0).getContainerId().endsWith(
        docker.containers().stream().filter(c -> c.name().startsWith("k8s--server")).findFirst().orElseThrow().id()));
  }

  @Test
  void anAdoptedPodKeepsTheRestartCountOfItsContainers() {
    // Runs 2 s, fails, and is restarted after 500 ms and 1 s of backoff: restart count 2 within ~6 s.
    var pod = pod("crashy", RestartPolicy.RESTART_ALWAYS,
        container("main", "k8sm/busybox:1", "sh", "-c", "sleep 2; exit 1").build()).build();
    TaskInfo task = task(pod);
    TestProbe<PodRunner.Update> first = kit.createTestProbe();
    ActorRef<PodRunner.Command> runner = spawn(task, docker.env(), first);
    Updates.await(first, WAIT, s -> report(s).getContainers(0).hasRunning()
        && report(s).getContainers(0).getRestartCount() == 2);
    kit.stop(runner);
    String main = docker.containers().stream().filter(c -> c.name().startsWith("k8s--main")).findFirst().orElseThrow().id();
    assertEquals(2, ContainerNames.restartCount(docker.docker.inspect(main).toCompletableFuture().join().orElseThrow().labels()));

    TestProbe<PodRunner.Update> second = kit.createTestProbe();
    spawn(task, docker.env(), second);
    TaskStatus adopted = Updates.await(second, WAIT, s -> !report(s).getContainers(0).getContainerId().isEmpty());
    assertTrue(report(adopted).getContainers(0).getRestartCount() >= 2,
        "the count survives the runner: " + report(adopted).getContainers(0));
  }

  @Test
  void containersLeftWithoutARunningInfraContainerAreReplaced() {
    var pod = pod("stale", RestartPolicy.RESTART_ALWAYS, container("main", "k8sm/busybox:1", "sleep", "3600").build()).build();
    TaskInfo task = task(pod);
    var key = new ContainerNames.PodKey("default", "stale", pod.getUid(), task.getTaskId().getValue());
    String staleInfra = docker.docker.create(ContainerPlans.infra(pod, key, docker.owner, "k8sm/pause:1", "127.0.0.1"))
        .toCompletableFuture().join(); // created, never started: its network namespace is gone
    TestProbe<PodRunner.Update> updates = kit.createTestProbe();
    spawn(task, docker.env(), updates);
    awaitState(updates, TaskState.TASK_RUNNING, WAIT);
    List<ContainerSnapshot> now = docker.containers();
    assertEquals(2, now.size());
    assertTrue(now.stream().noneMatch(c -> c.id().equals(staleInfra)), "the stale infra container was replaced");
  }

  private boolean awaitLogs(String containerName, String text) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      String id = docker.containers().stream().filter(c -> c.name().equals(containerName)).findFirst().orElseThrow().id();
      var out = new StringBuilder();
      var done = new java.util.concurrent.CountDownLatch(1);
      docker.docker.logs(id, -1, false, false, f -> out.append(new String(f.getPayload())), e -> done.countDown());
      done.await(5, java.util.concurrent.TimeUnit.SECONDS);
      if (out.toString().contains(text)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
