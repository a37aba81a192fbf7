package io.k8sm.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.testing.Api;
import io.k8sm.framework.testing.TestPersistence;
import io.k8sm.local.MesosLocal;
import io.k8sm.local.MesosLocalSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of our executor on the real Docker engine: the agent reports the pod's task failed, the
 * pod comes back under its restart policy with a new task, and the old task's containers are
 * removed — counted by the pod's label, never two app containers, none left behind.
 */
class ExecutorKillDockerTest {
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final String NAME = "xk" + UUID.randomUUID().toString().substring(0, 8);

  static final ActorTestKit kit = ActorTestKit.create();

  static void eventually(Duration limit, java.util.function.Supplier<Boolean> check,
      java.util.function.Supplier<String> what) {
    kit.createTestProbe().awaitAssert(limit, Duration.ofMillis(500), () -> {
      assertTrue(check.get(), what);
      return null;
    });
  }

  @AfterAll
  static void cleanUp() {
    kit.shutdownTestKit();
    for (String id : EndToEndDockerTest.docker("ps", "-aq", "--filter", "label=io.k8sm.pod.name=" + NAME)
        .split("\\s+")) {
      if (!id.isBlank()) EndToEndDockerTest.docker("rm", "-f", id);
    }
  }

  /** Task ids on the pod's containers (running or not), by label. */
  static Set<String> taskIds(String role) {
    String out = EndToEndDockerTest.docker("ps", "-a", "--filter", "label=io.k8sm.pod.name=" + NAME, "--filter",
        "label=io.k8sm.role=" + role, "--format", "{{.Label \"io.k8sm.task-id\"}}");
    return Arrays.stream(out.split("\\s+")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
  }

  static long appContainers() {
    return Arrays.stream(EndToEndDockerTest.docker("ps", "-aq", "--filter", "label=io.k8sm.pod.name=" + NAME,
        "--filter", "label=io.k8sm.role=app").split("\\s+")).filter(s -> !s.isBlank()).count();
  }

  @Test
  void aKilledExecutorsPodComesBackAndLeavesNoOrphanContainers() throws Exception {
    assertTrue(EndToEndDockerTest.dockerWorks(), "no Docker engine answers 'docker info'");
    assertTrue(EndToEndDockerTest.executorBuilt(), "executor/target/executor.jar is not built");
    Path work = Files.createTempDirectory("k8sm-xk");
    Config config = ConfigFactory.parseMap(Map.of(
        "k8sm.framework.port", 0,
        "k8sm.framework.pods.restart-min", "200ms",
        "k8sm.framework.executor-path", HOME.resolve("bin/kubernetes-executor").toString(),
        "k8sm.local.agent.work-dir", work.toString(),
        "k8sm.local.work-dir", work.toString())).withFallback(ConfigFactory.load());
    try (MesosLocal mesos = MesosLocal.start(MesosLocalSettings.fromConfig(config).toBuilder().port(0)
            .simulatedAgents(0).build(), config);
         Scheduler s = Scheduler.start(TestPersistence.freshDataDir(config), List.of(URI.create(mesos.masterUrl())),
             b -> { }, List.of())) {
      Api api = new Api(s.apiUrl());
      assertEquals(201, api.send("POST", "/api/v1beta1/pods", Api.pod(NAME, 100, "always", null)).statusCode());
      eventually(Duration.ofSeconds(120),
          () -> api.pod(NAME).at("/currentState/status").asText().equals("Running") && taskIds("app").size() == 1,
          () -> "the pod runs: " + api.pod(NAME).at("/currentState"));
      String first = taskIds("app").iterator().next();
      List<ProcessHandle> executors = ProcessHandle.current().descendants()
          .filter(p -> p.info().commandLine().orElse("").contains("io.k8sm.executor.Main")).toList();
      assertEquals(1, executors.size(), "one executor process below this test");
      executors.get(0).destroyForcibly(); // SIGKILL

      eventually(Duration.ofSeconds(120), () -> {
        Set<String> tasks = taskIds("app");
        return tasks.size() == 1 && !tasks.contains(first) && taskIds("infra").equals(tasks)
            && api.pod(NAME).at("/currentState/status").asText().equals("Running");
      }, () -> "back under a new task, old containers gone: app " + taskIds("app") + " infra " + taskIds("infra")
          + " " + api.pod(NAME).at("/currentState"));
      assertEquals(1, appContainers());
      assertTrue(api.pod(NAME).at("/currentState/message").asText().startsWith("running"));
      assertEquals(200, api.send("DELETE", "/api/v1beta1/pods/" + NAME, null).statusCode());
      eventually(Duration.ofSeconds(60), () -> taskIds("app").isEmpty() && taskIds("infra").isEmpty(),
          () -> "its containers are gone after delete");
    }
  }
}
