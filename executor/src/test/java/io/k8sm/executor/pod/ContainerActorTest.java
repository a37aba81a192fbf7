package io.k8sm.executor.pod;

import static io.k8sm.executor.Pods.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.k8sm.executor.DockerFixture;
import io.k8sm.executor.Pods;
import io.k8sm.executor.docker.ContainerNames.PodKey;
import io.k8sm.protocol.pod.Container;
import io.k8sm.protocol.pod.PodTask;
import io.k8sm.protocol.pod.PortMapping;
import io.k8sm.protocol.pod.RestartPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContainerActorTest {
  static final ActorTestKit kit = ActorTestKit.create(DockerFixture.TEST_CONFIG);
  static final Duration WAIT = Duration.ofSeconds(30);
  final DockerFixture docker = new DockerFixture(kit);

  final List<ActorRef<ContainerActor.Command>> spawned = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    // Stop through the protocol, so that a container being created right now is removed too.
    TestProbe<ContainerActor.Stopped> stopped = kit.createTestProbe();
    for (var actor : spawned) {
      actor.tell(new ContainerActor.Stop(Duration.ZERO, stopped.getRef()));
      stopped.expectTerminated(actor, WAIT);
    }
    docker.cleanUp();
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainerWithGrowingBackoff() {
    TestProbe<ContainerActor.Reported> reports = spawnHttpd("(sleep 1; rm /www/healthz) &",
        web -> web.setLivenessProbe(Pods.httpProbe("/healthz", 80, 1, 1)));

    List<String> backoffs = new ArrayList<>();
    ContainerActor.Reported r;
    do {
      r = reports.receiveMessage(WAIT);
      if (r.status().hasWaiting() && r.status().getWaiting().getReason().equals("CrashLoopBackOff")) {
        backoffs.add(r.status().getWaiting().getMessage());
        assertEquals("Unhealthy", r.status().getLastTermination().getReason());
        assertTrue(r.status().getLastTermination().getMessage().contains("/healthz"));
      }
    } while (!(r.status().hasRunning() && r.status().getRestartCount() == 2));
    assertEquals(2, backoffs.size(), backoffs.toString());
    assertTrue(backoffs.get(0).startsWith("back-off 500 ms"), backoffs.toString());
    assertTrue(backoffs.get(1).startsWith("back-off 1000 ms"), backoffs.toString());
    assertEquals(2, docker.containers().size(), "a restart replaces the container, it does not add one");
  }

  @Test
  void aReadinessProbeKeepsTheContainerUnreadyUntilItsPathAppearsAndNeverRestartsIt() {
    TestProbe<ContainerActor.Reported> reports = spawnHttpd("(sleep 2; echo ok > /www/ready) &",
        web -> web.setReadinessProbe(Pods.httpProbe("/ready", 80, 1, 1)));

    ContainerActor.Reported running = firstRunning(reports);
    assertFalse(running.status().getReady(), "running is not ready while a readiness probe has not passed");
    ContainerActor.Reported ready = reports.receiveMessage(WAIT);
    assertTrue(ready.status().getReady(), ready.status().toString());
    assertEquals(running.status().getRunning(), ready.status().getRunning(), "the same run: no restart");
    assertEquals(0, ready.status().getRestartCount());
  }

  @Test
  void aContainerWithoutAReadinessProbeIsReadyWhileItRuns() {
    Container sleeper = container("sleeper", "k8sm/busybox:1", "sleep", "3600").build();
    TestProbe<ContainerActor.Reported> reports = kit.createTestProbe();
    spawn(sleeper, RestartPolicy.RESTART_ALWAYS, 0, reports);
    ContainerActor.Reported running = firstRunning(reports);
    assertTrue(running.status().getReady());
  }

  @Test
  void onFailureRestartsAFailedContainerButLetsASuccessfulOneRest() {
    Container job = container("job", "k8sm/busybox:1", "sh", "-c",
        "if [ -f /tmp/ran ]; then exit 0; fi; touch /tmp/ran; exit 1").build();
    TestProbe<ContainerActor.Reported> reports = kit.createTestProbe();
    spawn(job, RestartPolicy.RESTART_ON_FAILURE, 0, reports);
    ContainerActor.Reported failedOnce = reports.fishForMessage(WAIT, r -> r.status().hasWaiting()
        && r.status().getWaiting().getReason().equals("CrashLoopBackOff")
        ? akka.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0);
    assertEquals(1, failedOnce.status().getLastTermination().getExitCode());
    // A restart is a fresh container: /tmp/ran is gone, so the second run fails again.
    ContainerActor.Reported second = reports.fishForMessage(WAIT, r -> r.status().getRestartCount() == 1
        && r.status().hasWaiting() ? akka.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0);
    assertEquals("CrashLoopBackOff", second.status().getWaiting().getReason());
  }

  @Test
  void stopRemovesTheContainerAndAnswers() {
    Container sleeper = container("sleeper", "k8sm/busybox:1", "sleep", "3600").build();
    TestProbe<ContainerActor.Reported> reports = kit.createTestProbe();
    ActorRef<ContainerActor.Command> actor = spawn(sleeper, RestartPolicy.RESTART_ALWAYS, 0, reports);
    firstRunning(reports);
    TestProbe<ContainerActor.Stopped> stopped = kit.createTestProbe();
    actor.tell(new ContainerActor.Stop(Duration.ofSeconds(1), stopped.getRef()));
    assertEquals("sleeper", stopped.receiveMessage(WAIT).name());
    assertEquals(1, docker.containers().size(), "only the infra container is left");
    reports.expectTerminated(actor, WAIT);
  }

  /**
   * An httpd container "web" serving /www on port 80, published on a free loopback port, started
   * after {@code prelude} in the same shell, with probes added by {@code withProbes}; RestartAlways.
   */
  private TestProbe<ContainerActor.Reported> spawnHttpd(String prelude, UnaryOperator<Container.Builder> withProbes) {
    int hostPort = DockerFixture.freePort();
    Container web = withProbes.apply(container("web", "k8sm/httpd:1", "sh", "-c", prelude + " exec httpd -f -p 80 -h /www")
        .addPorts(PortMapping.newBuilder().setContainerPort(80).setHostPort(hostPort))).build();
    TestProbe<ContainerActor.Reported> reports = kit.createTestProbe();
    spawn(web, RestartPolicy.RESTART_ALWAYS, hostPort, reports);
    return reports;
  }

  private static ContainerActor.Reported firstRunning(TestProbe<ContainerActor.Reported> reports) {
    return reports.fishForMessage(WAIT, r -> r.status().hasRunning()
        ? akka.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0);
  }

  private ActorRef<ContainerActor.Command> spawn(Container c, RestartPolicy policy, int hostPort,
      TestProbe<ContainerActor.Reported> reports) {
    PodTask pod = Pods.pod("p" + UUID.randomUUID().toString().substring(0, 6), policy, c).build();
    PodKey key = new PodKey("default", pod.getName(), pod.getUid(), "task-" + UUID.randomUUID());
    var infraPlan = ContainerPlans.infra(pod, key, docker.owner, "k8sm/pause:1", "127.0.0.1");
    String infra = docker.docker.create(infraPlan).thenCompose(id -> docker.docker.start(id).thenApply(v -> id))
        .toCompletableFuture().join();
    Map<Integer, InetSocketAddress> ports = hostPort == 0 ? Map.of() : Map.of(80, new InetSocketAddress("127.0.0.1", hostPort));
    var actor = kit.spawn(ContainerActor.create(docker.env(), key, c, policy, new Prober.Target(null, infra, ports),
        Duration.ofSeconds(1), Optional.empty(), reports.getRef()));
    spawned.add(actor);
    return actor;
  }
}
